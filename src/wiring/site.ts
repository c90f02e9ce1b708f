/** The release site from the config: the page models' settings and the handler the bot serves. */
import type { CustomRoute } from '@slack/bolt';
import type { ResolvedConfig } from '../config/resolved-config.ts';
import type { Clock } from '../ports/clock.ts';
import type { Logger } from '../ports/logger.ts';
import type { Store } from '../ports/store.ts';
import type { SiteModelSettings } from '../site/release-model.ts';
import { createSiteHandler, type SiteHandler, sitePrefix } from '../site/serve-site.ts';
import type { TrackingStatusOf } from '../site/site-types.ts';
import { digestSettingsFrom } from './digest.ts';
import { liveDerived } from './live-view.ts';

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

/** `now` to the start of its minute: a page (and its ETag) stays the same within a minute. */
export function minuteOf(now: Date): Date {
  return new Date(Math.floor(now.getTime() / 60_000) * 60_000);
}

/**
 * The release page as the bot serves it (`/release…`), rendered from the store as of the current
 * minute with the SIGs of the `current` config (a reload swaps it); null when `site.access` is off.
 */
export function botSiteHandler(
  config: ResolvedConfig,
  deps: { store: Store; clock: Clock; logger: Logger },
  current: () => ResolvedConfig = () => config,
): SiteHandler | null {
  if (config.site.access === 'off') return null;
  return createSiteHandler({
    store: deps.store,
    models: liveDerived(current, (latest) => siteModelSettingsFrom(latest)),
    site: config.site,
    now: () => minuteOf(deps.clock.now()),
    logger: deps.logger.child({ component: 'site' }),
  });
}

/** `/release` and everything under it as routes of the Bolt app's HTTP receiver (none when off). */
export function siteRoutes(handler: SiteHandler | null): CustomRoute[] {
  if (!handler) return [];
  const route: CustomRoute['handler'] = (req, res) => {
    if (!handler(req, res)) res.writeHead(404).end();
  };
  // path-to-regexp 8 (Bolt's matcher): a wildcard needs a name; a trailing slash matches either way.
  return [sitePrefix, `${sitePrefix}/*page`].map((path) => ({
    path,
    method: ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH'],
    handler: route,
  }));
}
