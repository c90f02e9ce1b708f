/**
 * How the release site names its pages: '' (the release), a SIG's dir (`sig-node`), or
 * `kep/<number>`, and the links between them. Light on purpose: the bot reads request paths with it
 * without loading the renderer (see serve-site.ts).
 */
import type { SiteLinks } from './html.ts';

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
