/**
 * Nothing after the fact, for votes, through the local workspace on a fake clock: a reminder that
 * waits out the voter's quiet hours is withdrawn when the vote closes early, and never arrives.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { runDueVoteWork } from '../../src/app/run-due-vote-work.ts';
import { type SandboxBot, startSandboxBot } from '../../src/sandbox/start-sandbox-bot.ts';
import { FakeClock } from '../fakes/fake-clock.ts';
import { outboxStatuses } from './harness.ts';

const hour = 3_600_000;
let sandbox: SandboxBot | null = null;
let clock: FakeClock | null = null;
afterEach(async () => {
  await sandbox?.bot.outbox.stop({ drainMs: 0 });
  await sandbox?.close();
  sandbox = null;
});

async function settle(sb: SandboxBot) {
  await sb.bot.outbox.drain({ until: clock!.now(), timeoutMs: 0 });
  await new Promise((resolve) => setTimeout(resolve, 30));
}

describe('a vote closed early', () => {
  it('withdraws the reminders still waiting for quiet hours to end', async () => {
    clock = new FakeClock('2026-06-02T10:00:00.000Z'); // Tuesday
    sandbox = await startSandboxBot({
      mode: 'http',
      clock,
      sleep: clock.sleep,
      perChannelIntervalMs: 0,
      workspace: { rate: { perChannelPerSecond: 1000, burst: 1000 } },
    });
    const sb = sandbox;
    const { ws } = sb;
    await sb.driver.command('erin-enhancements', '#sig-node', '/fist-to-five', 'Ship the plan?');
    const modal = await ws.waitFor(() => ws.openViews('erin-enhancements')[0]);
    await sb.driver.submitView('erin-enhancements', modal.id, {
      vote_electorate_kind: { vote_electorate_kind: 'channel' },
      vote_channel: { vote_channel: { selected_conversation: ws.channelId('#sig-node') } },
    });
    const vote = await ws.waitFor(() =>
      ws.messages('#sig-node').find((m) => m.text.startsWith('Fist-to-five')),
    );
    const round = sb.bot.store.votes.openRounds()[0]!;

    // half-way (Wed 22:00 UTC): Lena is in her quiet hours in Berlin, her reminder waits for 08:00
    clock.advance(36 * hour);
    const work = await runDueVoteWork(sb.bot.features.votes);
    const lena = ws.userId('lena-release-lead');
    expect(work.reminders[0]!.sent).toContainEqual({ user: lena, notBefore: '2026-06-04T06:00:00.000Z' });
    await settle(sb);
    expect(ws.dms('lena-release-lead')).toEqual([]);

    // the owner closes it an hour later; morning comes in Berlin
    clock.advance(hour);
    await sb.driver.click('erin-enhancements', {
      channel: '#sig-node',
      messageTs: vote.ts,
      actionId: 'vote_close',
    });
    await ws.waitFor(() => sb.bot.store.votes.getRound(round.id)?.closedAt !== null);
    clock.advance(10 * hour);
    await settle(sb);

    expect(ws.dms('lena-release-lead')).toEqual([]);
    expect(outboxStatuses(sb.bot.db, `vote:${round.voteId}:r1:remind:`)).toMatchObject({ expired: 1 });
    expect(outboxStatuses(sb.bot.db, `vote:${round.voteId}:r1:remind:`).pending).toBeUndefined();
  });
});
