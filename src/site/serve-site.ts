/**
 * The release site over HTTP: `GET /release`, `/release/<sig-dir>`, `/release/kep/<number>`,
 * rendered from the store on each request, with an ETag (the page's hash) and Last-Modified (its
 * newest data) so caches revalidate cheaply. Off unless `site.access` is `public` or `proxy`; in
 * `proxy` mode a request must carry the identity headers an oauth2-proxy-style sidecar sets.
 */
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SiteSettings } from '../config/site-config.ts';
import type { Logger } from '../ports/logger.ts';
import type { Store } from '../ports/store.ts';
import { esc } from './html.ts';
import type { SiteModelSettings } from './release-model.ts';
import { parseSitePath, renderSitePage, servedLinks } from './site.ts';

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

export function createSiteHandler(deps: SiteHandlerDeps): SiteHandler {
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
    serve(deps, path.slice(sitePrefix.length), req, res);
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

function serve(deps: SiteHandlerDeps, rest: string, req: IncomingMessage, res: ServerResponse): void {
  const page = parseSitePath(rest);
  let rendered: ReturnType<typeof renderSitePage> = null;
  try {
    rendered = page
      ? renderSitePage(deps.store, deps.models, page, servedLinks(sitePrefix), deps.now())
      : null;
  } catch (error) {
    deps.logger.error('release page failed to render', { error, path: rest });
    res
      .writeHead(500, { 'content-type': 'text/plain; charset=utf-8' })
      .end('The page could not be rendered; the error is in the bot log.\n');
    return;
  }
  if (!rendered) {
    const html = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Not found</title></head><body><p>No such page. <a href="${esc(sitePrefix)}">The release page</a> links to every SIG and KEP.</p></body></html>`;
    res.writeHead(404, { 'content-type': 'text/html; charset=utf-8', ...securityHeaders }).end(html);
    return;
  }
  const etag = `"${createHash('sha256').update(rendered.html).digest('base64url').slice(0, 27)}"`;
  const lastModified = new Date(rendered.lastModified).toUTCString();
  const headers = {
    etag,
    'last-modified': lastModified,
    'cache-control': deps.site.access === 'public' ? 'public, no-cache' : 'private, no-cache',
    ...(deps.site.access === 'proxy'
      ? { vary: `${deps.site.proxy.userHeader}, ${deps.site.proxy.emailHeader}` }
      : {}),
    ...securityHeaders,
  };
  if (notModified(req, etag, rendered.lastModified)) {
    res.writeHead(304, headers).end();
    return;
  }
  res.writeHead(200, { ...headers, 'content-type': 'text/html; charset=utf-8' });
  res.end(req.method === 'HEAD' ? undefined : rendered.html);
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
