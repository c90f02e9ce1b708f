/**
 * Nothing after the fact, through the local workspace on a fake clock: a nudge whose quiet hours
 * outlast its round is not sent, one that can land before the close goes at the first allowed
 * minute, and a nudge or alert Slack holds back past its round's close or its milestone is dropped
 * (logged, counted in /metrics) instead of arriving late.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { ResolvedConfig } from '../../src/config/resolved-config.ts';
import { type SandboxBot, startSandboxBot } from '../../src/sandbox/start-sandbox-bot.ts';
import { createLogger } from '../../src/system/logger.ts';
import { FakeClock } from '../fakes/fake-clock.ts';
import { runUntil, stopFakeTimeSandbox } from './fake-time.ts';
import { keptLogLines, outboxStatuses, readMetrics } from './harness.ts';

let sandbox: SandboxBot | null = null;
afterEach(async () => {
  await stopFakeTimeSandbox(sandbox);
  sandbox = null;
});

const at = (ts: string) => new Date(Math.floor(Number(ts) * 1000)).toISOString();
const storageNudge = 'Your Storage drumbeat update for v1.35 is due';

async function start(clock: FakeClock, editConfig?: (c: ResolvedConfig) => ResolvedConfig) {
  const kept = keptLogLines();
  sandbox = await startSandboxBot({
    mode: 'http',
    clock: { now: () => clock.now() },
    sleep: clock.sleep,
    perChannelIntervalMs: 0,
    workspace: { rate: { perChannelPerSecond: 1_000_000, burst: 1_000_000 } },
    logger: createLogger({ level: 'info', write: kept.write, now: () => clock.now() }),
    healthPort: 0,
    ...(editConfig ? { editConfig } : {}),
  });
  return { sb: sandbox, logs: kept.lines };
}

/** sig-storage's round closes 14 h after it opens instead of 36 h. */
function shortStorageRound(config: ResolvedConfig): ResolvedConfig {
  const sigs = config.sigs.map((sig) =>
    sig.dir === 'sig-storage' ? { ...sig, drumbeat: { ...sig.drumbeat, closeAfterMs: 14 * 3_600_000 } } : sig,
  );
  return { ...config, sigs };
}

describe('nothing after the fact', () => {
  it('does not send a nudge whose quiet hours last past the close; the others go at once', async () => {
    const clock = new FakeClock('2025-10-06T00:00:00Z');
    const { sb, logs } = await start(clock, shortStorageRound);
    // sig-storage opens Tue 16:00Z, nudges Wed 04:00Z (21:00 in Los Angeles) and closes Wed 06:00Z;
    // alice's quiet hours end at 09:00 there (16:00Z): her nudge could only arrive after the close
    await runUntil(sb, clock, '2025-10-09T00:00:00Z');

    const dana = sb.ws.dms('dana-facilitator').map((m) => `${at(m.ts)} ${m.text}`);
    expect(dana).toEqual([`2025-10-08T04:00:00.000Z ${storageNudge}`]);
    expect(sb.ws.dms('alice-facilitator').map((m) => m.text)).not.toContain(storageNudge);
    const skipped = logs.find((l) => l.msg === 'nudge not sent: it could only arrive after the round closes');
    expect(skipped).toMatchObject({
      sig: 'sig-storage',
      github: 'alice-facilitator',
      firstAllowed: '2025-10-08T16:00:00.000Z',
      closeAt: '2025-10-08T06:00:00.000Z',
    });
    const storage = sb.ws.messages('#sig-storage').find((m) => m.text.includes('drumbeat round'))!;
    const closed = sb.ws.replies('#sig-storage', storage.ts).find((m) => m.text.startsWith('Round closed'))!;
    expect(at(closed.ts)).toBe('2025-10-08T06:00:00.000Z');
  });

  it('a deferred nudge that can land before the close goes at the first allowed minute', async () => {
    const clock = new FakeClock('2025-10-06T00:00:00Z');
    const { sb } = await start(clock);
    await runUntil(sb, clock, '2025-10-09T06:00:00Z');
    // the same nudge as above, with sig-storage's usual 36 h round (closing Thu 04:00Z)
    const alice = sb.ws.dms('alice-facilitator').filter((m) => m.text === storageNudge);
    expect(alice.map((m) => at(m.ts))).toEqual(['2025-10-08T16:00:00.000Z']);
  });

  it('drops a nudge and an alert that Slack holds back past the close or the milestone', async () => {
    const clock = new FakeClock('2025-10-06T00:00:00Z');
    const { sb, logs } = await start(clock);
    const aliceIm = sb.ws.openIm(sb.ws.userId('alice-facilitator')).channel.id;
    await runUntil(sb, clock, '2025-10-08T15:00:00Z');
    // alice's deferred nudge is due at 16:00Z; Slack then answers 429 for 13 hours, past the close
    sb.ws.failNext('chat.postMessage', { channel: aliceIm, retryAfter: 13 * 3600 });
    await runUntil(sb, clock, '2025-10-10T09:00:00Z', { drainCapMs: 100 });
    // the PRR freeze's T-2h alert is due at 10:00Z; the release channel is limited for 3 h
    sb.ws.failNext('chat.postMessage', { channel: '#sig-release', retryAfter: 3 * 3600 });
    // its thread replies wait for it: the outbox is not waited for while they do
    await runUntil(sb, clock, '2025-10-10T14:00:00Z', { drainCapMs: 100 });

    expect(sb.ws.dms('alice-facilitator').map((m) => m.text)).not.toContain(storageNudge);
    const releaseAlerts = sb.ws.messages('#sig-release').map((m) => m.text.split(',')[0]);
    expect(releaseAlerts).toContain('Begin Production Readiness Freeze: T-1d');
    expect(releaseAlerts).not.toContain('Begin Production Readiness Freeze: T-2h');
    // the limited calls were tried once each, and never again after the close / the milestone
    const limited = sb.ws.calls('chat.postMessage').filter((c) => c.error === 'ratelimited');
    expect(limited.map((c) => c.at)).toEqual(['2025-10-08T16:00:00.000Z', '2025-10-10T10:00:00.000Z']);
    const toAlice = sb.ws.calls('chat.postMessage').filter((c) => c.args.channel === aliceIm);
    expect(toAlice.filter((c) => c.args.text === storageNudge).map((c) => c.error)).toEqual(['ratelimited']);
    const dropped = logs.filter((l) => l.msg === 'outbox: dropped a message that would arrive too late');
    expect(dropped.map((l) => [l.key, l.expiresAt])).toEqual([
      [expect.stringMatching(/:nudge:alice-facilitator$/), '2025-10-09T04:00:00.000Z'],
      [expect.stringMatching(/:2h:release$/), '2025-10-10T12:00:00.000Z'],
    ]);
    expect(outboxStatuses(sb.bot.db, 'round:sig-storage:')).toMatchObject({ expired: 1 });
    const metrics = await readMetrics(sb.bot.healthPort!);
    expect(metrics.get('drumbeat_outbox_expired_total{lane="scheduled"}')).toBe(2);
  });
});
