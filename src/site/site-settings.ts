/** The page models' settings from the config. */
import type { ResolvedConfig } from '../config/resolved-config.ts';
import { digestSettingsFrom } from '../slack/digest-deps.ts';
import type { SiteModelSettings } from './release-model.ts';
import type { TrackingStatusOf } from './site-types.ts';

export function siteModelSettingsFrom(
  config: ResolvedConfig,
  trackingStatus: TrackingStatusOf | null = null,
): SiteModelSettings {
  return {
    digest: digestSettingsFrom(config),
    repo: config.github.repo,
    showNotes: config.site.showNotes,
    trackingStatus,
  };
}
