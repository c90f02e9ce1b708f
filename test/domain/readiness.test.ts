import { describe, expect, it } from 'vitest';
import type { KepState } from '../../src/domain/kep-state.ts';
import { notReadyFor, type ReadinessKep } from '../../src/domain/readiness.ts';

const ready: ReadinessKep = {
  path: 'keps/sig-node/1-ready',
  number: 1,
  title: 'Ready',
  owningSig: 'sig-node',
  status: 'implementable',
  stage: 'beta',
  latestMilestone: 'v1.35',
  milestones: { alpha: 'v1.34', beta: 'v1.35' },
  prrApprovals: { alpha: 'approver', beta: 'approver' },
};
const kep = (number: number, changes: Partial<ReadinessKep>): ReadinessKep => ({
  ...ready,
  ...changes,
  number,
  path: `keps/sig-node/${number}`,
});

const keps = [
  ready,
  kep(2, { status: 'provisional' }),
  kep(3, { latestMilestone: 'v1.34' }),
  kep(4, { milestones: { alpha: 'v1.34' } }),
  kep(5, { prrApprovals: { alpha: 'approver' } }),
  kep(6, { stage: null }),
  kep(7, { status: null, latestMilestone: null }),
];
const states = new Map<string, KepState>([
  ['keps/sig-node/1-ready', 'blocked'],
  ['keps/sig-node/2', 'at-risk'],
  ['keps/sig-node/3', 'on-track'],
  ['keps/sig-node/5', 'dropped'],
]);

const reasons = (kind: Parameters<typeof notReadyFor>[0]) =>
  Object.fromEntries(notReadyFor(kind, keps, 'v1.35', states).map((n) => [n.kep.number, n.reasons]));

describe('notReadyFor', () => {
  it('Enhancements Freeze: only unmet file requirements, a stage kept from an earlier release is fine', () => {
    expect(reasons('enhancements-freeze')).toEqual({
      2: ['`status` is `provisional`, not `implementable`'],
      3: ['`latest-milestone` is v1.34, not v1.35'],
      4: ['`milestone.beta` is not set; it must be v1.35 when graduating'],
      // 5 is dropped: Deferred, not at risk
      6: [
        'no `stage` set',
        'no `stage`, so the stage milestone cannot be checked',
        'no `stage`, so no PRR approval can match it',
      ],
      7: ['`latest-milestone` is not set, not v1.35', 'no `status`; it must be `implementable`'],
    });
  });

  it('every listed KEP carries its handbook Status; an open exception request makes it Exception Pending', () => {
    const list = notReadyFor('enhancements-freeze', keps, 'v1.35', states, {
      exceptions: new Map([[3, 'open' as const]]),
    });
    expect(Object.fromEntries(list.map((n) => [n.kep.number, n.status]))).toMatchObject({
      2: 'At Risk For Enhancement Freeze',
      3: 'Exception Pending',
    });
    const approved = notReadyFor('enhancements-freeze', keps, 'v1.35', states, {
      exceptions: new Map([[3, 'approved' as const]]),
    });
    expect(approved.map((n) => n.kep.number)).not.toContain(3);
  });

  it("the synced board's Status decides where it has one: Tracked clears a KEP, At Risk lists it", () => {
    const board = new Map([
      [2, 'Tracked For Enhancement Freeze' as const],
      [1, 'At Risk For Enhancement Freeze' as const],
      [4, 'Exception Pending' as const],
    ]);
    const list = notReadyFor('enhancements-freeze', keps, 'v1.35', states, { board });
    expect(Object.fromEntries(list.map((n) => [n.kep.number, [n.status, n.reasons.length]]))).toEqual({
      1: ['At Risk For Enhancement Freeze', 1],
      3: ['At Risk For Enhancement Freeze', 1],
      4: ['Exception Pending', 1],
      6: ['At Risk For Enhancement Freeze', 3],
      7: ['At Risk For Enhancement Freeze', 2],
    });
    expect(list.find((n) => n.kep.number === 1)?.reasons).toEqual([
      'the tracking board says At Risk For Enhancement Freeze',
    ]);
    expect(list.find((n) => n.kep.number === 4)?.reasons).toEqual(reasons('enhancements-freeze')[4]);
  });

  it('PRR Freeze: the kep.yaml and PRR file requirements', () => {
    expect(Object.keys(reasons('prr-freeze'))).toEqual(['3', '4', '6', '7']);
  });

  it('Code Freeze: the SIG reporting at-risk or blocked', () => {
    expect(reasons('code-freeze')).toEqual({
      1: ['the SIG reports it blocked'],
      2: ['the SIG reports it at-risk'],
    });
  });

  it('milestones that are not freezes list nothing', () => {
    expect(reasons('feature-blog-freeze')).toEqual({});
    expect(reasons('release')).toEqual({});
    expect(reasons(null)).toEqual({});
  });
});
