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
  it('Enhancements Freeze: implementable, latest-milestone, the target stage’s milestone, PRR approval', () => {
    expect(reasons('enhancements-freeze')).toEqual({
      2: ['`status` is `provisional`, not `implementable`'],
      3: ['`latest-milestone` is v1.34, not v1.35'],
      4: ['`milestone.beta` is not set to v1.35'],
      // 5 is dropped: it left the release
      6: [
        'no `stage` set, so the target stage is unknown',
        'no `stage` set, so no PRR approval can match it',
      ],
      7: ['no `status`; it must be `implementable`', 'no `latest-milestone`; it must be v1.35'],
    });
  });

  it('PRR Freeze: only the PRR approval for the target stage', () => {
    expect(reasons('prr-freeze')).toEqual({ 6: ['no `stage` set, so no PRR approval can match it'] });
  });

  it('Code Freeze: latest state at-risk or blocked', () => {
    expect(reasons('code-freeze')).toEqual({
      1: ['latest state is blocked'],
      2: ['latest state is at-risk'],
    });
  });

  it('milestones without checks list nothing', () => {
    expect(reasons('feature-blog-freeze')).toEqual({});
    expect(reasons(null)).toEqual({});
  });
});
