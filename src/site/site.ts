/**
 * The release site: one renderer for the bot's HTTP route and the static export. A page is named
 * by its path under the site root: '' (the release), a SIG's dir (`sig-node`), or `kep/<number>`.
 */
import type { Store } from '../ports/store.ts';
import { buildKepModel, buildSigModel } from './detail-models.ts';
import { renderKepPage, renderSigPage } from './detail-pages.ts';
import type { SiteLinks } from './html.ts';
import { buildReleaseModel, type SiteModelSettings } from './release-model.ts';
import { renderReleasePage } from './release-page.ts';

/** A page of the site. */
export type SitePage = { kind: 'release' } | { kind: 'sig'; dir: string } | { kind: 'kep'; number: number };

export interface RenderedPage {
  html: string;
  /** The newest change the page shows (ISO-8601). */
  lastModified: string;
}

/** Reads a page path (`''`, `sig-node`, `kep/1287`, with or without slashes); null when it names no page. */
export function parseSitePath(path: string): SitePage | null {
  const parts = path.split('/').filter((p) => p !== '' && p !== 'index.html');
  if (parts.length === 0) return { kind: 'release' };
  if (parts.length === 2 && parts[0] === 'kep' && /^\d{1,7}$/.test(parts[1]!))
    return { kind: 'kep', number: Number(parts[1]) };
  if (parts.length === 1 && /^[a-z0-9][a-z0-9-]*$/.test(parts[0]!)) return { kind: 'sig', dir: parts[0]! };
  return null;
}

/** The page's path under the site root, without slashes at either end (`''` for the release). */
export function sitePath(page: SitePage): string {
  if (page.kind === 'release') return '';
  return page.kind === 'sig' ? page.dir : `kep/${page.number}`;
}

/** Renders a page from the store as of `now`; null when the SIG or KEP is unknown. */
export function renderSitePage(
  store: Store,
  settings: SiteModelSettings,
  page: SitePage,
  links: SiteLinks,
  now: Date,
): RenderedPage | null {
  if (page.kind === 'release') {
    const model = buildReleaseModel(store, settings, now);
    return { html: renderReleasePage(model, links), lastModified: model.lastModified };
  }
  if (page.kind === 'sig') {
    const sig = settings.digest.sigs.find((s) => s.dir === page.dir);
    if (!sig) return null;
    const model = buildSigModel(store, settings, sig, now);
    return { html: renderSigPage(model, links), lastModified: model.lastModified };
  }
  const model = buildKepModel(store, settings, page.number, now);
  return model ? { html: renderKepPage(model, links), lastModified: model.lastModified } : null;
}

/** Absolute links under a URL prefix (`/release`): what the bot serves. */
export function servedLinks(prefix: string): SiteLinks {
  return {
    release: prefix || '/',
    sig: (dir) => `${prefix}/${dir}`,
    kep: (n) => `${prefix}/kep/${n}`,
  };
}

/** Relative links from a page of the static export (each page is `<path>/index.html`). */
export function exportedLinks(from: SitePage): SiteLinks {
  const depth = sitePath(from) === '' ? 0 : sitePath(from).split('/').length;
  const up = '../'.repeat(depth);
  return {
    release: `${up}index.html`,
    sig: (dir) => `${up}${dir}/index.html`,
    kep: (n) => `${up}kep/${n}/index.html`,
  };
}
