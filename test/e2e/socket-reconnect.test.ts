/**
 * Socket Mode after a disconnect the Slack client does not recover from by itself: Slack asks the
 * bot to reconnect, then refuses `apps.connections.open` once with an error the client counts as
 * unrecoverable. The client stops reconnecting for good; the bot's supervisor connects afresh once
 * Slack answers again, and `/kep-status` is heard again. Everything is observed from outside:
 * `/healthz`, the hub's connections and what the workspace shows.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { type SandboxBot, startSandboxBot } from '../../src/sandbox/start-sandbox-bot.ts';
import { createLogger } from '../../src/system/logger.ts';
import { systemClock } from '../../src/system/system-clock.ts';
import { keptLogLines, readHealth, slashCommandPayload, statusPosts, tick } from './harness.ts';

let sandbox: SandboxBot | null = null;
afterEach(async () => {
  await sandbox?.close();
  sandbox = null;
});

async function until(what: string, ready: () => Promise<boolean> | boolean, ms = 15_000): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await ready()) return;
    await tick(50);
  }
  throw new Error(`timed out waiting for ${what}`);
}

async function slackCheck(port: number): Promise<{ ok: boolean; detail: string }> {
  const { body } = await readHealth(port);
  return (body.checks as Record<string, { ok: boolean; detail: string }>).slack!;
}

describe('Socket Mode: a reconnect the Slack client gives up on', () => {
  it('is made afresh by the bot once Slack answers again, and commands are heard again', async () => {
    const log = keptLogLines();
    sandbox = await startSandboxBot({
      mode: 'socket',
      clock: systemClock,
      healthPort: 0,
      logger: createLogger({ level: 'info', write: log.write }),
      socketSupervisor: { quietMs: 500, checkEveryMs: 100, firstDelayMs: 300, maxDelayMs: 600 },
    });
    const { ws, hub, bot } = sandbox;
    const port = bot.healthPort!;
    expect((await slackCheck(port)).ok).toBe(true);

    ws.failNext('apps.connections.open', { error: 'invalid_auth', times: Number.POSITIVE_INFINITY });
    hub!.requestReconnect();
    await until('the supervisor to have failed once', async () =>
      (await slackCheck(port)).detail.includes('the last fresh connection failed (invalid_auth)'),
    );
    expect(hub!.connections()).toBe(0);
    expect(log.lines.some((l) => l.msg === 'Socket Mode did not connect afresh; trying again')).toBe(true);

    ws.clearFaults('apps.connections.open');
    await until('the Slack check to pass again', async () => (await slackCheck(port)).ok);
    expect(hub!.connections()).toBe(1);
    expect(log.lines.some((l) => l.msg === 'Socket Mode connected again')).toBe(true);

    const kep = bot.store.keps.list({ owningSig: 'sig-node', latestMilestone: 'v1.35' })[0]!.number;
    const payload = slashCommandPayload(ws, sandbox.api.origin, {
      user: 'alice-facilitator',
      channel: '#sig-node',
      text: `${kep} on-track heard after the reconnect`,
    });
    const delivery = await hub!.deliver('slash_commands', payload);
    expect(delivery.attempts).toBe(1);
    await ws.waitFor(() => statusPosts(ws, '#sig-node').length === 1);
    expect(statusPosts(ws, '#sig-node')[0]!.text).toBe(`KEP-${kep} on-track`);
  });
});
