/**
 * Slack-side reliability through the front door: the real bot (Bolt, SQLite, the outbox) against
 * the local workspace, in HTTP and Socket Mode. Every assertion is on what the workspace shows.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadEnv } from '../../src/config/env.ts';
import { loadConfig } from '../../src/config/load-config.ts';
import { openDatabase } from '../../src/db/open.ts';
import { createHttpDriver } from '../../src/sandbox/driver.ts';
import { seedFromConfig } from '../../src/sandbox/seed-from-config.ts';
import { type SandboxBot, startSandboxBot } from '../../src/sandbox/start-sandbox-bot.ts';
import { startWebApiServer, type WebApiServer } from '../../src/sandbox/web-api-server.ts';
import { SlackWorkspace } from '../../src/sandbox/workspace.ts';
import { actions } from '../../src/slack/ids.ts';
import { createLogger } from '../../src/system/logger.ts';
import { systemClock } from '../../src/system/system-clock.ts';
import { type RunningBot, startBot } from '../../src/wiring/start-bot.ts';
import { FakeClock } from '../fakes/fake-clock.ts';
import {
  type ChildBot,
  countStatusUpdates,
  duplicateKeys,
  exampleConfig,
  outboxKeyOf,
  outboxStatuses,
  pumpUntil,
  signedCommand,
  slashCommandPayload,
  spawnMain,
  statusPosts,
  tick,
} from './harness.ts';
import { type HoldingProxy, startHoldingProxy } from './holding-proxy.ts';

const release = 'v1.35';

function kepsOf(sandbox: { bot: RunningBot }, sig: string): number[] {
  return sandbox.bot.store.keps.list({ owningSig: sig, latestMilestone: release }).map((k) => k.number);
}

/** Waits until the outbox has nothing pending or in flight (real clock). */
async function outboxIdle(bot: RunningBot): Promise<void> {
  for (let i = 0; i < 500; i++) {
    const { lanes, inFlight } = bot.outbox.stats();
    const open = lanes.interactive.pending + lanes.interactive.sending + lanes.scheduled.pending;
    if (open === 0 && inFlight === 0) return;
    await tick(10);
  }
  throw new Error(`the outbox did not go idle: ${JSON.stringify(bot.outbox.stats())}`);
}

let sandbox: SandboxBot | null = null;
afterEach(async () => {
  await sandbox?.close();
  sandbox = null;
});

describe('a retried delivery is handled once', () => {
  it('HTTP: the same signed slash-command bytes sent twice record one update and post once', async () => {
    sandbox = await startSandboxBot({ mode: 'http', clock: systemClock });
    const { ws, driver, bot } = sandbox;
    const kep = kepsOf(sandbox, 'sig-node')[0]!;
    const request = signedCommand(ws, sandbox.api.origin, {
      user: 'alice-facilitator',
      channel: '#sig-node',
      text: `${kep} at-risk retried by Slack`,
    });

    const first = await driver.raw(request.body, request.headers);
    const second = await driver.raw(request.body, request.headers);

    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ response_type: 'ephemeral', text: `Recorded KEP-${kep}: at-risk` });
    // The duplicate is acknowledged (so Slack stops retrying) without running the command again.
    expect(second.status).toBe(200);
    expect(second.body).toBeNull();
    await ws.waitFor(() => statusPosts(ws, '#sig-node').length === 1);
    await outboxIdle(bot);
    expect(statusPosts(ws, '#sig-node').map((m) => m.text)).toEqual([`KEP-${kep} at-risk`]);
    expect(countStatusUpdates(bot.db)).toBe(1);
  });

  it('HTTP: an Events API delivery retried with X-Slack-Retry-Num: 1 reaches the listeners once', async () => {
    sandbox = await startSandboxBot({ mode: 'http', clock: systemClock });
    const { ws, driver, bot } = sandbox;
    // A listener that posts directly (no outbox): the channel shows every time it ran.
    bot.slack.app.event('app_mention', async ({ event, client }) => {
      await client.chat.postMessage({ channel: event.channel, text: `heard: ${event.text}` });
    });
    const event = {
      type: 'app_mention',
      user: ws.userId('alice-facilitator'),
      channel: ws.channelId('#sig-node'),
      text: 'status please',
      ts: '1760000000.000100',
    };

    const first = await driver.event(event, { eventId: 'Ev0RETRIED01' });
    const retry = await driver.event(event, { eventId: 'Ev0RETRIED01', retryNum: 1 });
    const other = await driver.event({ ...event, text: 'another one' }, { eventId: 'Ev0OTHER0001' });

    expect([first.status, retry.status, other.status]).toEqual([200, 200, 200]);
    await ws.waitFor(() => ws.messages('#sig-node').some((m) => m.text === 'heard: another one'));
    await tick(50);
    expect(ws.messages('#sig-node').map((m) => m.text)).toEqual([
      'heard: status please',
      'heard: another one',
    ]);
  });

  it('Socket Mode: an envelope the app acked late is redelivered by the hub and handled once', async () => {
    sandbox = await startSandboxBot({ mode: 'socket', clock: systemClock });
    const { ws, hub, bot } = sandbox;
    const kep = kepsOf(sandbox, 'sig-node')[1]!;
    // The first handling is slow (after the idempotency middleware has claimed the delivery), so
    // the hub's ack timeout passes and it sends the same envelope again.
    let slowed = 0;
    bot.slack.app.use(async ({ body, next }) => {
      if ((body as { command?: string }).command === '/kep-status' && slowed++ === 0) await tick(400);
      await next();
    });
    const payload = slashCommandPayload(ws, sandbox.api.origin, {
      user: 'alice-facilitator',
      channel: '#sig-node',
      text: `${kep} on-track acked late`,
    });

    const delivery = await hub!.deliver('slash_commands', payload, { ackTimeoutMs: 150, maxAttempts: 4 });

    expect(delivery.attempts).toBeGreaterThanOrEqual(2);
    await ws.waitFor(() => statusPosts(ws, '#sig-node').length === 1);
    await tick(450); // the slow first handling finishes after the redelivery was acked
    await outboxIdle(bot);
    expect(statusPosts(ws, '#sig-node').map((m) => m.text)).toEqual([`KEP-${kep} on-track`]);
    expect(countStatusUpdates(bot.db)).toBe(1);
  });
});

describe.each(['http', 'socket'] as const)('a double click (%s)', (mode) => {
  it('two clicks on Edit within a second open one modal', async () => {
    sandbox = await startSandboxBot({ mode, clock: systemClock });
    const { ws, driver } = sandbox;
    const kep = kepsOf(sandbox, 'sig-node')[3]!;
    await driver.command('alice-facilitator', '#sig-node', '/kep-status', `${kep} on-track`);
    await ws.waitFor(() => ws.ephemerals('alice-facilitator').at(-1)?.text.startsWith('Recorded'));
    const target = { channel: '#sig-node', actionId: actions.kepStatusEdit };

    const clicks = await Promise.all([
      driver.click('alice-facilitator', target),
      tick(150).then(() => driver.click('alice-facilitator', target)),
    ]);

    expect(clicks.map((c) => c.status)).toEqual([200, 200]);
    expect(clicks[0]!.triggerId).not.toBe(clicks[1]!.triggerId);
    await ws.waitFor(() => ws.calls('views.open').length > 0);
    await tick(100);
    expect(ws.calls('views.open')).toHaveLength(1);
    expect(ws.openViews('alice-facilitator')).toHaveLength(1);
  });
});

describe('a 429 storm', () => {
  it('delivers 30 updates across 4 SIG channels once each while chat.postMessage answers 429', async () => {
    const clock = new FakeClock('2026-06-01T00:00:00Z');
    sandbox = await startSandboxBot({ mode: 'http', clock, sleep: clock.sleep });
    const { ws, driver, bot } = sandbox;
    const sigs = ['sig-node', 'sig-scheduling', 'sig-storage', 'sig-instrumentation'];
    const keps = Object.fromEntries(sigs.map((sig) => [sig, kepsOf(sandbox!, sig)]));
    ws.failNext('chat.postMessage', { retryAfter: 1, times: 10 });

    const expected: Record<string, number> = {};
    for (let i = 0; i < 30; i++) {
      const sig = sigs[i % sigs.length]!;
      const list = keps[sig]!;
      const kep = list[Math.floor(i / sigs.length) % list.length]!;
      const state = i % 3 === 0 ? 'at-risk' : 'on-track';
      const result = await driver.command('erin-enhancements', `#${sig}`, '/kep-status', `${kep} ${state}`);
      expect(result.status).toBe(200);
      expected[sig] = (expected[sig] ?? 0) + 1;
    }

    const total = () => sigs.reduce((n, sig) => n + statusPosts(ws, `#${sig}`).length, 0);
    await pumpUntil(clock, () => total() >= 30, '30 status posts');
    // Keep time moving for a while: nothing more may arrive.
    await pumpUntil(clock, () => bot.outbox.stats().inFlight === 0, 'the outbox to settle');
    for (let i = 0; i < 50; i++) {
      clock.advance(200);
      await tick();
    }

    const rateLimited = ws.calls('chat.postMessage').filter((c) => c.error === 'ratelimited');
    expect(rateLimited.length).toBeGreaterThanOrEqual(10);
    for (const sig of sigs) {
      const posts = statusPosts(ws, `#${sig}`);
      expect(posts, sig).toHaveLength(expected[sig]!);
      expect(duplicateKeys(posts), sig).toEqual([]);
    }
    expect(total()).toBe(30);
    expect(countStatusUpdates(bot.db)).toBe(30);
    expect(outboxStatuses(bot.db, 'status:')).toEqual({ sent: 30 });
  });
});

describe.each(['http', 'socket'] as const)('user text arrives inert (%s)', (mode) => {
  it('escapes <!channel>, <!here>, <@U…> and <https://evil|click> in the post and the reply', async () => {
    sandbox = await startSandboxBot({ mode, clock: systemClock });
    const { ws, driver } = sandbox;
    const kep = kepsOf(sandbox, 'sig-node')[2]!;
    const hostile = '<!channel> <!here> ping <@U0000000001> see <https://evil.example/x|click> & more';

    const result = await driver.command(
      'alice-facilitator',
      '#sig-node',
      '/kep-status',
      `${kep} at-risk ${hostile}`,
    );

    expect(result.status).toBe(200);
    const post = await ws.waitFor(() => statusPosts(ws, '#sig-node')[0]);
    const reply = await ws.waitFor(() => ws.ephemerals('alice-facilitator').at(-1));
    for (const shown of [
      JSON.stringify(post.blocks) + post.text,
      JSON.stringify(reply.blocks) + reply.text,
    ]) {
      expect(shown).not.toContain('<!channel>');
      expect(shown).not.toContain('<!here>');
      expect(shown).not.toContain('<@U0000000001>');
      expect(shown).not.toContain('<https://evil');
    }
    const section = JSON.stringify(post.blocks);
    expect(section).toContain('&lt;!channel&gt; &lt;!here&gt; ping &lt;@U0000000001&gt;');
    expect(section).toContain('&lt;https://evil.example/x|click&gt; &amp; more');
  });
});

describe('a Socket Mode reconnect in the middle of a burst', () => {
  it('loses and doubles none of 20 commands', async () => {
    sandbox = await startSandboxBot({
      mode: 'socket',
      clock: systemClock,
      perChannelIntervalMs: 5,
      workspace: { rate: { perChannelPerSecond: 1000, burst: 100 } },
    });
    const { ws, driver, hub, bot } = sandbox;
    const sigs = ['sig-node', 'sig-scheduling', 'sig-storage', 'sig-instrumentation'];
    const keps = Object.fromEntries(sigs.map((sig) => [sig, kepsOf(sandbox!, sig)]));
    const send = (i: number) => {
      const sig = sigs[i % sigs.length]!;
      const kep = keps[sig]![i % keps[sig]!.length]!;
      return driver.command('erin-enhancements', `#${sig}`, '/kep-status', `${kep} on-track burst ${i}`);
    };

    const firstHalf = Array.from({ length: 10 }, (_, i) => send(i));
    await tick(5);
    hub!.requestReconnect();
    const secondHalf = Array.from({ length: 10 }, (_, i) => send(10 + i));
    const results = await Promise.all([...firstHalf, ...secondHalf]);

    expect(results.map((r) => r.status)).toEqual(Array(20).fill(200));
    const all = () => sigs.flatMap((sig) => statusPosts(ws, `#${sig}`));
    await ws.waitFor(() => all().length >= 20, 10_000, '20 status posts');
    await outboxIdle(bot);
    expect(ws.calls('apps.connections.open').length).toBeGreaterThanOrEqual(2);
    expect(bot.slack.isConnected()).toBe(true);
    expect(all()).toHaveLength(20);
    expect(duplicateKeys(all())).toEqual([]);
    expect(countStatusUpdates(bot.db)).toBe(20);
    const notes = (
      bot.db.prepare('SELECT note FROM status_updates ORDER BY note').all() as Array<{ note: string }>
    )
      .map((r) => r.note)
      .sort();
    expect(notes).toEqual(Array.from({ length: 20 }, (_, i) => `burst ${i}`).sort());
  });
});

describe('a kill mid-send, then a restart', () => {
  let api: WebApiServer | null = null;
  let proxy: HoldingProxy | null = null;
  let child: ChildBot | null = null;
  let restarted: RunningBot | null = null;
  let tempDir: string | null = null;
  afterEach(async () => {
    child?.kill('SIGKILL');
    await child?.exited;
    await restarted?.stop({ drainMs: 0 });
    await proxy?.close();
    await api?.close();
    if (tempDir) rmSync(tempDir, { recursive: true, force: true });
    child = null;
    restarted = null;
    proxy = null;
    api = null;
    tempDir = null;
  });

  async function killMidSend(when: 'before' | 'after') {
    const loaded = await loadConfig(exampleConfig);
    if (!loaded.ok) throw new Error('the example config does not load');
    const config = loaded.config;
    const ws = new SlackWorkspace(seedFromConfig(config), { now: () => systemClock.now() });
    api = await startWebApiServer(ws);
    proxy = await startHoldingProxy(api.url);
    tempDir = mkdtempSync(join(tmpdir(), 'drumbeat-kill-'));
    const dbFile = join(tempDir, 'drumbeat.db');
    const env = {
      SLACK_BOT_TOKEN: ws.seed.tokens.bot,
      SLACK_SIGNING_SECRET: ws.seed.signingSecret,
      PORT: '0',
      HOST: '127.0.0.1',
      DRUMBEAT_DB: dbFile,
      DRUMBEAT_CONFIG: exampleConfig,
      LOG_LEVEL: 'info',
    };
    child = spawnMain({ ...env, SLACK_API_URL: proxy.url }, { direct: true });
    const started = await child.waitForLog('drumbeat started');
    const driver = createHttpDriver(ws, {
      appUrl: `http://127.0.0.1:${String(started.port)}/slack/events`,
      responseOrigin: api.origin,
    });
    proxy.holdNext({ method: 'chat.postMessage', match: (body) => body.includes('"key":"status:'), when });

    const kep = 5573;
    const result = await driver.command(
      'alice-facilitator',
      '#sig-node',
      '/kep-status',
      `${kep} blocked killed`,
    );
    expect(result.status).toBe(200);
    await ws.waitFor(() => proxy!.held().length === 1, 5000, 'the held chat.postMessage');
    if (when === 'after') await ws.waitFor(() => statusPosts(ws, '#sig-node').length === 1);
    child.kill('SIGKILL');
    const exit = await child.exited;
    expect(exit.signal).toBe('SIGKILL');

    const db = openDatabase(dbFile);
    const left = db.prepare("SELECT key, status FROM slack_outbox WHERE key LIKE 'status:%'").all();
    db.close();
    expect(left).toEqual([{ key: expect.stringMatching(/^status:/), status: 'sending' }]);
    const key = (left[0] as { key: string }).key;

    const envResult = loadEnv({ ...env, SLACK_API_URL: api.url });
    if (!envResult.ok) throw new Error(envResult.message);
    restarted = await startBot({
      env: envResult.env,
      config,
      clock: systemClock,
      logger: createLogger({ level: 'silent' }),
      scheduler: 'off',
    });
    const delivery = await restarted.outbox.waitFor(key, 5000);
    const posts = statusPosts(ws, '#sig-node');
    expect(posts).toHaveLength(1);
    expect(outboxKeyOf(posts[0]!)).toBe(key);
    expect(posts[0]!.text).toBe(`KEP-${kep} blocked`);
    expect(delivery).toMatchObject({ status: 'sent', ts: posts[0]!.ts });
    expect(countStatusUpdates(restarted.db)).toBe(1);
    return ws;
  }

  it('after Slack accepted the post but before it was marked sent: found on restart, not posted again', async () => {
    const ws = await killMidSend('after');
    // Recovery looked the post up by its metadata key instead of sending it again.
    expect(ws.calls('conversations.history').length).toBeGreaterThan(0);
    expect(
      ws.calls('chat.postMessage').filter((c) => JSON.stringify(c.args).includes('status:')),
    ).toHaveLength(1);
  });

  it('before the call reached Slack: sent once after the restart', async () => {
    const ws = await killMidSend('before');
    expect(
      ws.calls('chat.postMessage').filter((c) => JSON.stringify(c.args).includes('status:')),
    ).toHaveLength(1);
  });
});
