/**
 * Say only what happened, through signed requests to the running bot and the local workspace: a
 * status reply says "Posting to #…" until Slack confirms the post, then says it was posted or why
 * not; a revoked token and failures that pile up show on /healthz, /readyz and /metrics; the PM
 * channel hears once per cause.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { type SandboxBot, startSandboxBot } from '../../src/sandbox/start-sandbox-bot.ts';
import type { SlackWorkspace } from '../../src/sandbox/workspace.ts';
import { systemClock } from '../../src/system/system-clock.ts';
import { readHealth, readMetrics, statusPosts, tick } from './harness.ts';

let sandbox: SandboxBot | null = null;
afterEach(async () => {
  await sandbox?.close();
  sandbox = null;
});

const release = 'v1.35';

function kepsOf(sb: SandboxBot, sig: string): number[] {
  return sb.bot.store.keps.list({ owningSig: sig, latestMilestone: release }).map((k) => k.number);
}

/** What the person saw: the command's own reply and each replacement through its response_url. */
function replies(ws: SlackWorkspace, user: string): string[] {
  return ws.ephemerals(user).map((e) => JSON.stringify(e.blocks));
}

describe('a status reply says only what happened', () => {
  it('says "Posting to #…" in the ack, then "Posted in #…" once Slack has the post', async () => {
    sandbox = await startSandboxBot({ mode: 'http', clock: systemClock });
    const { ws, driver } = sandbox;
    const node = ws.channelId('#sig-node');
    const kep = kepsOf(sandbox, 'sig-node')[0]!;

    const result = await driver.command('alice-facilitator', '#sig-node', '/kep-status', `${kep} on-track`);

    expect(JSON.stringify(result.body)).toContain(`Posting to <#${node}>…`);
    expect(JSON.stringify(result.body)).not.toContain('Posted in');
    const replaced = await ws.waitFor(() =>
      ws.ephemerals('alice-facilitator').find((e) => e.viaResponseUrl && e.replaceOriginal),
    );
    expect(JSON.stringify(replaced.blocks)).toContain(`Posted in <#${node}>.`);
    expect(statusPosts(ws, '#sig-node')).toHaveLength(1);
  });

  it('with the token revoked: never "Posted", the person is told, /healthz and /readyz degrade', async () => {
    sandbox = await startSandboxBot({ mode: 'http', clock: systemClock });
    const { ws, driver, bot } = sandbox;
    const port = bot.port!;
    expect((await readHealth(port)).status).toBe(200);
    const kep = kepsOf(sandbox, 'sig-node')[1]!;
    ws.revokeToken();

    const result = await driver.command('alice-facilitator', '#sig-node', '/kep-status', `${kep} at-risk`);

    expect(JSON.stringify(result.body)).toContain('Posting to');
    const told = await ws.waitFor(() => ws.ephemerals('alice-facilitator').find((e) => e.replaceOriginal));
    expect(JSON.stringify(told.blocks)).toContain('Not posted in');
    expect(JSON.stringify(told.blocks)).toContain('token_revoked');
    for (const reply of replies(ws, 'alice-facilitator')) expect(reply).not.toContain('Posted in');
    expect(statusPosts(ws, '#sig-node')).toEqual([]);
    // the update itself is kept
    expect(bot.store.statusUpdates.latest(bot.store.keps.findByNumber(kep)[0]!.path, release)).toMatchObject({
      state: 'at-risk',
    });

    const health = await readHealth(port);
    expect(health.status).toBe(503);
    expect(health.body).toMatchObject({
      ok: false,
      status: 'degraded',
      checks: { slackToken: { ok: false }, database: { ok: true }, slack: { ok: true } },
    });
    expect(JSON.stringify(health.body)).toContain('token_revoked');
    expect((await readHealth(port, '/readyz')).status).toBe(503);
    expect((await readHealth(port, '/livez')).status).toBe(200);
    const metrics = await readMetrics(port);
    expect(metrics.get('drumbeat_slack_auth_ok{error="token_revoked"}')).toBe(0);
    expect(
      metrics.get(
        'drumbeat_outbox_permanent_failures_total{lane="interactive",error="chat.postMessage: token_revoked"}',
      ),
    ).toBe(1);
    // no notice to the PM channel: with the token refused it could not arrive
    expect(
      ws.calls('chat.postMessage').filter((c) => String(c.args.text).includes('could not deliver')),
    ).toEqual([]);
  });
});

describe('permanent failures that pile up', () => {
  it('degrade /healthz, show in /metrics, and reach the PM channel once per cause', async () => {
    sandbox = await startSandboxBot({ mode: 'http', clock: systemClock });
    const { ws, driver, bot } = sandbox;
    const port = bot.port!;
    const node = ws.channelId('#sig-node');
    ws.failNext('chat.postMessage', {
      channel: '#sig-node',
      error: 'not_in_channel',
      times: Number.POSITIVE_INFINITY,
    });
    const keps = kepsOf(sandbox, 'sig-node');

    for (let i = 0; i < 6; i++) {
      const kep = keps[i % keps.length]!;
      await driver.command('alice-facilitator', '#sig-node', '/kep-status', `${kep} on-track take ${i}`);
    }
    await ws.waitFor(() => bot.outbox.stats().lanes.interactive.failed >= 6, 10_000);
    const notice = await ws.waitFor(() =>
      ws.messages('#sig-pm').find((m) => m.text.startsWith('Drumbeat could not deliver')),
    );
    await tick(200);

    expect(notice.text).toBe('Drumbeat could not deliver 3 messages (chat.postMessage: not_in_channel)');
    expect(JSON.stringify(notice.blocks)).toContain(`<#${node}> (3)`);
    expect(JSON.stringify(notice.blocks)).toContain('/invite @Drumbeat');
    // one notice for the cause, however many more fail
    expect(
      ws.messages('#sig-pm').filter((m) => m.text.startsWith('Drumbeat could not deliver')),
    ).toHaveLength(1);
    const told = ws.ephemerals('alice-facilitator').filter((e) => e.replaceOriginal);
    expect(told).toHaveLength(6);
    for (const reply of told) expect(JSON.stringify(reply.blocks)).toContain('not_in_channel');

    const health = await readHealth(port);
    expect(health.status).toBe(503);
    expect(health.body).toMatchObject({
      status: 'degraded',
      checks: { delivery: { ok: false }, slackToken: { ok: true } },
    });
    const metrics = await readMetrics(port);
    expect(metrics.get('drumbeat_outbox_recent_permanent_failures')).toBe(6);
    expect(metrics.get('drumbeat_slack_auth_ok{error=""}')).toBe(1);
  });

  it('shows the oldest waiting message’s age while a channel is rate limited', async () => {
    sandbox = await startSandboxBot({ mode: 'http', clock: systemClock });
    const { ws, driver, bot } = sandbox;
    ws.failNext('chat.postMessage', {
      channel: '#sig-node',
      retryAfter: 60,
      times: Number.POSITIVE_INFINITY,
    });
    await driver.command(
      'alice-facilitator',
      '#sig-node',
      '/kep-status',
      `${kepsOf(sandbox, 'sig-node')[0]} on-track`,
    );
    await ws.waitFor(() => bot.outbox.stats().lanes.interactive.rateLimited.length === 1);
    await tick(50);

    const metrics = await readMetrics(bot.port!);
    expect(metrics.get('drumbeat_outbox_oldest_pending_seconds')).toBeGreaterThan(0);
    expect(JSON.stringify(ws.ephemerals('alice-facilitator').at(-1)!.blocks)).toContain('Posting to');
  });
});
