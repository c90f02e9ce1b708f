import { describe, expect, it } from 'vitest';
import {
  type BallotState,
  countedBallots,
  decideRound,
  isRoundOpenAt,
  quorumNeeded,
  readVoteValue,
  shouldCloseEarly,
  type VoteQuorum,
  type VoteValue,
} from '../../src/domain/vote.ts';

const closesAt = '2026-06-04T00:00:00.000Z';
const before = '2026-06-03T12:00:00.000Z';
const electorate = ['U1', 'U2', 'U3', 'U4'];
const all: VoteQuorum = { kind: 'all' };

/** Ballots from `{ U1: 4, U2: 3 }`, cast before the deadline unless a time is given. */
function ballots(values: Record<string, VoteValue | [VoteValue, string]>): BallotState[] {
  return Object.entries(values).map(([voter, v]) =>
    Array.isArray(v) ? { voter, value: v[0], castAt: v[1] } : { voter, value: v, castAt: before },
  );
}

describe('decideRound: approved iff quorum is met and every ballot is 3 or more', () => {
  const cases: Array<{
    name: string;
    ballots: BallotState[];
    quorum?: VoteQuorum;
    approved: boolean;
    quorumMet: boolean;
    counted: number;
    low?: string[];
  }> = [
    {
      name: 'everyone at 3 or above',
      ballots: ballots({ U1: 3, U2: 4, U3: 5, U4: 3 }),
      approved: true,
      quorumMet: true,
      counted: 4,
    },
    {
      name: 'one 2 (concern open)',
      ballots: ballots({ U1: 3, U2: 4, U3: 5, U4: 2 }),
      approved: false,
      quorumMet: true,
      counted: 4,
      low: ['U4'],
    },
    {
      name: 'the 2 raised to 3 after the concern was resolved',
      ballots: ballots({ U1: 3, U2: 4, U3: 5, U4: 3 }),
      approved: true,
      quorumMet: true,
      counted: 4,
    },
    {
      name: 'a fist blocks',
      ballots: ballots({ U1: 5, U2: 5, U3: 5, U4: 0 }),
      approved: false,
      quorumMet: true,
      counted: 4,
      low: ['U4'],
    },
    {
      name: 'quorum all missed by one',
      ballots: ballots({ U1: 5, U2: 5, U3: 5 }),
      approved: false,
      quorumMet: false,
      counted: 3,
    },
    {
      name: 'quorum 75% met by three of four',
      ballots: ballots({ U1: 5, U2: 4, U3: 3 }),
      quorum: { kind: 'share', share: 0.75 },
      approved: true,
      quorumMet: true,
      counted: 3,
    },
    {
      name: 'quorum 75% missed by two of four',
      ballots: ballots({ U1: 5, U2: 4 }),
      quorum: { kind: 'share', share: 0.75 },
      approved: false,
      quorumMet: false,
      counted: 2,
    },
    {
      name: 'quorum met but a 1 among the voters',
      ballots: ballots({ U1: 5, U2: 1, U3: 4 }),
      quorum: { kind: 'share', share: 0.5 },
      approved: false,
      quorumMet: true,
      counted: 3,
      low: ['U2'],
    },
    { name: 'nobody voted', ballots: [], approved: false, quorumMet: false, counted: 0 },
    {
      name: 'a ballot from outside the electorate does not count',
      ballots: ballots({ U1: 4, U2: 4, U3: 4, U9: 4 }),
      approved: false,
      quorumMet: false,
      counted: 3,
    },
    {
      name: 'a ballot cast exactly at the deadline does not count',
      ballots: ballots({ U1: 4, U2: 4, U3: 4, U4: [4, closesAt] }),
      approved: false,
      quorumMet: false,
      counted: 3,
    },
    {
      name: 'a ballot cast 1 ms before the deadline counts',
      ballots: ballots({ U1: 4, U2: 4, U3: 4, U4: [4, '2026-06-03T23:59:59.999Z'] }),
      approved: true,
      quorumMet: true,
      counted: 4,
    },
    {
      name: 'a low ballot after the deadline is ignored',
      ballots: ballots({ U1: 4, U2: 4, U3: 4, U4: [1, '2026-06-04T00:00:00.001Z'] }),
      quorum: { kind: 'share', share: 0.75 },
      approved: true,
      quorumMet: true,
      counted: 3,
    },
  ];
  it.each(cases)('$name', (c) => {
    const decision = decideRound({ electorate, ballots: c.ballots, quorum: c.quorum ?? all, closesAt });
    expect(decision.approved).toBe(c.approved);
    expect(decision.quorumMet).toBe(c.quorumMet);
    expect(decision.counted).toBe(c.counted);
    expect(decision.low.map((b) => b.voter)).toEqual(c.low ?? []);
  });

  it('lists who did not vote and a histogram of the counted values', () => {
    const decision = decideRound({
      electorate,
      ballots: ballots({ U1: 5, U3: 5, U4: 2 }),
      quorum: all,
      closesAt,
    });
    expect(decision.missing).toEqual(['U2']);
    expect(decision.histogram).toEqual({ 0: 0, 1: 0, 2: 1, 3: 0, 4: 0, 5: 2 });
  });

  it('an empty electorate never approves', () => {
    expect(decideRound({ electorate: [], ballots: [], quorum: all, closesAt }).approved).toBe(false);
  });
});

describe('changed ballots', () => {
  it('only the current ballot counts: a 2 changed to 4 approves, a 4 changed to 1 does not', () => {
    const raised = decideRound({ electorate: ['U1'], ballots: ballots({ U1: 4 }), quorum: all, closesAt });
    const lowered = decideRound({ electorate: ['U1'], ballots: ballots({ U1: 1 }), quorum: all, closesAt });
    expect(raised.approved).toBe(true);
    expect(lowered.approved).toBe(false);
  });
});

describe('quorumNeeded', () => {
  it.each([
    [{ kind: 'all' } as VoteQuorum, 7, 7],
    [{ kind: 'share', share: 0.5 } as VoteQuorum, 7, 4],
    [{ kind: 'share', share: 0.6 } as VoteQuorum, 5, 3],
    [{ kind: 'share', share: 0.6 } as VoteQuorum, 10, 6],
    [{ kind: 'share', share: 0.01 } as VoteQuorum, 3, 1],
    [{ kind: 'share', share: 1 } as VoteQuorum, 300, 300],
  ])('%j of %i needs %i', (quorum, size, needed) => {
    expect(quorumNeeded(quorum, size)).toBe(needed);
  });
});

describe('isRoundOpenAt: ties at the deadline', () => {
  it.each([
    ['1 ms before the deadline', '2026-06-03T23:59:59.999Z', null, true],
    ['exactly at the deadline', closesAt, null, false],
    ['after the deadline', '2026-06-04T00:00:01.000Z', null, false],
    ['before the deadline but closed early', before, '2026-06-03T00:00:00.000Z', false],
  ])('%s', (_name, now, closedAt, open) => {
    expect(isRoundOpenAt({ closesAt, closedAt }, new Date(now as string))).toBe(open);
  });
});

describe('shouldCloseEarly', () => {
  it.each([
    ['everyone voted 3+', ballots({ U1: 3, U2: 4, U3: 5, U4: 5 }), true],
    [
      'everyone voted, one at 2: stays open so the concern can be satisfied',
      ballots({ U1: 3, U2: 4, U3: 5, U4: 2 }),
      false,
    ],
    ['one elector missing', ballots({ U1: 3, U2: 4, U3: 5 }), false],
    ['a late ballot does not complete it', ballots({ U1: 3, U2: 4, U3: 5, U4: [4, closesAt] }), false],
  ])('%s', (_name, b, expected) => {
    expect(shouldCloseEarly({ electorate, ballots: b, closesAt })).toBe(expected);
  });
});

describe('countedBallots and readVoteValue', () => {
  it('keeps electorate order', () => {
    expect(
      countedBallots({ electorate, ballots: ballots({ U3: 4, U1: 5 }), closesAt }).map((b) => b.voter),
    ).toEqual(['U1', 'U3']);
  });
  it.each([
    ['3', 3],
    [5, 5],
    ['0', 0],
    ['6', null],
    ['-1', null],
    ['', null],
    ['2.5', null],
    [null, null],
  ])('%j → %j', (input, expected) => {
    expect(readVoteValue(input)).toBe(expected);
  });
});
