import { afterEach, describe, expect, it } from 'vitest';
import { type SandboxBot, startSandboxBot } from '../../src/sandbox/start-sandbox-bot.ts';
import { FakeClock } from '../fakes/fake-clock.ts';
import { runUntil, settle, stopFakeTimeSandbox } from './fake-time.ts';

let sandbox: SandboxBot | null = null;
afterEach(async () => {
  await stopFakeTimeSandbox(sandbox);
  sandbox = null;
});

/** sig-node's plan puts #1287 in increment 3 and the readout vote approves it (coding period from 2025-09-15). */
async function approvedPlan(clock: FakeClock): Promise<SandboxBot> {
  const sb = await startSandboxBot({
    mode: 'http',
    clock: { now: () => clock.now() },
    sleep: clock.sleep,
    perChannelIntervalMs: 0,
    workspace: { rate: { perChannelPerSecond: 1_000_000, burst: 1_000_000 } },
    editConfig: (config) => ({
      ...config,
      planning: { ...config.planning, readoutAt: '2025-09-24T16:00:00.000Z' },
    }),
  });
  await settle(sb.bot, clock);
  await sb.driver.command('alice-facilitator', '#sig-release', '/drumbeat', 'plan sig-node');
  const modal = await sb.ws.waitFor(() =>
    sb.ws.openViews('alice-facilitator').find((v) => v.view.callback_id === 'plan_modal'),
  );
  await sb.driver.submitView('alice-facilitator', modal.id, {
    'plan_increments:1287': { 'plan_increments:1287': '3:60' },
    'plan_depends:1287': { 'plan_depends:1287': '' },
    'plan_note:1287': { 'plan_note:1287': 'In-place pod resize goes GA.' },
  });
  await runUntil(sb, clock, '2025-09-24T16:05:00Z');
  const parent = sb.ws.messages('#sig-release').find((m) => m.text.startsWith('Release planning readout'))!;
  const vote = sb.ws.replies('#sig-release', parent.ts).find((m) => m.text.startsWith('Fist-to-five'))!;
  await sb.driver.click('alice-facilitator', {
    channel: '#sig-release',
    messageTs: vote.ts,
    actionId: 'vote_cast_4',
  });
  await sb.driver.click('lena-release-lead', {
    channel: '#sig-release',
    messageTs: vote.ts,
    actionId: 'vote_close',
  });
  await runUntil(sb, clock, '2025-09-24T18:30:00Z');
  return sb;
}

describe('confidence caps from the approved plan, through /kep-status in one line', () => {
  it('refuses 100% for a KEP planned two increments out, naming the cap; `inc N` on the line overrides', async () => {
    const clock = new FakeClock('2025-09-22T10:00:00Z');
    sandbox = await approvedPlan(clock);
    const sb = sandbox;
    const store = sb.bot.store;
    expect(store.planning.latestPlan('v1.35', 'sig-node')!.approvedAt).not.toBeNull();
    const kepPath = store.keps.findByNumber(1287)[0]!.path;
    const reply = async (text: string) => {
      const before = sb.ws.ephemerals('alice-facilitator').length;
      await sb.driver.command('alice-facilitator', '#sig-node', '/kep-status', text);
      return (await sb.ws.waitFor(() => sb.ws.ephemerals('alice-facilitator')[before])).text;
    };

    // 2025-09-24 is in increment 1: increment 3 is two ahead, cap 60%
    const refused = await reply('1287 on-track 100%');
    expect(refused).toContain("KEP-1287 is planned for increment 3 in sig-node's approved plan: cap 60%");
    expect(refused).toContain('100% is above the 60% cap');
    expect(store.statusUpdates.latest(kepPath, 'v1.35')).toBeNull();

    await reply('1287 on-track 60%');
    expect(store.statusUpdates.latest(kepPath, 'v1.35')).toMatchObject({ confidence: 60, increment: 3 });

    // the line names an earlier increment: cap 80% for increment 2
    expect(await reply('1287 on-track 90% inc 2')).toContain('90% is above the 80% cap');
    await reply('1287 on-track 80% inc 2 moved up');
    expect(store.statusUpdates.latest(kepPath, 'v1.35')).toMatchObject({
      confidence: 80,
      increment: 2,
      note: 'moved up',
    });
  });
});
