import { afterEach, describe, expect, it } from 'vitest';
import type { ResolvedConfig } from '../../src/config/resolved-config.ts';
import { type SandboxBot, startSandboxBot } from '../../src/sandbox/start-sandbox-bot.ts';
import { FakeClock } from '../fakes/fake-clock.ts';
import { runUntil, stopFakeTimeSandbox } from './fake-time.ts';

let sandbox: SandboxBot | null = null;
afterEach(async () => {
  await stopFakeTimeSandbox(sandbox);
  sandbox = null;
});

/** sig-node is chaired by alice (a Slack user) and mrunalp (none). */
function withNodeChairs(config: ResolvedConfig): ResolvedConfig {
  const sigs = config.sigs.map((s) =>
    s.dir === 'sig-node' ? { ...s, chairs: ['alice-facilitator', 'mrunalp'] } : s,
  );
  return { ...config, sigs, sigsByDir: new Map(sigs.map((s) => [s.dir, s])) };
}

const at = (ts: string) => new Date(Math.floor(Number(ts) * 1000)).toISOString();

describe('weekly digest and App Home through the local workspace', () => {
  it("DMs the chair on Monday 09:00 once across a restart, reports the unreachable chair once, and shows the chair's Home", async () => {
    const clock = new FakeClock('2025-10-12T12:00:00Z');
    sandbox = await startSandboxBot({
      mode: 'http',
      clock: { now: () => clock.now() },
      sleep: clock.sleep,
      perChannelIntervalMs: 0,
      editConfig: withNodeChairs,
      workspace: { rate: { perChannelPerSecond: 1_000_000, burst: 1_000_000 } },
    });
    const sb = sandbox;
    const { ws } = sb;
    const kep = sb.bot.store.keps.list({ owningSig: 'sig-node', latestMilestone: 'v1.35' })[0]!;
    await sb.driver.command(
      'alice-facilitator',
      '#sig-node',
      '/kep-status',
      `${kep.number} blocked waiting on sig-auth`,
    );
    await ws.waitFor(() => ws.ephemerals('alice-facilitator')[0]);

    await runUntil(sb, clock, '2025-10-13T09:00:30Z');
    // sig-auth owns no KEP of v1.35: no digest in its channel, one line in the PM channel's notice
    expect(ws.messages('#sig-auth').filter((m) => m.text.startsWith('Weekly digest for Auth'))).toEqual([]);
    const notices = () =>
      ws
        .messages('#sig-pm')
        .filter((m) => /weekly digest\(s\) cannot reach their readers: .*sig-node/.test(m.text));
    expect(notices()).toHaveLength(1);
    expect(JSON.stringify(notices()[0]!.blocks)).toContain('chair `mrunalp` has no Slack user');
    expect(JSON.stringify(notices()[0]!.blocks)).toContain(
      '*Auth* (sig-auth): not sent — sig-auth has no KEP in v1.35: no round, nudge or digest',
    );
    const digests = () => ws.dms('alice-facilitator').filter((m) => m.text.startsWith('Weekly digest'));
    // 09:00 UTC is 02:00 in Los Angeles, inside alice's quiet hours: the DM waits in the outbox
    expect(digests()).toEqual([]);

    await sb.restart();
    await runUntil(sb, clock, '2025-10-13T18:00:00Z');
    // the release's KEPs by the one membership rule: KEP-2535 (latest-milestone v1.37) is not one
    expect(digests().map((m) => `${at(m.ts)} ${m.text}`)).toEqual([
      '2025-10-13T16:00:00.000Z Weekly digest for Node (v1.35): 7 KEP(s), 1 blocked, 0 at risk, 6 stale',
    ]);
    const json = JSON.stringify(digests()[0]!.blocks);
    expect(json).toContain(`|KEP-${kep.number}>`);
    expect(json).toContain('blocked by *sig-auth*');
    expect(json).toContain('Begin Enhancements Freeze');
    expect(notices()).toHaveLength(1);

    await sb.driver.event({ type: 'app_home_opened', user: ws.userId('alice-facilitator'), tab: 'home' });
    const home = await ws.waitFor(() => ws.home('alice-facilitator'));
    const view = JSON.stringify(home.view);
    expect(view).toContain('Your KEPs');
    expect(view).toContain(`"value":"${kep.number}"`);
    expect(view).toContain('Start a vote in Node');
    expect(view).toContain('Next deadlines');
  });

  it('stops at the release instant: one closing digest per SIG that says it is the last, then nothing', async () => {
    // v1.35 is released on 2025-12-17 (date only: the instant is the end of that day, UTC)
    const clock = new FakeClock('2025-12-14T12:00:00Z');
    sandbox = await startSandboxBot({
      mode: 'http',
      clock: { now: () => clock.now() },
      sleep: clock.sleep,
      perChannelIntervalMs: 0,
      editConfig: withNodeChairs,
      workspace: { rate: { perChannelPerSecond: 1_000_000, burst: 1_000_000 } },
    });
    const sb = sandbox;
    const { ws } = sb;
    const digests = () =>
      ws
        .dms('alice-facilitator')
        .filter((m) => /^(Weekly|Last) digest/.test(m.text))
        .map((m) => `${at(m.ts)} ${m.text.split(':')[0]}`);

    await runUntil(sb, clock, '2025-12-15T18:00:00Z');
    expect(digests()).toEqual(['2025-12-15T17:00:00.000Z Weekly digest for Node (v1.35)']);

    await runUntil(sb, clock, '2025-12-18T18:00:00Z');
    expect(digests()).toEqual([
      '2025-12-15T17:00:00.000Z Weekly digest for Node (v1.35)',
      '2025-12-17T23:59:59.999Z Last digest for Node (v1.35)',
    ]);
    const last = ws.dms('alice-facilitator').find((m) => m.text.startsWith('Last digest'))!;
    expect(JSON.stringify(last.blocks)).toContain('v1.35 is released: this is the last digest for it');

    // weeks later: no digest, no round
    const rounds = () => ws.messages('#sig-node').filter((m) => m.text.includes('drumbeat round')).length;
    const roundsAtRelease = rounds();
    await runUntil(sb, clock, '2026-01-10T00:00:00Z');
    expect(digests()).toHaveLength(2);
    expect(rounds()).toBe(roundsAtRelease);
  });
});
