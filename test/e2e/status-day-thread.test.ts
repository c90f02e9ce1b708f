import { afterEach, describe, expect, it } from 'vitest';
import { type SandboxBot, startSandboxBot } from '../../src/sandbox/start-sandbox-bot.ts';
import { FakeClock } from '../fakes/fake-clock.ts';
import { runUntil, settle, stopFakeTimeSandbox } from './fake-time.ts';

let sandbox: SandboxBot | null = null;
afterEach(async () => {
  await stopFakeTimeSandbox(sandbox);
  sandbox = null;
});

const at = (ts: string) => new Date(Math.floor(Number(ts) * 1000)).toISOString();

describe('status posts outside a round: one top-level post per SIG channel and day', () => {
  it('threads later updates of the day under the first, and starts a new post the next day', async () => {
    // Friday: sig-node's round (Tuesdays 16:00 UTC, 36 h) is closed
    const clock = new FakeClock('2025-10-10T10:00:00Z');
    sandbox = await startSandboxBot({
      mode: 'http',
      clock: { now: () => clock.now() },
      sleep: clock.sleep,
      perChannelIntervalMs: 0,
      workspace: { rate: { perChannelPerSecond: 1_000_000, burst: 1_000_000 } },
    });
    const sb = sandbox;
    const { ws } = sb;
    await settle(sb.bot, clock);
    const [a, b, c] = sb.bot.store.keps.list({ owningSig: 'sig-node', latestMilestone: 'v1.35' });
    const report = async (text: string) => {
      await sb.driver.command('alice-facilitator', '#sig-node', '/kep-status', text);
      await settle(sb.bot, clock);
    };
    const topLevel = () => ws.messages('#sig-node').filter((m) => /^KEP-\d+ /.test(m.text));

    await report(`${a!.number} on-track`);
    await report(`${b!.number} at-risk waiting on review`);
    await report(`${c!.number} on-track 90%`);
    expect(topLevel().map((m) => m.text)).toEqual([`KEP-${a!.number} on-track`]);
    const first = topLevel()[0]!;
    expect(ws.replies('#sig-node', first.ts).map((m) => m.text)).toEqual([
      `KEP-${b!.number} at-risk`,
      `KEP-${c!.number} on-track`,
    ]);

    // the next day starts a new top-level post
    await runUntil(sb, clock, '2025-10-11T09:00:00Z');
    await report(`${a!.number} at-risk`);
    expect(topLevel().map((m) => `${at(m.ts).slice(0, 10)} ${m.text}`)).toEqual([
      `2025-10-10 KEP-${a!.number} on-track`,
      `2025-10-11 KEP-${a!.number} at-risk`,
    ]);
  });
});
