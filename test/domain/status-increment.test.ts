import { describe, expect, it } from 'vitest';
import type { CodingPeriod } from '../../src/domain/confidence.ts';
import { chooseIncrement, explainCap, plannedIncrement } from '../../src/domain/status-increment.ts';

/** Four two-week increments from 2026-06-15; 2026-07-01 is in increment 2. */
const period: CodingPeriod = {
  start: '2026-06-15',
  increments: 4,
  weeksPerIncrement: 2,
  confidenceCaps: [100, 80, 60, 40],
};
const now = new Date('2026-07-01T12:00:00Z');
const none = { given: null, planned: null, previous: null };

describe('chooseIncrement', () => {
  it.each([
    {
      name: 'the line wins',
      known: { given: 1, planned: 3, previous: 4 },
      want: { increment: 1, source: 'line' },
    },
    {
      name: 'then the plan',
      known: { ...none, planned: 3, previous: 4 },
      want: { increment: 3, source: 'plan' },
    },
    {
      name: 'a planned one that ended moves to now',
      known: { ...none, planned: 1 },
      want: { increment: 2, source: 'plan' },
    },
    {
      name: 'then the previous update',
      known: { ...none, previous: 4 },
      want: { increment: 4, source: 'previous' },
    },
    { name: 'else the current increment', known: none, want: { increment: 2, source: 'current' } },
  ])('$name', ({ known, want }) => {
    expect(chooseIncrement(period, now, known)).toEqual(want);
  });

  it('has no current increment without a coding period', () => {
    expect(chooseIncrement(null, now, none)).toEqual({ increment: null, source: 'current' });
    expect(chooseIncrement(null, now, { ...none, planned: 1 })).toEqual({ increment: 1, source: 'plan' });
  });
});

describe('plannedIncrement', () => {
  const entry = (increments: number[]) => ({
    kep: 1,
    kepPath: 'keps/sig-node/1-x',
    title: 'x',
    stage: null,
    increments: increments.map((increment) => ({ increment, confidence: 50 })),
    dependsOn: [],
    releaseNote: '',
  });
  it('is the last increment with work, or null', () => {
    expect(plannedIncrement(entry([2, 4, 3]))).toBe(4);
    expect(plannedIncrement(entry([]))).toBe(null);
    expect(plannedIncrement(undefined)).toBe(null);
  });
});

describe('explainCap', () => {
  it.each([
    ['plan', "KEP-5593 is planned for increment 3 in sig-x's approved plan: cap 60%"],
    ['line', 'KEP-5593 is reported for increment 3: cap 60%'],
    ['previous', "KEP-5593's previous update put its work in increment 3: cap 60%"],
    ['current', 'KEP-5593 is in no approved plan, so the current increment 3 applies: cap 60%'],
  ] as const)('%s', (source, text) => {
    expect(explainCap(5593, 'sig-x', { increment: 3, source }, 60)).toBe(text);
  });
});
