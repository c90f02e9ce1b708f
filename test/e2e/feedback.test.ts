import { afterEach, describe, expect, it } from 'vitest';
import { reportCommand } from '../../src/cli/commands/report.ts';
import { type SandboxBot, startSandboxBot } from '../../src/sandbox/start-sandbox-bot.ts';
import type { SandboxMessage } from '../../src/sandbox/workspace.ts';
import { captureIo } from '../cli/cli-io.ts';
import { FakeClock } from '../fakes/fake-clock.ts';
import { runUntil, settle, stopFakeTimeSandbox } from './fake-time.ts';
import { listedPeopleConfig } from './listed-people-config.ts';

let sandbox: SandboxBot | null = null;
// The six listed people only: the imported chairs would be asked too.
let config: ReturnType<typeof listedPeopleConfig> | null = null;
afterEach(async () => {
  await stopFakeTimeSandbox(sandbox);
  config?.cleanup();
  sandbox = null;
  config = null;
});

const at = (ts: string) => new Date(Math.floor(Number(ts) * 1000)).toISOString();
const asked = [
  'lena-release-lead',
  'erin-enhancements',
  'alice-facilitator',
  'bob-facilitator',
  'chen-facilitator',
  'dana-facilitator',
];

async function report(sb: SandboxBot, ...args: string[]) {
  const io = captureIo();
  const code = await reportCommand.run(['--release', 'v1.35', '--db', sb.dbFile, ...args], io);
  expect(code, io.err).toBe(0);
  return io.out;
}

describe('satisfaction pulse and retrospective through the local workspace', () => {
  it('asks each person once across a restart and quiet hours, takes and changes answers, hides a small sample, and collects the retro', async () => {
    // v1.35 is released on Wednesday 17 December 2025: the pulse opens the next day at 00:00 UTC
    const clock = new FakeClock('2025-12-17T20:00:00Z');
    config = listedPeopleConfig();
    sandbox = await startSandboxBot({
      mode: 'http',
      configFile: config.file,
      clock: { now: () => clock.now() },
      sleep: clock.sleep,
      perChannelIntervalMs: 0,
      workspace: { rate: { perChannelPerSecond: 1_000_000, burst: 1_000_000 } },
    });
    const sb = sandbox;
    const { ws } = sb;
    const pulseDms = (user: string) =>
      ws.dms(user).filter((m) => m.text.includes('recommend this release process'));
    await settle(sb.bot, clock);
    expect(pulseDms('alice-facilitator')).toEqual([]);

    await runUntil(sb, clock, '2025-12-18T00:05:00Z');
    // 01:00 in Berlin is inside lena's quiet hours (19:00–08:00): her DM waits; the others have theirs
    expect(asked.map((u) => pulseDms(u).length)).toEqual([0, 1, 1, 1, 1, 1]);

    await sb.restart();
    await runUntil(sb, clock, '2025-12-18T08:00:00Z');
    expect(asked.map((u) => pulseDms(u).length)).toEqual([1, 1, 1, 1, 1, 1]);
    expect(at(pulseDms('lena-release-lead')[0]!.ts)).toBe('2025-12-18T07:00:00.000Z');

    // answers, a change, and a comment through the modal
    const click = async (user: string, score: number) => {
      const dm: SandboxMessage = pulseDms(user)[0]!;
      const before = ws.openViews(user).length;
      const result = await sb.driver.click(user, {
        channel: dm.channel,
        messageTs: dm.ts,
        actionId: `pulse_score_${score}`,
      });
      expect(result.status).toBe(200);
      return ws.waitFor(() => ws.openViews(user)[before] ?? null);
    };
    await click('alice-facilitator', 6);
    const modal = await click('alice-facilitator', 9);
    expect(JSON.stringify(modal.view)).toContain('Your answer: *9* out of 10');
    expect(
      (
        await sb.driver.submitView('alice-facilitator', modal.id, {
          pulse_comment: { pulse_comment: 'Clear deadlines <!channel>' },
        })
      ).status,
    ).toBe(200);
    await click('bob-facilitator', 3);
    await click('chen-facilitator', 10);
    await click('dana-facilitator', 7);
    const pulses = sb.bot.store.pulses;
    await ws.waitFor(() => pulses.answers('v1.35').length === 4 || null);
    expect(pulses.answers('v1.35')).toEqual([
      { score: 3, comment: null },
      { score: 7, comment: null },
      { score: 9, comment: 'Clear deadlines <!channel>' },
      { score: 10, comment: null },
    ]);
    expect(await report(sb)).toContain('open: 4 of 6 answered (67%); results once it closes');

    // the retrospective prompts are in the release channel; a reply is an item, reactions are votes
    const prompts = ws.messages('#sig-release').filter((m) => m.text.startsWith('v1.35 retrospective'));
    expect(prompts.map((p) => p.text)).toEqual([
      'v1.35 retrospective · What went well this release?',
      "v1.35 retrospective · What didn't go well?",
      'v1.35 retrospective · What should we try next release?',
    ]);
    const reply = ws.recordMessage({
      channel: '#sig-release',
      user: 'bob-facilitator',
      text: 'Rounds kept us honest',
      threadTs: prompts[0]!.ts,
    });
    const channel = ws.channelId('#sig-release');
    await sb.driver.event({
      type: 'message',
      channel,
      user: ws.userId('bob-facilitator'),
      text: reply.text,
      ts: reply.ts,
      thread_ts: prompts[0]!.ts,
      channel_type: 'channel',
    });
    for (const user of ['alice-facilitator', 'dana-facilitator', 'bob-facilitator'])
      await sb.driver.event({
        type: 'reaction_added',
        user: ws.userId(user),
        reaction: '+1',
        item: { type: 'message', channel, ts: reply.ts },
        item_user: ws.userId('bob-facilitator'),
      });
    await sb.driver.event({
      type: 'reaction_removed',
      user: ws.userId('dana-facilitator'),
      reaction: '+1',
      item: { type: 'message', channel, ts: reply.ts },
      item_user: ws.userId('bob-facilitator'),
    });
    await ws.waitFor(() => sb.bot.store.retros.items('v1.35').length === 1 || null);
    expect(sb.bot.store.retros.items('v1.35')).toEqual([
      { prompt: 'went-well', text: 'Rounds kept us honest', votes: 1, at: at(reply.ts) },
    ]);

    // the pulse closes after 14 days: 4 answers are fewer than 5, so no result is shown
    await runUntil(sb, clock, '2026-01-01T00:01:00Z');
    expect(pulses.get('v1.35')?.closedAt).toBe('2026-01-01T00:00:00.000Z');
    expect(pulses.answerOf('v1.35', ws.userId('alice-facilitator'))).toBeNull();
    const late = await click('erin-enhancements', 10);
    expect(JSON.stringify(late.view)).toContain('has closed');
    const text = await report(sb);
    expect(text).toContain('closed: 4 of 6 answered (67%); fewer than 5 answers, so no results are shown');
    expect(text).not.toContain('NPS');
    expect(text).toContain('What went well this release? (1)');
    expect(text).toContain('Rounds kept us honest (1 votes)');
    expect(asked.map((u) => pulseDms(u).length)).toEqual([1, 1, 1, 1, 1, 1]);
  }, 60_000);
});
