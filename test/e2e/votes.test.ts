import { afterEach, describe, expect, it } from 'vitest';
import { runDueVoteWork } from '../../src/app/run-due-vote-work.ts';
import { type SandboxBot, startSandboxBot } from '../../src/sandbox/start-sandbox-bot.ts';
import type { SandboxMessage } from '../../src/sandbox/workspace.ts';
import { FakeClock } from '../fakes/fake-clock.ts';

const hour = 3_600_000;
const ALICE = 'U0000000003';
const BOB = 'U0000000004';

let sandbox: SandboxBot | null = null;
let fakeClock: FakeClock | null = null;
afterEach(async () => {
  // close() drains the outbox on the fake clock: keep time moving until it is done
  let done = false;
  const closing = (sandbox?.close() ?? Promise.resolve()).finally(() => {
    done = true;
  });
  while (!done) {
    fakeClock?.advance(1000);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  await closing;
  sandbox = null;
});

/** The real bot over HTTP on a fake clock (Tuesday 2026-06-02 10:00 UTC), outbox unpaced. */
async function start(mode: 'http' | 'socket' = 'http') {
  const clock = new FakeClock('2026-06-02T10:00:00.000Z');
  fakeClock = clock;
  sandbox = await startSandboxBot({
    mode,
    clock,
    sleep: clock.sleep,
    perChannelIntervalMs: 0,
    workspace: { rate: { perChannelPerSecond: 1000, burst: 1000 } },
  });
  return { sb: sandbox, clock, ws: sandbox.ws };
}

const isVote = (m: SandboxMessage) => m.text.startsWith('Fist-to-five');
const text = (m: SandboxMessage | undefined) => JSON.stringify(m?.blocks ?? null);

/** Submits the start modal the command or shortcut opened, with its pre-filled values plus `values`. */
async function submitStart(
  sb: SandboxBot,
  user: string,
  values: Record<string, Record<string, unknown>> = {},
) {
  const modal = await sb.ws.waitFor(() =>
    sb.ws.openViews(user).find((v) => v.view.callback_id === 'vote_start_modal'),
  );
  const result = await sb.driver.submitView(user, modal.id, values);
  expect(result.status).toBe(200);
  return result;
}

/** Lets the outbox deliver what is due (and moves the fake clock a little, for tally intervals). */
async function settle(sb: SandboxBot, clock: FakeClock, ms = 0) {
  if (ms > 0) clock.advance(ms);
  await sb.bot.outbox.drain({ until: clock.now(), timeoutMs: 0 });
  await new Promise((resolve) => setTimeout(resolve, 20));
}

describe('fist-to-five through the local workspace', () => {
  it('command → modal → vote; voting, changing, a concern, a non-member, raising → approved with the label planned', async () => {
    const { sb, clock, ws } = await start();
    await sb.driver.command(
      'lena-release-lead',
      '#sig-node',
      '/fist-to-five',
      'Commit to the sig-node v1.35 plan? <@U0000000003|alice-facilitator> <@U0000000004|bob-facilitator>',
    );
    await submitStart(sb, 'lena-release-lead', { vote_keps: { vote_keps: '4222, #3386' } });
    const vote = await ws.waitFor(() => ws.messages('#sig-node').find(isVote));
    expect(text(vote)).toContain('Commit to the sig-node v1.35 plan?');
    expect(text(vote)).toContain('vote_cast_0');
    const round = sb.bot.store.votes.openRounds()[0]!;
    expect(sb.bot.store.votes.electors(round.voteId)).toEqual([ALICE, BOB]);

    const click = (user: string, value: number) =>
      sb.driver.click(user, { channel: '#sig-node', messageTs: vote.ts, actionId: `vote_cast_${value}` });

    // voting and changing a vote
    expect((await click('alice-facilitator', 4)).status).toBe(200);
    await ws.waitFor(() => sb.bot.store.votes.ballot(round.id, ALICE)?.value === 4);
    await ws.waitFor(() =>
      text(ws.findMessage(vote.channel, vote.ts)).includes(`Voted: 1 of 2*: <@${ALICE}>`),
    );
    await settle(sb, clock, 1500);
    await click('alice-facilitator', 5);
    await ws.waitFor(() => sb.bot.store.votes.ballot(round.id, ALICE)?.value === 5);
    expect(sb.bot.store.votes.ballotHistory(round.id, ALICE).map((e) => e.value)).toEqual([4, 5]);
    await settle(sb, clock, 1500);
    await ws.waitFor(() => text(ws.findMessage(vote.channel, vote.ts)).includes('Voted: 1 of 2'));
    expect(text(ws.findMessage(vote.channel, vote.ts))).not.toContain(`<@${ALICE}> 5`); // values hidden

    const open = await sb.driver.command('alice-facilitator', '#sig-node', '/fist-to-five', 'list');
    expect(JSON.stringify(open.body)).toContain('you voted 5');

    // a non-member's click changes nothing
    await click('chen-facilitator', 3);
    const refusal = await ws.waitFor(() => ws.ephemerals('chen-facilitator').at(-1));
    expect(refusal.text).toContain('not in this vote’s electorate');
    expect(sb.bot.store.votes.ballot(round.id, 'U0000000005')).toBeNull();

    // a 1 opens the concern modal; the concern is posted in the thread, escaped
    await click('bob-facilitator', 1);
    const concernModal = await ws.waitFor(() =>
      ws.openViews('bob-facilitator').find((v) => v.view.callback_id === 'vote_concern_modal'),
    );
    expect(sb.bot.store.votes.ballot(round.id, BOB)).toBeNull();
    await sb.driver.submitView('bob-facilitator', concernModal.id, {
      vote_concern: { vote_concern: 'API review <!channel> is not done' },
    });
    const concern = await ws.waitFor(() =>
      ws.replies('#sig-node', vote.ts).find((m) => text(m).includes('has a concern')),
    );
    expect(text(concern)).toContain('API review &lt;!channel&gt; is not done');
    expect(text(concern)).toContain(`<@${BOB}>`);
    expect(sb.bot.store.votes.getRound(round.id)?.closedAt).toBeNull(); // everyone voted, but a concern is open

    // raising the ballot resolves the concern; everyone at 3+ closes it: approved
    clock.advance(5000);
    await click('bob-facilitator', 4);
    const result = await ws.waitFor(() =>
      ws.replies('#sig-node', vote.ts).find((m) => m.text.startsWith('Approved')),
    );
    expect(text(result)).toContain('everyone voted');
    expect(ws.replies('#sig-node', vote.ts).some((m) => text(m).includes('concern is resolved'))).toBe(true);
    await settle(sb, clock, 1500);
    await ws.waitFor(() => text(ws.findMessage(vote.channel, vote.ts)).includes('Approved'));
    const final = text(ws.findMessage(vote.channel, vote.ts));
    expect(final).not.toContain('vote_cast_');
    expect(final).toContain(`<@${ALICE}> 5`);
    expect(
      sb.bot.store.githubWriteBack
        .list('planned')
        .map((a) => a.issueNumber)
        .sort(),
    ).toEqual([3386, 4222]);
    const list = await sb.driver.command('alice-facilitator', '#sig-node', '/fist-to-five', 'list');
    expect(JSON.stringify(list.body)).toContain('No open vote');
  });

  it('shortcut on a readout → vote in its thread; reminders; restart; deadline → not approved; re-vote in the same thread', async () => {
    const { sb, clock, ws } = await start();
    const readout = ws.recordMessage({
      channel: '#sig-node',
      user: 'alice-facilitator',
      text: 'sig-node readout: 5 KEPs planned',
    });
    await sb.driver.messageShortcut('lena-release-lead', '#sig-node', readout.ts, 'start_fist_to_five');
    await submitStart(sb, 'lena-release-lead', {
      vote_question: { vote_question: 'Approve the sig-node readout?' },
    });
    const vote = await ws.waitFor(() => ws.replies('#sig-node', readout.ts).find(isVote));
    expect(ws.messages('#sig-node').filter(isVote)).toEqual([]);
    const round = sb.bot.store.votes.openRounds()[0]!;
    const electors = sb.bot.store.votes.electors(round.voteId);
    expect(electors).toHaveLength(6); // #sig-node's members, the bot left out
    expect(electors).not.toContain(ws.seed.bot.userId);
    const click = (user: string, value: number) =>
      sb.driver.click(user, { channel: '#sig-node', messageTs: vote.ts, actionId: `vote_cast_${value}` });
    await click('alice-facilitator', 4);
    await ws.waitFor(() => sb.bot.store.votes.ballot(round.id, ALICE));

    // a restart while the vote is open: nothing is lost, voting goes on
    await sb.restart();
    await click('bob-facilitator', 5);
    await ws.waitFor(() => sb.bot.store.votes.ballot(round.id, BOB));
    expect(sb.bot.store.votes.ballots(round.id)).toHaveLength(2);

    // half-way (Wed 22:00 UTC): reminders to those who have not voted; Lena (Berlin, quiet) gets hers at 08:00 Berlin
    const deps = () => sb.bot.features.votes;
    clock.advance(36 * hour);
    const work = await runDueVoteWork(deps());
    expect(work.reminders[0]!.sent.map((s) => s.user)).not.toContain(ALICE);
    await ws.waitFor(() => ws.dms('dana-facilitator').length === 1);
    expect(ws.dms('dana-facilitator')[0]!.text).toContain('Reminder');
    await settle(sb, clock);
    expect(ws.dms('lena-release-lead')).toEqual([]);
    expect((await runDueVoteWork(deps())).reminders).toEqual([]);
    clock.advance(8 * hour); // Thursday 06:00 UTC = 08:00 Berlin
    await settle(sb, clock);
    await ws.waitFor(() => ws.dms('lena-release-lead').length === 1);

    // the deadline passes: quorum (everyone) missed → not approved, with a Re-vote button
    clock.advance(28 * hour);
    const closed = await runDueVoteWork(deps());
    expect(closed.closed).toEqual([{ voteId: round.voteId, round: 1, outcome: 'not-approved' }]);
    const result = await ws.waitFor(() =>
      ws.replies('#sig-node', readout.ts).find((m) => m.text.startsWith('Not approved')),
    );
    expect(text(result)).toContain('quorum missed');
    await click('bob-facilitator', 3);
    await ws.waitFor(() => ws.ephemerals('bob-facilitator').find((e) => e.text.includes('closed')));

    // only the owner starts the re-vote; it goes in the same thread, linked to round 1
    await sb.driver.click('bob-facilitator', {
      channel: '#sig-node',
      messageTs: result.ts,
      actionId: 'vote_revote',
    });
    await ws.waitFor(() => ws.ephemerals('bob-facilitator').find((e) => e.text.includes('Only the person')));
    await sb.driver.click('lena-release-lead', {
      channel: '#sig-node',
      messageTs: result.ts,
      actionId: 'vote_revote',
    });
    const revote = await ws.waitFor(() => ws.replies('#sig-node', readout.ts).filter(isVote)[1]);
    expect(text(revote)).toContain('round 2');
    const second = sb.bot.store.votes.rounds(round.voteId)[1]!;
    expect(second).toMatchObject({ number: 2, previousRoundId: round.id });
    expect(ws.messages('#sig-node').filter(isVote)).toEqual([]);
  });

  it('the owner closes early; others cannot', async () => {
    const { sb, ws } = await start();
    await sb.driver.command('lena-release-lead', '#sig-auth', '/fist-to-five', 'Early? <#C0|x>');
    const modal = await ws.waitFor(() => ws.openViews('lena-release-lead')[0]);
    // the channel token in the text was bogus; pick the channel in the form
    await sb.driver.submitView('lena-release-lead', modal.id, {
      vote_electorate_kind: { vote_electorate_kind: 'channel' },
      vote_channel: { vote_channel: { selected_conversation: ws.channelId('#sig-auth') } },
      vote_quorum: { vote_quorum: '50%' },
    });
    const vote = await ws.waitFor(() => ws.messages('#sig-auth').find(isVote));
    const round = sb.bot.store.votes.openRounds()[0]!;
    for (const user of ['alice-facilitator', 'bob-facilitator', 'chen-facilitator'])
      await sb.driver.click(user, { channel: '#sig-auth', messageTs: vote.ts, actionId: 'vote_cast_4' });
    await ws.waitFor(() => sb.bot.store.votes.ballots(round.id).length === 3);
    await sb.driver.click('bob-facilitator', {
      channel: '#sig-auth',
      messageTs: vote.ts,
      actionId: 'vote_close',
    });
    await ws.waitFor(() => ws.ephemerals('bob-facilitator').find((e) => e.text.includes('Only the person')));
    expect(sb.bot.store.votes.getRound(round.id)?.closedAt).toBeNull();
    await sb.driver.click('lena-release-lead', {
      channel: '#sig-auth',
      messageTs: vote.ts,
      actionId: 'vote_close',
    });
    const result = await ws.waitFor(() =>
      ws.replies('#sig-auth', vote.ts).find((m) => m.text.startsWith('Approved')),
    );
    expect(text(result)).toContain('closed early by its owner');
  });

  it('the start form answers bad input field by field', async () => {
    const { sb, ws } = await start();
    await sb.driver.command('lena-release-lead', '#sig-node', '/fist-to-five', '');
    const modal = await ws.waitFor(() => ws.openViews('lena-release-lead')[0]);
    const result = await sb.driver.submitView('lena-release-lead', modal.id, {
      vote_duration: { vote_duration: 'forever' },
      vote_quorum: { vote_quorum: '0%' },
      vote_keps: { vote_keps: '4222 banana' },
    });
    const errors = (result.body as { errors: Record<string, string> }).errors;
    expect(Object.keys(errors).sort()).toEqual([
      'vote_duration',
      'vote_keps',
      'vote_question',
      'vote_quorum',
    ]);
    expect(errors.vote_keps).toContain('banana');
    expect(sb.bot.store.votes.openRounds()).toEqual([]);
    const help = await sb.driver.command('lena-release-lead', '#sig-node', '/fist-to-five', 'help');
    expect(JSON.stringify(help.body)).toContain('fully support');
  });
});

describe('fist-to-five over Socket Mode', () => {
  it('starts a vote and takes a ballot', async () => {
    const { sb, ws } = await start('socket');
    await sb.driver.command(
      'lena-release-lead',
      '#sig-node',
      '/fist-to-five',
      'Socket? <@U0000000003|alice-facilitator>',
    );
    await submitStart(sb, 'lena-release-lead');
    const vote = await ws.waitFor(() => ws.messages('#sig-node').find(isVote));
    await sb.driver.click('alice-facilitator', {
      channel: '#sig-node',
      messageTs: vote.ts,
      actionId: 'vote_cast_5',
    });
    const result = await ws.waitFor(() =>
      ws.replies('#sig-node', vote.ts).find((m) => m.text.startsWith('Approved')),
    );
    expect(result).toBeTruthy();
  });
});
