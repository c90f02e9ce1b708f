import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { NewVote } from '../../src/ports/vote-store.ts';
import { type TempStore, tempStore } from './temp-db.ts';

let t: TempStore;
beforeEach(() => {
  t = tempStore();
});
afterEach(() => t.cleanup());

const newVote = (overrides: Partial<NewVote> = {}): NewVote => ({
  question: 'Ship it?',
  owner: 'UOWNER',
  channel: 'C1',
  threadTs: null,
  electorateKind: 'people',
  electorateSource: null,
  quorum: { kind: 'share', share: 0.6 },
  hideValues: false,
  durationMs: 3_600_000,
  remindAt: [{ kind: 'before-close', ms: 600_000 }],
  link: null,
  kepIssues: [4222],
  createdAt: '2026-06-01T00:00:00.000Z',
  electors: ['UA', 'UB'],
  idempotencyKey: 'view:V1',
  ...overrides,
});
const round = { opensAt: '2026-06-01T00:00:00.000Z', closesAt: '2026-06-01T01:00:00.000Z' };

describe('vote repo (0006_votes)', () => {
  it('round-trips a vote and survives a second connection', () => {
    const { vote, round: first } = t.store.votes.create(newVote(), round);
    const other = t.reopen().store.votes;
    expect(other.get(vote.id)).toEqual(vote);
    expect(other.getRound(first.id)).toEqual(first);
    expect(vote).toMatchObject({
      quorum: { kind: 'share', share: 0.6 },
      remindAt: [{ kind: 'before-close', ms: 600_000 }],
      kepIssues: [4222],
    });
    expect(other.electors(vote.id)).toEqual(['UA', 'UB']);
  });

  it('refuses a 0–2 ballot without a concern, and stores nothing of it', () => {
    const { round: r } = t.store.votes.create(newVote(), round);
    expect(() =>
      t.store.votes.recordBallot({
        roundId: r.id,
        voter: 'UA',
        value: 2,
        concernId: null,
        at: round.opensAt,
        idempotencyKey: 'k',
      }),
    ).toThrow(/concern/);
    expect(t.store.votes.ballots(r.id)).toEqual([]);
    expect(t.store.votes.ballotHistory(r.id)).toEqual([]);
  });

  it('closes a round once and adds the next round once', () => {
    const { round: r } = t.store.votes.create(newVote(), round);
    const close = {
      closedAt: '2026-06-01T00:30:00.000Z',
      reason: 'owner' as const,
      outcome: 'not-approved' as const,
      by: 'UOWNER',
    };
    expect(t.store.votes.closeRound(r.id, close)).toBe(true);
    expect(t.store.votes.closeRound(r.id, { ...close, outcome: 'approved' })).toBe(false);
    expect(t.store.votes.getRound(r.id)?.outcome).toBe('not-approved');
    const closed = t.store.votes.getRound(r.id)!;
    const a = t.store.votes.addRound(closed, '2026-06-01T00:31:00.000Z', '2026-06-01T01:31:00.000Z');
    const b = t.store.votes.addRound(closed, '2026-06-01T00:32:00.000Z', '2026-06-01T01:32:00.000Z');
    expect(a.created).toBe(true);
    expect(b).toEqual({ round: a.round, created: false });
    expect(t.store.votes.openRounds().map((x) => x.id)).toEqual([a.round.id]);
  });

  it('records each reminder once', () => {
    const { round: r } = t.store.votes.create(newVote(), round);
    expect(t.store.votes.recordReminder(r.id, 0, round.opensAt, 2)).toBe(true);
    expect(t.store.votes.recordReminder(r.id, 0, round.opensAt, 2)).toBe(false);
    expect(t.store.votes.remindersSent(r.id)).toEqual([0]);
  });
});
