import { afterEach, describe, expect, it } from 'vitest';
import type { ResolvedConfig } from '../../src/config/resolved-config.ts';
import type { SandboxBot } from '../../src/sandbox/start-sandbox-bot.ts';
import { startSandboxBot } from '../../src/sandbox/start-sandbox-bot.ts';
import { actions } from '../../src/slack/ids.ts';
import { FakeClock } from '../fakes/fake-clock.ts';
import { runUntil, stopFakeTimeSandbox } from './fake-time.ts';

let sandbox: SandboxBot | null = null;
afterEach(async () => {
  await stopFakeTimeSandbox(sandbox);
  sandbox = null;
});

// The example config: erin-enhancements is on the release team; alice reports for sig-node.
const erin = 'erin-enhancements';
const alice = 'alice-facilitator';

async function start(clock: FakeClock, editConfig?: (c: ResolvedConfig) => ResolvedConfig) {
  sandbox = await startSandboxBot({
    mode: 'http',
    clock: { now: () => clock.now() },
    sleep: clock.sleep,
    perChannelIntervalMs: 0,
    ...(editConfig ? { editConfig } : {}),
    workspace: { rate: { perChannelPerSecond: 1_000_000, burst: 1_000_000 } },
  });
  return sandbox;
}

describe('removing a KEP from the milestone through the local workspace', () => {
  it('refuses a non-member, removes after the confirm, shows Removed From Milestone, and restores', async () => {
    const clock = new FakeClock('2025-10-20T10:00:00Z');
    const sb = await start(clock);
    const { ws, driver } = sb;
    const latest = (user: string) => ws.ephemerals(user).at(-1)!;
    const sigList = async () => {
      await driver.command(erin, '#sig-release', '/kep-status', 'sig-node');
      return JSON.stringify(latest(erin).blocks);
    };
    expect(await sigList()).not.toContain('Removed From Milestone');

    await driver.command(alice, '#sig-node', '/drumbeat', 'remove 1287 reason: late');
    const refusal = await ws.waitFor(() => ws.ephemerals(alice).at(-1));
    expect(refusal.text).toMatch(
      /^:warning: Only the release team may remove a KEP from the milestone or restore it: /,
    );
    expect(JSON.stringify(refusal.blocks)).not.toContain(actions.milestoneRemove);

    await driver.command(erin, '#sig-release', '/drumbeat', 'remove 1287 reason: missed <!channel> *freeze*');
    const confirm = await ws.waitFor(() => ws.ephemerals(erin).at(-1));
    expect(JSON.stringify(confirm.blocks)).toContain('"confirm":{"type":"plain_text"');
    expect(JSON.stringify(confirm.blocks)).toContain('&lt;!channel&gt;');
    expect(sb.bot.store.milestoneRemovals.latestByKep('v1.35')).toEqual([]);

    await driver.click(erin, { channel: '#sig-release', actionId: actions.milestoneRemove });
    await runUntil(sb, clock, '2025-10-20T10:00:05Z');
    expect(latest(erin).text).toContain('KEP-1287 is removed from the v1.35 milestone');
    const notices = () => ws.messages('#sig-node').filter((m) => m.text.includes('milestone'));
    expect(notices()).toHaveLength(1);
    expect(notices()[0]!.text).toContain('KEP-1287 was removed from the v1.35 milestone');
    expect(notices()[0]!.text).not.toContain('<!channel>');

    // a second click changes nothing and posts nothing
    await driver.click(erin, { channel: '#sig-release', actionId: actions.milestoneRemove });
    await runUntil(sb, clock, '2025-10-20T10:00:10Z');
    expect(latest(erin).text).toContain('was already removed');
    expect(notices()).toHaveLength(1);

    expect(await sigList()).toMatch(/KEP-1287>[^"]*· _Removed From Milestone_/);
    await driver.command(erin, '#sig-release', '/kep-status', '1287');
    expect(JSON.stringify(latest(erin).blocks)).toContain('*Tracking Status:* Removed From Milestone');

    await driver.command(erin, '#sig-release', '/drumbeat', 'restore 1287');
    await driver.click(erin, { channel: '#sig-release', actionId: actions.milestoneRestore });
    await runUntil(sb, clock, '2025-10-20T10:00:15Z');
    expect(latest(erin).text).toContain('KEP-1287 is restored to the v1.35 milestone');
    expect(notices().map((m) => m.text.split(' milestone')[0])).toEqual([
      'KEP-1287 was removed from the v1.35',
      'KEP-1287 was restored to the v1.35',
    ]);
    expect(await sigList()).not.toContain('Removed From Milestone');
  });
});

describe("the deadline alert's Remove from milestone menu", () => {
  it('offers the KEPs not ready, refuses before the freeze and outside the release team, removes after it', async () => {
    const clock = new FakeClock('2025-10-10T09:00:00Z');
    const sb = await start(clock);
    const { ws, driver } = sb;
    // one sig-node KEP lacks its PRR approval, so it is not ready for PRR Freeze
    const store = sb.bot.store;
    const late = store.keps.list({ owningSig: 'sig-node', latestMilestone: 'v1.35' })[0]!;
    store.keps.upsertMany([{ ...late, prrApprovals: {} }], clock.now());
    await runUntil(sb, clock, '2025-10-10T10:00:30Z');
    const alert = ws
      .messages('#sig-release')
      .find((m) => m.text.startsWith('Begin Production Readiness Freeze'))!;
    const blocks = JSON.stringify(alert.blocks);
    expect(blocks).toContain(actions.milestoneRemovePick);
    const menu = (
      alert.blocks as Array<{ type: string; elements?: Array<{ options?: Array<{ value: string }> }> }>
    )
      .filter((b) => b.type === 'actions')
      .flatMap((b) => b.elements ?? [])
      .flatMap((e) => e.options ?? []);
    expect(menu.map((o) => (JSON.parse(o.value) as { kep: number }).kep)).toEqual([late.number]);
    const kep = late.number;
    const value = menu[0]!.value;
    const pick = (user: string) =>
      driver.click(user, {
        channel: '#sig-release',
        messageTs: alert.ts,
        actionId: actions.milestoneRemovePick,
        value,
      });

    await pick(erin);
    await runUntil(sb, clock, '2025-10-10T10:01:00Z');
    expect(ws.ephemerals(erin).at(-1)!.text).toContain(
      'The freeze has not passed yet (2025-10-10 12:00 UTC)',
    );
    await runUntil(sb, clock, '2025-10-10T12:30:00Z');
    await pick(alice);
    await runUntil(sb, clock, '2025-10-10T12:30:05Z');
    expect(ws.ephemerals(alice).at(-1)!.text).toMatch(/^:warning: Only the release team may remove a KEP/);
    expect(sb.bot.store.milestoneRemovals.latestByKep('v1.35')).toEqual([]);

    await pick(erin);
    await runUntil(sb, clock, '2025-10-10T12:30:10Z');
    expect(ws.ephemerals(erin).at(-1)!.text).toContain(`KEP-${kep} is removed from the v1.35 milestone`);
    const [removal] = sb.bot.store.milestoneRemovals.latestByKep('v1.35');
    expect([removal?.kepNumber, removal?.reason]).toEqual([kep, 'missed Begin Production Readiness Freeze']);
  });
});

describe('drift in the weekly digest through the local workspace', () => {
  it("lists the open drift findings of the SIG's KEPs in the chair's digest", async () => {
    const withNodeChair = (config: ResolvedConfig): ResolvedConfig => {
      const sigs = config.sigs.map((s) => (s.dir === 'sig-node' ? { ...s, chairs: [alice] } : s));
      return { ...config, sigs, sigsByDir: new Map(sigs.map((s) => [s.dir, s])) };
    };
    const clock = new FakeClock('2025-10-12T12:00:00Z');
    const sb = await start(clock, withNodeChair);
    const { ws } = sb;
    const store = sb.bot.store;
    const node = store.keps.list({ owningSig: 'sig-node', latestMilestone: 'v1.35' });
    const finding = (number: number) => ({
      key: `stage-label:#${number}`,
      kind: 'stage-label' as const,
      kepNumber: number,
      fingerprint: 'stage/alpha|beta',
      message: 'label stage/alpha but kep.yaml stage is beta',
    });
    store.githubDrift.replace([...node.map((k) => finding(k.number)), finding(99999)], clock.now());

    await runUntil(sb, clock, '2025-10-13T18:00:00Z');
    const digest = ws.dms(alice).find((m) => m.text.startsWith('Weekly digest'));
    expect(digest).toBeDefined();
    const dm = ws.imWith(ws.userId(alice))!;
    const all = JSON.stringify([digest, ...ws.replies(dm.id, digest!.ts)].map((m) => m!.blocks));
    expect(all).toContain(`*GitHub drift* (${node.length} open)`);
    expect(all).toContain(`|#${node[0]!.number}> label stage/alpha but kep.yaml stage is beta`);
    expect(all).not.toContain('#99999');
    expect(all).toContain(`…and ${node.length - 5} more: \`drumbeat drift\` lists every finding`);
  });
});
