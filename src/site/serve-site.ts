/**
 * The release site over HTTP: `GET /release`, `/release/<sig-dir>`, `/release/kep/<number>`,
 * rendered from the store on each request, with an ETag (the page's hash) and Last-Modified (its
 * newest data) so caches revalidate cheaply: while the database is unchanged within the minute, a
 * request carrying the page's ETag is answered 304 from the validators kept, without rendering.
 * Off unless `site.access` is `public` or `proxy`; in `proxy` mode a request must carry the
 * identity headers an oauth2-proxy-style sidecar sets.
 */
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SiteSettings } from '../config/site-config.ts';
import type { Logger } from '../ports/logger.ts';
import type { Store } from '../ports/store.ts';
import { esc } from './html.ts';
import type { SiteModelSettings } from './release-model.ts';
import type { renderSitePage } from './site.ts';
import { parseSitePath, type RenderedPage, type SitePage, servedLinks, sitePath } from './site-paths.ts';

/** Where the site is served. */
export const sitePrefix = '/release';

export interface SiteHandlerDeps {
  store: Store;
  models: SiteModelSettings;
  site: SiteSettings;
  now: () => Date;
  logger: Logger;
}

/** Handles a request for the site; false when the path is not the site's (or the site is off). */
export type SiteHandler = (req: IncomingMessage, res: ServerResponse) => boolean;

const securityHeaders = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
  // no script at all: the page is HTML, CSS and inline SVG
  'content-security-policy':
    "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'",
};

type RenderSitePage = typeof renderSitePage;

/**
 * The renderer, loaded at the first request for a page rather than at start: with Observable Plot,
 * linkedom and dagre it is some 270 modules, about half a second and 30 MiB that a bot nobody
 * asks for the page never needs. Later requests reuse it; a failed load is tried again.
 */
let renderer: Promise<RenderSitePage> | null = null;
function loadRenderer(): Promise<RenderSitePage> {
  renderer ??= import('./site.ts').then(
    (site) => site.renderSitePage,
    (error: unknown) => {
      renderer = null;
      throw error;
    },
  );
  return renderer;
}

export function createSiteHandler(deps: SiteHandlerDeps): SiteHandler {
  const cache: ValidatorCache = new Map();
  return (req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (deps.site.access === 'off' || (path !== sitePrefix && !path.startsWith(`${sitePrefix}/`)))
      return false;
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res
        .writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' })
        .end('The release page is read-only: use GET.\n');
      return true;
    }
    const refused = deps.site.access === 'proxy' ? proxyRefusal(req, deps.site.proxy) : null;
    if (refused) {
      res
        .writeHead(403, { 'content-type': 'text/plain; charset=utf-8', ...securityHeaders })
        .end(`${refused}\n`);
      return true;
    }
    const rest = path.slice(sitePrefix.length);
    loadRenderer().then(
      (render) => serve(deps, cache, render, rest, req, res),
      (error: unknown) => {
        deps.logger.error('the release page renderer failed to load', { error, path: rest });
        res
          .writeHead(500, { 'content-type': 'text/plain; charset=utf-8' })
          .end('The page could not be rendered; the error is in the bot log.\n');
      },
    );
    return true;
  };
}

/** Why a request did not come through the authenticating proxy (or its user may not read); null when it may. */
export function proxyRefusal(req: IncomingMessage, proxy: SiteSettings['proxy']): string | null {
  const header = (name: string) => {
    const value = req.headers[name.toLowerCase()];
    return (Array.isArray(value) ? value.join(',') : (value ?? '')).trim();
  };
  if (header(proxy.userHeader) === '' && header(proxy.emailHeader) === '')
    return `Sign in first: this page is served behind an authenticating proxy, and the request carries no ${proxy.userHeader} or ${proxy.emailHeader} header.`;
  if (proxy.allowedGroups.length === 0) return null;
  const groups = header(proxy.groupsHeader)
    .split(',')
    .map((g) => g.trim());
  return proxy.allowedGroups.some((g) => groups.includes(g))
    ? null
    : `Your account is not in a group that may read this page (${proxy.allowedGroups.join(', ')}).`;
}

/** A page's validators, as last sent. */
interface Validators {
  etag: string;
  /** ISO-8601. */
  lastModified: string;
}

/** Validators by (data version, minute, page): the page is the same while all three are. */
type ValidatorCache = Map<string, Validators>;
const validatorCacheSize = 256;

function serve(
  deps: SiteHandlerDeps,
  cache: ValidatorCache,
  render: RenderSitePage,
  rest: string,
  req: IncomingMessage,
  res: ServerResponse,
): void {
  const page = parseSitePath(rest);
  const now = deps.now();
  // read before rendering: a write during the render makes the next request render again
  const key = page ? `${deps.store.site.dataVersion()}\n${now.toISOString()}\n${sitePath(page)}` : '';
  const known = cache.get(key);
  if (known && notModified(req, known.etag, known.lastModified)) {
    res.writeHead(304, cacheHeaders(deps, known)).end();
    return;
  }
  const rendered = page ? renderOrFail(deps, render, page, now, rest, res) : null;
  if (rendered === false) return;
  if (!rendered) {
    const html = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Not found</title></head><body><p>No such page. <a href="${esc(sitePrefix)}">The release page</a> links to every SIG and KEP.</p></body></html>`;
    res.writeHead(404, { 'content-type': 'text/html; charset=utf-8', ...securityHeaders }).end(html);
    return;
  }
  const validators = {
    etag: `"${createHash('sha256').update(rendered.html).digest('base64url').slice(0, 27)}"`,
    lastModified: rendered.lastModified,
  };
  remember(cache, key, validators);
  if (notModified(req, validators.etag, validators.lastModified)) {
    res.writeHead(304, cacheHeaders(deps, validators)).end();
    return;
  }
  res.writeHead(200, { ...cacheHeaders(deps, validators), 'content-type': 'text/html; charset=utf-8' });
  res.end(req.method === 'HEAD' ? undefined : rendered.html);
}

/** The page, null when it names nothing, false after answering 500 (the error is logged). */
function renderOrFail(
  deps: SiteHandlerDeps,
  render: RenderSitePage,
  page: SitePage,
  now: Date,
  rest: string,
  res: ServerResponse,
): RenderedPage | null | false {
  try {
    return render(deps.store, deps.models, page, servedLinks(sitePrefix), now);
  } catch (error) {
    deps.logger.error('release page failed to render', { error, path: rest });
    res
      .writeHead(500, { 'content-type': 'text/plain; charset=utf-8' })
      .end('The page could not be rendered; the error is in the bot log.\n');
    return false;
  }
}

function remember(cache: ValidatorCache, key: string, validators: Validators): void {
  cache.delete(key);
  cache.set(key, validators);
  if (cache.size > validatorCacheSize) cache.delete(cache.keys().next().value!);
}

function cacheHeaders(deps: SiteHandlerDeps, validators: Validators): Record<string, string> {
  return {
    etag: validators.etag,
    'last-modified': new Date(validators.lastModified).toUTCString(),
    'cache-control': deps.site.access === 'public' ? 'public, no-cache' : 'private, no-cache',
    ...(deps.site.access === 'proxy'
      ? { vary: `${deps.site.proxy.userHeader}, ${deps.site.proxy.emailHeader}` }
      : {}),
    ...securityHeaders,
  };
}

/** If-None-Match wins; If-Modified-Since counts only without it (RFC 9110 §13.2.2). */
function notModified(req: IncomingMessage, etag: string, lastModified: string): boolean {
  const match = req.headers['if-none-match'];
  if (match !== undefined)
    return match.split(',').some((t) => t.trim().replace(/^W\//, '') === etag || t.trim() === '*');
  const since = req.headers['if-modified-since'];
  if (since === undefined) return false;
  const sinceMs = Date.parse(since);
  return (
    Number.isFinite(sinceMs) && Math.floor(Date.parse(lastModified) / 1000) <= Math.floor(sinceMs / 1000)
  );
}
