import { describe, expect, it } from 'vitest';
import type { CodingPeriod } from '../../src/domain/confidence.ts';
import {
  checkPlannedIncrements,
  describeUncommitted,
  entryRisks,
  findUncommittedDependencies,
  formatIncrementPlan,
  type PlanEntry,
  parseDependencies,
  parseIncrementPlan,
} from '../../src/domain/plan.ts';

const period: CodingPeriod = {
  start: '2025-09-15',
  increments: 4,
  weeksPerIncrement: 2,
  confidenceCaps: [100, 80, 60, 40],
};

describe('parseIncrementPlan', () => {
  const ok: Array<[string, Array<[number, number]>]> = [
    ['', []],
    ['2:80', [[2, 80]]],
    [
      '3:60, 2:80',
      [
        [2, 80],
        [3, 60],
      ],
    ],
    [
      '2=80% ; 3 @ 60',
      [
        [2, 80],
        [3, 60],
      ],
    ],
    [
      '1:100 2:80',
      [
        [1, 100],
        [2, 80],
      ],
    ],
  ];
  it.each(ok)('reads %j', (text, expected) => {
    const parsed = parseIncrementPlan(text);
    expect(parsed).toEqual({
      ok: true,
      value: expected.map(([increment, confidence]) => ({ increment, confidence })),
    });
  });
  const bad: Array<[string, string]> = [
    ['2', 'not increment:confidence'],
    ['two:80', 'not increment:confidence'],
    ['2:120', 'more than 100%'],
    ['2:80, 2:60', 'listed twice'],
  ];
  it.each(bad)('refuses %j', (text, message) => {
    const parsed = parseIncrementPlan(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toContain(message);
  });
  it('formats what it reads', () => {
    const parsed = parseIncrementPlan('3:60, 2:80');
    expect(parsed.ok && formatIncrementPlan(parsed.value)).toBe('2:80, 3:60');
  });
});

describe('parseDependencies', () => {
  it.each([
    ['', []],
    ['#1234, KEP-42 5678 #1234', [42, 1234, 5678]],
  ] as Array<[string, number[]]>)('reads %j', (text, expected) => {
    expect(parseDependencies(text)).toEqual({ ok: true, value: expected });
  });
  it('refuses words', () => {
    expect(parseDependencies('sig-auth').ok).toBe(false);
  });
});

describe('checkPlannedIncrements (caps by distance)', () => {
  const now = new Date('2025-09-22T10:00:00Z'); // increment 1
  it.each([
    ['1:100, 2:80, 3:60, 4:40', null],
    ['2:70', null],
    ['2:81', 'above the 80% cap'],
    ['4:41', 'above the 40% cap'],
    ['5:10', 'there is no increment 5'],
  ] as Array<[string, string | null]>)('%s', (text, problem) => {
    const parsed = parseIncrementPlan(text);
    if (!parsed.ok) throw new Error(parsed.message);
    const result = checkPlannedIncrements(period, parsed.value, now);
    if (problem === null) expect(result).toBeNull();
    else expect(result).toContain(problem);
  });
  it('refuses an increment that has ended', () => {
    expect(
      checkPlannedIncrements(period, [{ increment: 1, confidence: 50 }], new Date('2025-10-01T00:00:00Z')),
    ).toContain('already ended');
  });
});

const entry = (
  kep: number,
  dependsOn: number[] = [],
  increments = [{ increment: 2, confidence: 80 }],
): PlanEntry => ({
  kep,
  kepPath: `keps/x/${kep}`,
  title: `KEP ${kep}`,
  stage: 'alpha',
  increments,
  dependsOn,
  releaseNote: 'note',
});

describe('uncommitted dependencies and risks', () => {
  const plans = [
    { sig: 'sig-node', entries: [entry(1287)] },
    { sig: 'sig-scheduling', entries: [entry(5471, [4742, 1287], [{ increment: 4, confidence: 40 }])] },
  ];
  const owners: Record<number, string> = { 4742: 'sig-node', 1287: 'sig-node' };
  it('flags only dependencies no plan commits', () => {
    const found = findUncommittedDependencies(plans, (kep) => owners[kep] ?? null);
    expect(found).toEqual([{ sig: 'sig-scheduling', kep: 5471, dependsOn: 4742, owner: 'sig-node' }]);
    expect(describeUncommitted(found[0]!)).toBe(
      "sig-scheduling plans on sig-node's #4742 (for #5471), which sig-node has not committed",
    );
  });
  it('names an unknown owner', () => {
    const found = findUncommittedDependencies([{ sig: 'sig-a', entries: [entry(1, [99])] }], () => null);
    expect(describeUncommitted(found[0]!)).toBe(
      'sig-a plans on #99 (for #1), which its SIG has not committed',
    );
  });
  it('lists low confidence, last increment and uncommitted dependencies as risks', () => {
    const uncommitted = findUncommittedDependencies(plans, (kep) => owners[kep] ?? null);
    expect(entryRisks(plans[1]!.entries[0]!, 4, uncommitted)).toEqual([
      'low confidence in increment 4 (40%)',
      'lands in the last increment, right before Code Freeze',
      'depends on #4742, which sig-node has not committed',
    ]);
    expect(entryRisks(plans[0]!.entries[0]!, 4, uncommitted)).toEqual([]);
  });
});
