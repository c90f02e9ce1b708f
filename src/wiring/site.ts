/** The page models' settings from the config. */
import type { ResolvedConfig } from '../config/resolved-config.ts';
import type { SiteModelSettings } from '../site/release-model.ts';
import type { TrackingStatusOf } from '../site/site-types.ts';
import { digestSettingsFrom } from './digest.ts';

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
