import { describe, expect, it } from 'vitest';
import { roundKey, roundTimes, summariseRound } from '../../src/domain/round.ts';
import type { StatusUpdate } from '../../src/domain/status.ts';

const keps = [
  { path: 'keps/a', number: 1, title: 'A' },
  { path: 'keps/b', number: 2, title: 'B' },
  { path: 'keps/c', number: 3, title: 'C' },
];
let id = 0;
const update = (
  kepPath: string,
  state: StatusUpdate['state'],
  authorSlack: string,
  authorGithub: string | null,
): StatusUpdate => ({
  id: ++id,
  kepPath,
  kepNumber: 0,
  sig: 'sig-node',
  release: 'v1.35',
  state,
  confidence: null,
  increment: null,
  note: '',
  authorSlack,
  authorGithub,
  source: 'command',
  createdAt: '2025-10-07T17:00:00Z',
});

describe('summariseRound', () => {
  const facilitators = [
    { github: 'alice', slack: 'U1' },
    { github: 'bob', slack: 'U2' },
    { github: 'carol', slack: 'U3' },
    { github: 'dan', slack: null },
  ];

  it('says who updated, what changed, what is stale, who is missing and who was away', () => {
    const summary = summariseRound({
      keps,
      snapshot: { 'keps/a': { state: 'on-track', updateId: 1 }, 'keps/b': { state: 'at-risk', updateId: 2 } },
      updates: [
        update('keps/a', 'at-risk', 'U1', 'alice'),
        update('keps/a', 'blocked', 'U1', 'alice'),
        update('keps/b', 'at-risk', 'U9', 'ALICE'),
      ],
      facilitators,
      away: [{ github: 'Carol', until: '2025-10-20T00:00:00Z' }],
    });
    expect(summary.updatedBy).toEqual([
      { slack: 'U1', github: 'alice', count: 2 },
      { slack: 'U9', github: 'ALICE', count: 1 },
    ]);
    expect(summary.changes).toEqual([{ kep: keps[0], from: 'on-track', to: 'blocked' }]);
    expect(summary.stale).toEqual([keps[2]]);
    expect(summary.missing).toEqual([facilitators[1], facilitators[3]]);
    expect(summary.away).toEqual([{ github: 'carol', slack: 'U3', until: '2025-10-20T00:00:00Z' }]);
  });

  it('a first report is a change from nothing; without KEPs nobody is missing', () => {
    const first = summariseRound({
      keps,
      snapshot: {},
      updates: [update('keps/c', 'done', 'U2', 'bob')],
      facilitators,
      away: [],
    });
    expect(first.changes).toEqual([{ kep: keps[2], from: null, to: 'done' }]);
    expect(summariseRound({ keps: [], snapshot: {}, updates: [], facilitators, away: [] }).missing).toEqual(
      [],
    );
  });

  it('names round instants and keys deterministically', () => {
    const open = new Date('2025-10-07T16:00:00Z');
    expect(roundTimes(open, 12 * 3_600_000, 36 * 3_600_000)).toEqual({
      openAt: open,
      nudgeAt: new Date('2025-10-08T04:00:00Z'),
      closeAt: new Date('2025-10-09T04:00:00Z'),
    });
    expect(roundKey('sig-node', open)).toBe('round:sig-node:2025-10-07T16:00:00.000Z');
  });
});
