/**
 * The release page served by the running bot: on the Bolt receiver's port in HTTP mode and on
 * HEALTH_PORT in Socket Mode, rendered from the bot's store as of the current minute, with ETags
 * for caches; nothing at all while `site.access` is off.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { ResolvedConfig } from '../../src/config/resolved-config.ts';
import type { SiteSettings } from '../../src/config/site-config.ts';
import { type SandboxBot, startSandboxBot } from '../../src/sandbox/start-sandbox-bot.ts';
import { FakeClock } from '../fakes/fake-clock.ts';
import { runUntil, stopFakeTimeSandbox } from './fake-time.ts';

/** sig-node's digest goes to its channel rather than to its chairs. */
function nodeDigestInChannel(config: ResolvedConfig): ResolvedConfig {
  const sigs = config.sigs.map((s) =>
    s.dir === 'sig-node' ? { ...s, digest: { ...s.digest, to: '#sig-node' } } : s,
  );
  return { ...config, sigs, sigsByDir: new Map(sigs.map((s) => [s.dir, s])) };
}

let sandbox: SandboxBot | null = null;
afterEach(async () => {
  await stopFakeTimeSandbox(sandbox);
  sandbox = null;
});

async function start(
  mode: 'http' | 'socket',
  access: SiteSettings['access'],
  clock: FakeClock,
  url: string | null = null,
  edit: (config: ResolvedConfig) => ResolvedConfig = (config) => config,
) {
  sandbox = await startSandboxBot({
    mode,
    clock: { now: () => clock.now() },
    sleep: clock.sleep,
    perChannelIntervalMs: 0,
    ...(mode === 'socket' ? { healthPort: 0 } : {}),
    editConfig: (config) => edit({ ...config, site: { ...config.site, access, url } }),
    workspace: { rate: { perChannelPerSecond: 1_000_000, burst: 1_000_000 } },
  });
  return sandbox;
}

async function get(port: number, path: string, headers: Record<string, string> = {}) {
  const res = await fetch(`http://127.0.0.1:${port}${path}`, { headers });
  return {
    status: res.status,
    etag: res.headers.get('etag'),
    type: res.headers.get('content-type'),
    html: await res.text(),
  };
}

describe('the release page from the running bot', () => {
  it('HTTP mode: serves /release, a SIG and a KEP on PORT from the store, 304 within the minute', async () => {
    const clock = new FakeClock('2025-10-13T10:00:05Z');
    const sb = await start('http', 'public', clock);
    const port = sb.bot.port!;
    const kep = sb.bot.store.keps.list({ owningSig: 'sig-node', latestMilestone: 'v1.35' })[0]!;

    const release = await get(port, '/release');
    expect(release.status).toBe(200);
    expect(release.type).toBe('text/html; charset=utf-8');
    expect(release.html).toContain('<h1>Kubernetes v1.35 release</h1>');
    expect(release.html).toContain('href="/release/sig-node"');
    expect(release.html).toContain('<svg');
    const sig = await get(port, '/release/sig-node/');
    expect(sig.status).toBe(200);
    expect(sig.html).toContain(`href="/release/kep/${kep.number}"`);
    const before = await get(port, `/release/kep/${kep.number}`);
    expect(before.status).toBe(200);
    expect(before.html).toContain(`KEP-${kep.number}`);
    expect(before.etag).toMatch(/^"[\w-]+"$/);
    expect((await get(port, '/release/sig-nobody')).status).toBe(404);
    expect((await get(port, '/release/kep/1/2')).status).toBe(404);

    clock.advance(20_000);
    const cached = await get(port, `/release/kep/${kep.number}`, { 'if-none-match': before.etag! });
    expect(cached.status).toBe(304);
    expect(cached.html).toBe('');

    await sb.driver.command(
      'alice-facilitator',
      '#sig-node',
      '/kep-status',
      `${kep.number} at-risk waiting on API review`,
    );
    await sb.ws.waitFor(() => sb.ws.ephemerals('alice-facilitator')[0]);
    clock.advance(60_000);
    const after = await get(port, `/release/kep/${kep.number}`, { 'if-none-match': before.etag! });
    expect(after.status).toBe(200);
    expect(after.etag).not.toBe(before.etag);
    expect(after.html).toContain('waiting on API review');
    expect(before.html).not.toContain('waiting on API review');
    // the Slack endpoint and the probes still answer on the same port
    expect((await get(port, '/healthz')).status).toBe(200);
  });

  it('HTTP mode with site.access off: /release is not found, the probes still answer', async () => {
    const clock = new FakeClock('2025-10-13T10:00:05Z');
    const sb = await start('http', 'off', clock);
    const port = sb.bot.port!;
    for (const path of ['/release', '/release/sig-node', '/release/kep/5573'])
      expect((await get(port, path)).status, path).toBe(404);
    expect((await get(port, '/healthz')).status).toBe(200);
  });

  it('Socket Mode: serves the pages on HEALTH_PORT beside /healthz', async () => {
    const clock = new FakeClock('2025-10-13T10:00:05Z');
    const sb = await start('socket', 'public', clock);
    const port = sb.bot.healthPort!;
    const release = await get(port, '/release');
    expect(release.status).toBe(200);
    expect(release.html).toContain('<h1>Kubernetes v1.35 release</h1>');
    expect((await get(port, '/release/sig-node')).status).toBe(200);
    expect((await get(port, '/release', { 'if-none-match': release.etag! })).status).toBe(304);
    expect((await get(port, '/healthz')).status).toBe(200);
    expect((await get(port, '/elsewhere')).status).toBe(404);
  });

  it('Socket Mode with site.access off: HEALTH_PORT has the probes only', async () => {
    const clock = new FakeClock('2025-10-13T10:00:05Z');
    const sb = await start('socket', 'off', clock);
    const port = sb.bot.healthPort!;
    expect((await get(port, '/release')).status).toBe(404);
    expect((await get(port, '/healthz')).status).toBe(200);
  });

  it('with site.url, the weekly digest links to the SIG page instead of the KEP tables, and App Home to the release', async () => {
    const clock = new FakeClock('2025-10-12T12:00:00Z');
    const url = 'https://drumbeat.example.org/release';
    const sb = await start('http', 'public', clock, url, nodeDigestInChannel);
    await runUntil(sb, clock, '2025-10-13T09:00:30Z');
    const digest = sb.ws.messages('#sig-node').find((m) => m.text.startsWith('Weekly digest for Node'))!;
    const blocks = JSON.stringify(digest.blocks);
    expect(blocks).toContain(`<${url}/sig-node|Node on the release page>: all 7 KEPs`);
    expect(blocks).toMatch(/By stage: \d+ \w+/);
    expect(blocks).toMatch(/By state: \d+ no update/);
    expect(blocks).not.toContain('```');
    // the page the digest links to is served
    expect((await get(sb.bot.port!, '/release/sig-node')).status).toBe(200);

    await sb.driver.event({ type: 'app_home_opened', user: sb.ws.userId('alice-facilitator'), tab: 'home' });
    const home = await sb.ws.waitFor(() => sb.ws.home('alice-facilitator'));
    expect(JSON.stringify(home.view)).toContain(`<${url}|The v1.35 release page>`);
  });
});
