import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { castBallot } from '../../src/app/cast-ballot.ts';
import { closeVote } from '../../src/app/close-vote.ts';
import { listOpenVotes } from '../../src/app/list-open-votes.ts';
import { runDueVoteWork } from '../../src/app/run-due-vote-work.ts';
import { startRevote } from '../../src/app/start-revote.ts';
import { startVote } from '../../src/app/start-vote.ts';
import { stateConcern } from '../../src/app/state-concern.ts';
import type { VoteValue } from '../../src/domain/vote.ts';
import { hour, voteHarness, voteInput } from './vote-helpers.ts';

let h: ReturnType<typeof voteHarness>;
beforeEach(() => {
  h = voteHarness();
});
afterEach(() => h.cleanup());

async function started(overrides: Parameters<typeof voteInput>[0] = {}) {
  const result = await startVote(h.deps, voteInput(overrides));
  if (!result.ok) throw new Error(result.message);
  return result;
}

let clicks = 0;
const cast = (roundId: number, voter: string, value: VoteValue) =>
  castBallot(h.deps, { roundId, voter, value, idempotencyKey: `click:${++clicks}` });
const concern = (roundId: number, voter: string, value: VoteValue, text: string) =>
  stateConcern(h.deps, { roundId, voter, value, text, idempotencyKey: `concern:${++clicks}` });

describe('startVote', () => {
  it('stores the vote with its frozen electorate and round 1, and posts it once per key', async () => {
    const { vote, round } = await started();
    expect(h.store.votes.electors(vote.id)).toEqual(['UALICE', 'UBOB', 'UCHEN']);
    expect(round).toMatchObject({
      number: 1,
      opensAt: '2026-06-01T10:00:00.000Z',
      closesAt: '2026-06-04T10:00:00.000Z',
    });
    const again = await startVote(h.deps, voteInput());
    expect(again).toMatchObject({ ok: true, created: false, vote: { id: vote.id } });
    expect(h.chat.keys()).toEqual([`vote:${vote.id}:r1:post`]);
    const post = h.chat.of('post')[0]!;
    expect(post).toMatchObject({ channel: 'CVOTES', lane: 'interactive' });
    expect(JSON.stringify(post)).toContain('vote_cast_5');
  });

  it('posts in the readout thread when started from a message', async () => {
    await started({ threadTs: '1700000000.000100' });
    expect(h.chat.of('post')[0]).toMatchObject({ channel: 'CVOTES', threadTs: '1700000000.000100' });
  });

  it.each([
    ['an empty question', { question: '  ' }, 'question'],
    [
      'an empty electorate',
      { electorate: { kind: 'channel' as const, source: 'C1', members: [] } },
      'electorate',
    ],
  ])('refuses %s, saying what to fix', async (_name, overrides, field) => {
    const result = await startVote(h.deps, voteInput(overrides));
    expect(result).toMatchObject({ ok: false, field });
    expect(h.chat.calls).toEqual([]);
  });
});

describe('castBallot', () => {
  it('refuses people outside the electorate and changes nothing', async () => {
    const { round } = await started();
    const result = await cast(round.id, 'UMALLORY', 5);
    expect(result).toMatchObject({ ok: false, reason: 'not-elector' });
    expect(h.store.votes.ballots(round.id)).toEqual([]);
  });

  it('keeps one ballot per person, changeable, with its history', async () => {
    const { round } = await started();
    await cast(round.id, 'UALICE', 3);
    const same = await cast(round.id, 'UALICE', 3);
    expect(same).toMatchObject({ ok: true, changed: false });
    h.clock.advance(60_000);
    const changed = await cast(round.id, 'UALICE', 5);
    expect(changed).toMatchObject({ ok: true, changed: true, previous: { value: 3 } });
    expect(h.store.votes.ballots(round.id).map((b) => [b.voter, b.value])).toEqual([['UALICE', 5]]);
    expect(h.store.votes.ballotHistory(round.id).map((e) => [e.value, e.previousValue])).toEqual([
      [3, null],
      [5, 3],
    ]);
  });

  it('a retried click (same key) is recorded once', async () => {
    const { round } = await started();
    await castBallot(h.deps, { roundId: round.id, voter: 'UALICE', value: 4, idempotencyKey: 'click:T1' });
    await castBallot(h.deps, { roundId: round.id, voter: 'UALICE', value: 5, idempotencyKey: 'click:T1' });
    expect(h.store.votes.ballotHistory(round.id)).toHaveLength(1);
    expect(h.store.votes.ballot(round.id, 'UALICE')?.value).toBe(4);
  });

  it('asks for a concern for 0, 1 and 2', async () => {
    const { round } = await started();
    for (const value of [0, 1, 2] as const) {
      expect(await cast(round.id, 'UBOB', value)).toMatchObject({ ok: false, reason: 'needs-concern' });
    }
    expect(h.store.votes.ballots(round.id)).toEqual([]);
  });

  it('refuses a ballot exactly at the deadline, and counts one 1 ms before', async () => {
    const { round } = await started();
    h.clock.advance(72 * hour - 1);
    expect(await cast(round.id, 'UALICE', 4)).toMatchObject({ ok: true, changed: true });
    h.clock.advance(1);
    expect(await cast(round.id, 'UBOB', 4)).toMatchObject({ ok: false, reason: 'closed' });
  });
});

describe('concerns', () => {
  it('records a 2 only with its concern, posts it in the thread, and a raise resolves it', async () => {
    const { vote, round } = await started();
    expect(await concern(round.id, 'UBOB', 2, '   ')).toMatchObject({ ok: false, reason: 'bad-input' });
    const stated = await concern(round.id, 'UBOB', 2, 'The <!channel> API review is not done');
    expect(stated).toMatchObject({ ok: true, created: true });
    expect(h.store.votes.ballot(round.id, 'UBOB')).toMatchObject({ value: 2 });
    const posted = h.chat.calls.find((c) => c.key.includes(':concern:'))!;
    expect(posted).toMatchObject({ kind: 'post', threadOf: `vote:${vote.id}:r1:post` });
    expect(JSON.stringify(posted)).toContain('&lt;!channel&gt;');
    expect(JSON.stringify(posted)).not.toContain('<!channel>');

    h.clock.advance(hour);
    const raised = await cast(round.id, 'UBOB', 4);
    expect(raised).toMatchObject({
      ok: true,
      changed: true,
      resolved: [{ voter: 'UBOB', resolution: 'raised' }],
    });
    expect(h.store.votes.concerns(round.id)[0]).toMatchObject({ resolvedAt: '2026-06-01T11:00:00.000Z' });
    expect(h.chat.keys().some((k) => k.includes(':resolved:'))).toBe(true);
  });

  it('a new concern replaces the open one', async () => {
    const { round } = await started();
    await concern(round.id, 'UBOB', 2, 'first');
    await concern(round.id, 'UBOB', 1, 'second');
    expect(h.store.votes.concerns(round.id).map((c) => [c.text, c.resolution])).toEqual([
      ['first', 'replaced'],
      ['second', null],
    ]);
    expect(h.store.votes.ballot(round.id, 'UBOB')?.value).toBe(1);
  });
});

describe('closing', () => {
  it('closes when everyone voted 3+, approves, and plans the approved label on the KEP issues', async () => {
    const { vote, round } = await started();
    await cast(round.id, 'UALICE', 5);
    await cast(round.id, 'UBOB', 4);
    const last = await cast(round.id, 'UCHEN', 3);
    expect(last.ok && last.closed).toMatchObject({ ok: true, closed: true, labelsPlanned: [4222, 3386] });
    expect(h.store.votes.getRound(round.id)).toMatchObject({ outcome: 'approved', closeReason: 'all-voted' });
    const final = h.chat.calls.find((c) => c.key === `vote:${vote.id}:r1:final`)!;
    expect(final.kind === 'update' && final.notBefore?.toISOString()).toBe('2026-06-01T10:00:01.000Z');
    expect(h.chat.keys()).toContain(`vote:${vote.id}:r1:result`);
    expect(
      h.store.githubWriteBack
        .list('planned')
        .map((a) => a.key)
        .sort(),
    ).toEqual([
      'add-label:kubernetes/enhancements#3386:milestone-approved',
      'add-label:kubernetes/enhancements#4222:milestone-approved',
    ]);
    expect(await cast(round.id, 'UALICE', 4)).toMatchObject({ ok: false, reason: 'closed' });
  });

  it('everyone voted with an open concern: stays open, then the deadline closes it not approved', async () => {
    const { round } = await started();
    await cast(round.id, 'UALICE', 5);
    await cast(round.id, 'UBOB', 4);
    await concern(round.id, 'UCHEN', 1, 'needs PRR first');
    expect(h.store.votes.getRound(round.id)?.closedAt).toBeNull();
    h.clock.advance(72 * hour);
    const work = await runDueVoteWork(h.deps);
    expect(work.closed).toEqual([{ voteId: round.voteId, round: 1, outcome: 'not-approved' }]);
    const result = h.chat.calls.find((c) => c.key.endsWith(':result'))!;
    expect(JSON.stringify(result)).toContain('needs PRR first');
    expect(JSON.stringify(result)).toContain('vote_revote');
    expect(h.store.githubWriteBack.list()).toEqual([]);
    expect(await runDueVoteWork(h.deps)).toEqual({ closed: [], reminders: [], failed: [] });
  });

  it('quorum missed at the deadline is not approved even with only high ballots', async () => {
    const { round } = await started();
    await cast(round.id, 'UALICE', 5);
    h.clock.advance(72 * hour + 30_000);
    await runDueVoteWork(h.deps);
    expect(h.store.votes.getRound(round.id)).toMatchObject({
      outcome: 'not-approved',
      closeReason: 'deadline',
    });
  });

  it('a share quorum approves without everyone', async () => {
    const { round } = await started({ quorum: { kind: 'share', share: 0.6 } });
    await cast(round.id, 'UALICE', 5);
    await cast(round.id, 'UBOB', 3);
    h.clock.advance(72 * hour);
    await runDueVoteWork(h.deps);
    expect(h.store.votes.getRound(round.id)?.outcome).toBe('approved');
  });

  it('only the owner or the release team close early', async () => {
    const { round } = await started();
    await cast(round.id, 'UALICE', 4);
    expect(await closeVote(h.deps, { roundId: round.id, reason: 'owner', by: 'UBOB' })).toMatchObject({
      ok: false,
    });
    const closed = await closeVote(h.deps, { roundId: round.id, reason: 'owner', by: 'UTEAM' });
    expect(closed).toMatchObject({ ok: true, closed: true });
    expect(h.store.votes.getRound(round.id)).toMatchObject({
      closeReason: 'owner',
      closedBy: 'UTEAM',
      outcome: 'not-approved',
    });
    const again = await closeVote(h.deps, { roundId: round.id, reason: 'owner', by: 'UOWNER' });
    expect(again).toMatchObject({ ok: true, closed: false });
    expect(h.chat.keys().filter((k) => k.endsWith(':result'))).toHaveLength(1);
    // reminders still waiting (quiet hours) are withdrawn once, when it closes
    expect(h.chat.withdrawn).toEqual([
      { prefix: `vote:${round.voteId}:r1:remind:`, reason: 'the vote closed' },
    ]);
  });
});

describe('re-vote rounds', () => {
  it('starts round 2 in the same thread with the same electorate, once, and it can approve', async () => {
    const { vote, round } = await started();
    await concern(round.id, 'UALICE', 2, 'rework the alpha scope');
    expect(await startRevote(h.deps, { roundId: round.id, by: 'UOWNER' })).toMatchObject({ ok: false });
    await closeVote(h.deps, { roundId: round.id, reason: 'owner', by: 'UOWNER' });
    expect(await startRevote(h.deps, { roundId: round.id, by: 'UBOB' })).toMatchObject({ ok: false });
    h.clock.advance(hour);
    const second = await startRevote(h.deps, { roundId: round.id, by: 'UOWNER' });
    const again = await startRevote(h.deps, { roundId: round.id, by: 'UOWNER' });
    if (!second.ok || !again.ok) throw new Error('re-vote refused');
    expect(second.round).toMatchObject({
      number: 2,
      previousRoundId: round.id,
      closesAt: '2026-06-04T11:00:00.000Z',
    });
    expect(again).toMatchObject({ created: false, round: { id: second.round.id } });
    const post = h.chat.calls.find((c) => c.key === `vote:${vote.id}:r2:post`)!;
    expect(post).toMatchObject({ kind: 'post', threadOf: `vote:${vote.id}:r1:post` });
    expect(h.store.votes.ballots(second.round.id)).toEqual([]);
    for (const voter of ['UALICE', 'UBOB', 'UCHEN']) await cast(second.round.id, voter, 4);
    expect(h.store.votes.getRound(second.round.id)?.outcome).toBe('approved');
    expect(await startRevote(h.deps, { roundId: second.round.id, by: 'UOWNER' })).toMatchObject({
      ok: false,
    });
    expect(await cast(round.id, 'UBOB', 4)).toMatchObject({ ok: false, reason: 'closed' });
  });
});

describe('reminders', () => {
  beforeEach(() => {
    h.store.people.upsertMany([
      {
        github: 'alice',
        slack: 'UALICE',
        timezone: 'America/Los_Angeles',
        quietHours: { from: '18:00', to: '09:00', weekends: false },
      },
      { github: 'bob', slack: 'UBOB', timezone: 'UTC', quietHours: null },
      { github: 'chen', slack: 'UCHEN', timezone: 'UTC', quietHours: null },
    ]);
  });

  it('DMs those who have not voted at half-way and 2h before the close, after quiet hours, once each', async () => {
    const { vote, round } = await started();
    await cast(round.id, 'UCHEN', 4);
    h.clock.advance(36 * hour - 1);
    expect((await runDueVoteWork(h.deps)).reminders).toEqual([]);
    h.clock.advance(1); // 2026-06-02T22:00Z = 15:00 in LA: not quiet
    const first = await runDueVoteWork(h.deps);
    expect(first.reminders).toEqual([
      {
        voteId: vote.id,
        round: 1,
        index: 0,
        sent: [
          { user: 'UALICE', notBefore: '2026-06-02T22:00:00.000Z' },
          { user: 'UBOB', notBefore: '2026-06-02T22:00:00.000Z' },
        ],
        skipped: [],
      },
    ]);
    expect((await runDueVoteWork(h.deps)).reminders).toEqual([]);
    await cast(round.id, 'UBOB', 5);
    h.clock.advance(34 * hour); // 2026-06-04T08:00Z = 01:00 in LA: quiet until 09:00 LA = 16:00Z, after the close
    const second = await runDueVoteWork(h.deps);
    expect(second.reminders[0]).toMatchObject({ index: 1, sent: [], skipped: ['UALICE'] });
    expect(h.chat.of('dm').map((d) => d.key)).toEqual([
      `vote:${vote.id}:r1:remind:0:UALICE`,
      `vote:${vote.id}:r1:remind:0:UBOB`,
    ]);
    expect(JSON.stringify(h.chat.of('dm')[0])).toContain('slack.com/archives/CVOTES/p');
    for (const dm of h.chat.of('dm')) expect(dm.expiresAt?.toISOString()).toBe(round.closesAt);
  });

  it('waits for the end of quiet hours and skips people out of office', async () => {
    await started({ durationMs: 12 * hour, remindAt: [{ kind: 'elapsed-share', share: 0.5 }] });
    h.store.people.setOutOfOffice('bob', '2026-06-10T00:00:00.000Z');
    h.clock.advance(6 * hour); // 16:00Z = 09:00 in LA, the end of Alice's quiet hours
    const work = await runDueVoteWork(h.deps);
    expect(work.reminders[0]).toMatchObject({ skipped: ['UBOB'] });
    expect(work.reminders[0]!.sent.map((s) => s.user)).toEqual(['UALICE', 'UCHEN']);
  });

  it('a DM during quiet hours goes at their end', async () => {
    // the clock starts at 2026-06-01T10:00Z = 03:00 in LA
    await started({ durationMs: 4 * hour, remindAt: [{ kind: 'elapsed-share', share: 0.25 }] });
    h.clock.advance(hour); // 11:00Z = 04:00 LA, quiet until 09:00 LA = 16:00Z > close 14:00Z → skipped
    const work = await runDueVoteWork(h.deps);
    expect(work.reminders[0]).toMatchObject({ skipped: ['UALICE'] });
    const long = await startVote(
      h.deps,
      voteInput({
        idempotencyKey: 'view:V2',
        durationMs: 24 * hour,
        remindAt: [{ kind: 'before-close', ms: 23 * hour }],
      }),
    );
    if (!long.ok) throw new Error(long.message);
    h.clock.advance(hour); // 12:00Z: the second vote's reminder is due; Alice is quiet until 16:00Z
    const later = await runDueVoteWork(h.deps);
    expect(later.reminders.find((r) => r.voteId === long.vote.id)?.sent).toContainEqual({
      user: 'UALICE',
      notBefore: '2026-06-01T16:00:00.000Z',
    });
  });
});

describe('listOpenVotes', () => {
  it('lists the open rounds the user may vote in, with their ballot', async () => {
    const { round } = await started();
    await started({
      idempotencyKey: 'view:V2',
      electorate: { kind: 'people', source: null, members: ['UBOB'] },
    });
    await cast(round.id, 'UALICE', 4);
    const alice = listOpenVotes(h.store, 'UALICE', h.clock.now());
    expect(alice.map((i) => [i.view.round.id, i.ballot?.value ?? null])).toEqual([[round.id, 4]]);
    expect(listOpenVotes(h.store, 'UBOB', h.clock.now())).toHaveLength(2);
    expect(listOpenVotes(h.store, 'UMALLORY', h.clock.now())).toEqual([]);
  });
});
