import { describe, expect, it } from 'vitest';
import { duplicateNumberWarnings } from '../../src/domain/kep-number-duplicates.ts';
import {
  isInRelease,
  type MembershipKep,
  membershipDrift,
  releaseMembers,
} from '../../src/domain/release-membership.ts';

const kep = (number: number, changes: Partial<MembershipKep> = {}): MembershipKep => ({
  path: `keps/sig-node/${number}-x`,
  number,
  latestMilestone: 'v1.35',
  status: 'implementable',
  ...changes,
});

describe('isInRelease', () => {
  it.each([
    ['latest-milestone is the release', {}, true],
    ['provisional still counts', { status: 'provisional' }, true],
    ['implemented (graduating to stable) counts', { status: 'implemented' }, true],
    ['no status counts', { status: null }, true],
    ['withdrawn is out', { status: 'withdrawn' }, false],
    ['rejected is out', { status: 'rejected' }, false],
    ['replaced is out', { status: 'replaced' }, false],
    ['deferred is out', { status: 'deferred' }, false],
    ['a later latest-milestone is out, whatever milestone.<stage> says', { latestMilestone: 'v1.37' }, false],
    ['no latest-milestone is out', { latestMilestone: null }, false],
  ] as const)('%s', (_name, changes, expected) => {
    expect(isInRelease(kep(1, changes), 'v1.35')).toBe(expected);
  });

  it('a synced issue in the release milestone brings the KEP in, unless its status left', () => {
    const issues = new Map([
      [1, 'v1.35'],
      [2, 'v1.35'],
    ]);
    expect(isInRelease(kep(1, { latestMilestone: 'v1.34' }), 'v1.35', issues)).toBe(true);
    expect(isInRelease(kep(2, { latestMilestone: 'v1.34', status: 'withdrawn' }), 'v1.35', issues)).toBe(
      false,
    );
  });

  it('releaseMembers keeps the order it was given', () => {
    const keps = [kep(3), kep(1, { status: 'deferred' }), kep(2)];
    expect(releaseMembers(keps, 'v1.35').map((k) => k.number)).toEqual([3, 2]);
  });
});

describe('membershipDrift', () => {
  it('reports where kep.yaml and the issue milestone disagree, both ways, and nothing else', () => {
    const keps = [
      kep(1),
      kep(2, { latestMilestone: 'v1.34' }),
      kep(3),
      kep(4),
      kep(5, { status: 'withdrawn', latestMilestone: 'v1.34' }),
    ];
    const issues = new Map<number, string | null>([
      [1, 'v1.35'],
      [2, 'v1.35'],
      [3, null],
      [5, 'v1.35'],
    ]);
    expect(membershipDrift(keps, 'v1.35', issues).map((d) => [d.kep.number, d.message])).toEqual([
      [2, 'issue #2 is in milestone v1.35, but kep.yaml has `latest-milestone` v1.34'],
      [3, 'kep.yaml has `latest-milestone` v1.35, but issue #3 is in no milestone'],
    ]);
  });
});

describe('duplicateNumberWarnings', () => {
  it('warns on each folder sharing a number, with lines when known; never on number 0', () => {
    const keps = [
      { path: 'keps/sig-node/2133-a', number: 2133 },
      { path: 'keps/sig-auth/2133-b', number: 2133 },
      { path: 'keps/sig-x/0000-p', number: 0 },
      { path: 'keps/sig-y/0000-q', number: 0 },
      { path: 'keps/sig-y/7-r', number: 7 },
    ];
    const warnings = duplicateNumberWarnings(keps, new Map([['keps/sig-auth/2133-b', 3]]));
    expect(warnings.map((w) => w.source)).toEqual([
      'keps/sig-node/2133-a/kep.yaml',
      'keps/sig-auth/2133-b/kep.yaml:3',
    ]);
    expect(warnings[0]?.message).toMatch(
      /^kep-number 2133 is also used by keps\/sig-auth\/2133-b\/kep.yaml:3;/,
    );
  });
});
