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

const outsider = { github: 'mallory', slack: 'U0000000099', timezone: 'UTC', quietHours: null };

/** Mallory has a Slack user in the workspace and a row in `people`, but reports for no SIG. */
function withOutsider(config: ResolvedConfig): ResolvedConfig {
  const people = [...config.people, outsider];
  return {
    ...config,
    people,
    peopleByGithub: new Map(people.map((p) => [p.github.toLowerCase(), p])),
    peopleBySlack: new Map(people.flatMap((p) => (p.slack ? [[p.slack, p] as const] : []))),
  };
}

describe('escalation buttons through the local workspace', () => {
  it('refuses Acknowledge, Snooze and Resolved from someone who is not a reporter, the lead or the team', async () => {
    const clock = new FakeClock('2025-10-06T10:00:00Z');
    sandbox = await startSandboxBot({
      mode: 'http',
      clock: { now: () => clock.now() },
      sleep: clock.sleep,
      perChannelIntervalMs: 0,
      editConfig: withOutsider,
      workspace: { rate: { perChannelPerSecond: 1_000_000, burst: 1_000_000 } },
    });
    const { ws, driver, bot } = sandbox;
    const kep = bot.store.keps.list({ owningSig: 'sig-node', latestMilestone: 'v1.35' })[0]!;
    await driver.command(
      'alice-facilitator',
      '#sig-node',
      '/kep-status',
      `${kep.number} blocked blocked by sig-auth`,
    );
    await runUntil(sandbox, clock, '2025-10-08T10:30:00Z');
    const post = await ws.waitFor(() =>
      ws.messages('#sig-pm').find((m) => m.text.startsWith('Blocked on sig-auth')),
    );
    for (const actionId of ['blocker_acknowledge', 'blocker_snooze', 'blocker_resolve']) {
      await driver.click('mallory', { channel: '#sig-pm', messageTs: post.ts, actionId });
    }
    const refusals = await ws.waitFor(() => {
      const seen = ws.ephemerals('mallory').filter((e) => e.text.startsWith('Only '));
      return seen.length === 3 ? seen : undefined;
    });
    expect(refusals.map((r) => r.text.split(':')[0])).toEqual([
      "Only sig-node's reporters, sig-auth's reporters, the release lead or the release team may acknowledge this blocker",
      "Only sig-node's reporters, sig-auth's reporters, the release lead or the release team may snooze this blocker",
      "Only sig-node's reporters, sig-auth's reporters, the release lead or the release team may resolve this blocker",
    ]);
    expect(refusals[2]!.text).toContain('<@U0000000003>');
    // the mentions are real in the blocks, not escaped
    expect(JSON.stringify(refusals[2]!.blocks)).toContain('<@U0000000005>');
    expect(refusals[2]!.text).toContain('<@U0000000005>');
    const [open] = bot.store.blockers.listOpen({ release: 'v1.35' });
    expect(open?.closedAt).toBeNull();
    const escalation = bot.store.escalations.get(open!.id);
    expect([escalation?.acknowledgedBy, escalation?.snoozedUntil]).toEqual([null, null]);
    expect(ws.replies('#sig-pm', post.ts).filter((m) => m.text.startsWith('Resolved'))).toEqual([]);

    // the release team may: the same button from Erin resolves it
    await driver.click('erin-enhancements', {
      channel: '#sig-pm',
      messageTs: post.ts,
      actionId: 'blocker_resolve',
    });
    await ws.waitFor(() => ws.replies('#sig-pm', post.ts).find((m) => m.text.startsWith('Resolved')));
    expect(bot.store.blockers.listOpen({ release: 'v1.35' })).toEqual([]);
  });
});
