import type { SiteSettings } from '../config/site-config.ts';
import type { ReleasePageLinks } from '../ports/release-page-links.ts';

/**
 * The page addresses under `site.url` (the bot's `/release` or wherever the static export is
 * published: both name pages the same way); null without `site.url`, so Slack links nowhere.
 */
export function releasePageLinksFrom(site: Pick<SiteSettings, 'url'>): ReleasePageLinks | null {
  if (site.url === null) return null;
  const base = site.url.replace(/\/+$/, '');
  return {
    release: base,
    sig: (dir) => `${base}/${encodeURIComponent(dir)}`,
    kep: (number) => `${base}/kep/${number}`,
  };
}
