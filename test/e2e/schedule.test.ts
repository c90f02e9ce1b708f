import { afterEach, describe, expect, it } from 'vitest';
import { type SandboxBot, startSandboxBot } from '../../src/sandbox/start-sandbox-bot.ts';
import { recordingLogger } from '../app/schedule-rig.ts';
import { FakeClock } from '../fakes/fake-clock.ts';
import { runUntil, stopFakeTimeSandbox } from './fake-time.ts';

let sandbox: SandboxBot | null = null;
afterEach(async () => {
  await stopFakeTimeSandbox(sandbox);
  sandbox = null;
});

const at = (ts: string) => new Date(Math.floor(Number(ts) * 1000)).toISOString();

describe('drumbeat rounds and deadline alerts through the local workspace', () => {
  it('opens, threads, nudges (after quiet hours), closes and alerts once each, across a restart', async () => {
    const clock = new FakeClock('2025-10-06T00:00:00Z');
    const logger = recordingLogger();
    sandbox = await startSandboxBot({
      mode: 'http',
      clock: { now: () => clock.now() },
      sleep: clock.sleep,
      perChannelIntervalMs: 0,
      workspace: { rate: { perChannelPerSecond: 1_000_000, burst: 1_000_000 } },
      logger,
    });
    const sb = sandbox;
    const { ws } = sb;
    // the SIGs without a KEP in the release are listed once at start
    const idle = logger.lines.filter((l) => l.includes('SIGs with no KEP in v1.35'));
    expect(idle).toHaveLength(1);
    expect(idle[0]).toMatch(/^info SIGs with no KEP in v1\.35 \(no round, nudge or digest\): .*\bsig-auth\b/);
    await runUntil(sb, clock, '2025-10-07T16:30:00Z');

    const parent = ws.messages('#sig-node').at(-1)!;
    expect(at(parent.ts)).toBe('2025-10-07T16:00:00.000Z');
    expect(parent.text).toContain('Node drumbeat round for v1.35');
    expect(JSON.stringify(parent.blocks)).toContain('round_update_kep');

    // a status update during the round goes into the round's thread
    const kep = sb.bot.store.keps.list({ owningSig: 'sig-node', latestMilestone: 'v1.35' })[0]!;
    await sb.driver.command(
      'alice-facilitator',
      '#sig-node',
      '/kep-status',
      `${kep.number} at-risk waiting on review`,
    );
    await ws.waitFor(() =>
      ws.replies('#sig-node', parent.ts).find((m) => m.text === `KEP-${kep.number} at-risk`),
    );

    // dana goes out of office: no nudge for the sig-storage round
    await sb.driver.command('dana-facilitator', '#sig-storage', '/drumbeat', 'ooo until 2025-10-20');
    const ooo = await ws.waitFor(() => ws.ephemerals('dana-facilitator').at(-1));
    expect(ooo.text).toContain('Out of office through 2025-10-20');

    await runUntil(sb, clock, '2025-10-08T10:00:00Z');
    // sig-storage nudged at 04:00 UTC = 21:00 in Los Angeles: alice's DM waits for 09:00 PDT
    expect(ws.dms('alice-facilitator')).toEqual([]);
    expect(ws.dms('dana-facilitator')).toEqual([]);

    await sb.restart(); // mid-cycle: the deferred DM is in the outbox, the rounds are open
    await runUntil(sb, clock, '2025-10-10T13:00:00Z');

    const aliceDms = ws.dms('alice-facilitator').map((m) => `${at(m.ts)} ${m.text}`);
    // sig-node's nudge is not sent: alice updated a sig-node KEP during the round
    expect(aliceDms).toEqual(['2025-10-08T16:00:00.000Z Your Storage drumbeat update for v1.35 is due']);
    expect(ws.dms('dana-facilitator')).toEqual([]);

    const nodeReplies = ws.replies('#sig-node', parent.ts).map((m) => m.text);
    expect(nodeReplies.filter((t) => t.startsWith('Round closed'))).toHaveLength(1);
    const storageParent = ws.messages('#sig-storage').find((m) => m.text.includes('drumbeat round'))!;
    const storageSummary = ws
      .replies('#sig-storage', storageParent.ts)
      .find((m) => m.text.startsWith('Round closed'))!;
    expect(JSON.stringify(storageSummary.blocks)).toContain('*Away:* <@U0000000006>');

    // one round per SIG (the sig-scheduling one opened Wednesday 09:00 in Tokyo), one post per alert
    for (const channel of ['#sig-node', '#sig-storage', '#sig-scheduling'])
      expect(ws.messages(channel).filter((m) => m.text.includes('drumbeat round'))).toHaveLength(1);
    // sig-auth owns no KEP of v1.35: no round
    expect(ws.messages('#sig-auth')).toEqual([]);
    const prrAlerts = ws
      .messages('#sig-release')
      .filter((m) => m.text.startsWith('Begin Production Readiness Freeze'))
      .map((m) => `${at(m.ts)} ${m.text.split(',')[0]}`);
    expect(prrAlerts).toEqual([
      '2025-10-08T12:00:00.000Z Begin Production Readiness Freeze: T-2d',
      '2025-10-09T12:00:00.000Z Begin Production Readiness Freeze: T-1d',
      '2025-10-10T10:00:00.000Z Begin Production Readiness Freeze: T-2h',
    ]);
    const posts = ws.calls('chat.postMessage').filter((c) => c.ok);
    const keys = posts.map((c) => JSON.stringify(c.args.metadata ?? c.args.text));
    expect(new Set(keys).size).toBe(keys.length);
  });
});
