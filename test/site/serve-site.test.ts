import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SiteSettings, siteDefaults } from '../../src/config/site-config.ts';
import type { Store } from '../../src/ports/store.ts';
import { createSiteHandler } from '../../src/site/serve-site.ts';
import { siteModelSettingsFrom } from '../../src/wiring/site.ts';
import { silentLogger } from '../app/vote-helpers.ts';
import { type ExampleRelease, exampleNow, exampleRelease } from './example-release.ts';

let ex: ExampleRelease;
const servers: Server[] = [];
beforeAll(async () => {
  ex = await exampleRelease();
}, 60_000);
afterAll(async () => {
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  ex.cleanup();
});

/** A loopback server answering only what the site handler takes (404 otherwise). */
async function serve(
  site: Partial<SiteSettings>,
  store: Store = ex.store,
  now: () => Date = () => exampleNow,
): Promise<string> {
  const handler = createSiteHandler({
    store,
    models: siteModelSettingsFrom(ex.config),
    site: { ...siteDefaults, ...site },
    now,
    logger: silentLogger,
  });
  const server = createServer((req, res) => {
    if (!handler(req, res)) res.writeHead(404).end('not the site');
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('the release site over HTTP', () => {
  it('is off by default', async () => {
    const base = await serve({});
    const res = await fetch(`${base}/release`);
    expect(res.status).toBe(404);
    expect(await res.text()).toBe('not the site');
  });

  it('serves the release, SIG and KEP pages in public mode, with ETag and Last-Modified for caches', async () => {
    const base = await serve({ access: 'public' });
    const res = await fetch(`${base}/release`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    const etag = res.headers.get('etag')!;
    const lastModified = res.headers.get('last-modified')!;
    expect(etag).toMatch(/^"[\w-]{27}"$/);
    expect(Date.parse(lastModified)).toBeGreaterThan(Date.parse('2025-10-01'));
    expect(await res.text()).toContain('<h1>Kubernetes v1.35 release</h1>');
    const again = await fetch(`${base}/release`, { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    const since = await fetch(`${base}/release`, { headers: { 'if-modified-since': lastModified } });
    expect(since.status).toBe(304);
    const stale = await fetch(`${base}/release`, { headers: { 'if-none-match': '"other"' } });
    expect(stale.status).toBe(200);
    expect((await fetch(`${base}/release/sig-node`)).status).toBe(200);
    expect(await (await fetch(`${base}/release/kep/${ex.keps[0]!.number}`)).text()).toContain(
      `KEP-${ex.keps[0]!.number}`,
    );
    expect((await fetch(`${base}/release/kep/999999`)).status).toBe(404);
    expect((await fetch(`${base}/release/a/b/c`)).status).toBe(404);
    expect((await fetch(`${base}/releases`)).status).toBe(404);
    const post = await fetch(`${base}/release`, { method: 'POST' });
    expect(post.status).toBe(405);
  });

  it('in proxy mode answers only requests that carry the identity headers (and the allowed groups)', async () => {
    const base = await serve({
      access: 'proxy',
      proxy: { ...siteDefaults.proxy, allowedGroups: ['release-team'] },
    });
    const bare = await fetch(`${base}/release`);
    expect(bare.status).toBe(403);
    expect(await bare.text()).toContain('no X-Forwarded-User or X-Forwarded-Email header');
    const outsider = await fetch(`${base}/release`, {
      headers: { 'x-forwarded-user': 'mallory', 'x-forwarded-groups': 'others' },
    });
    expect(outsider.status).toBe(403);
    expect(await outsider.text()).toContain('not in a group that may read this page (release-team)');
    const member = await fetch(`${base}/release`, {
      headers: { 'x-forwarded-email': 'lena@example.org', 'x-forwarded-groups': 'others, release-team' },
    });
    expect(member.status).toBe(200);
    expect(member.headers.get('cache-control')).toBe('private, no-cache');
  });

  it('answers a revalidation with 304 without rendering while the data and the minute are unchanged', async () => {
    let renders = 0;
    // the release page reads the KEPs with their latest updates, a SIG page its states: a read is a render
    const store: Store = {
      ...ex.store,
      site: {
        ...ex.store.site,
        kepsWithLatest: (release) => {
          renders += 1;
          return ex.store.site.kepsWithLatest(release);
        },
        statesOfSig: (sig, release) => {
          renders += 1;
          return ex.store.site.statesOfSig(sig, release);
        },
      },
    };
    let now = exampleNow;
    const base = await serve({ access: 'public' }, store, () => now);
    const first = await fetch(`${base}/release`);
    const etag = first.headers.get('etag')!;
    const lastModified = first.headers.get('last-modified')!;
    expect([first.status, renders]).toEqual([200, 1]);
    const conditional = { 'if-none-match': etag };
    const again = await fetch(`${base}/release`, { headers: conditional });
    expect([again.status, again.headers.get('etag'), again.headers.get('last-modified')]).toEqual([
      304,
      etag,
      lastModified,
    ]);
    expect((await fetch(`${base}/release`, { headers: { 'if-modified-since': lastModified } })).status).toBe(
      304,
    );
    expect(renders).toBe(1);
    // a full answer needs the page: rendered, same ETag
    const full = await fetch(`${base}/release`);
    expect([full.status, full.headers.get('etag'), renders]).toEqual([200, etag, 2]);
    // a write anywhere: rendered again (the page did not change, so still 304)
    ex.store.people.upsertMany([
      { github: 'site-reader', slack: 'U0READER', timezone: 'UTC', quietHours: null },
    ]);
    expect((await fetch(`${base}/release`, { headers: conditional })).status).toBe(304);
    expect(renders).toBe(3);
    expect((await fetch(`${base}/release`, { headers: conditional })).status).toBe(304);
    expect(renders).toBe(3);
    // another page, and the next minute: rendered, with their own ETags
    const sig = await fetch(`${base}/release/sig-node`, { headers: conditional });
    expect([sig.status, renders]).toEqual([200, 4]);
    now = new Date(exampleNow.getTime() + 60_000);
    const later = await fetch(`${base}/release`, { headers: conditional });
    expect([later.status, renders]).toEqual([200, 5]);
    expect(later.headers.get('etag')).not.toBe(etag);
  });
});
