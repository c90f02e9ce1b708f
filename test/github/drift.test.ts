import { describe, expect, it } from 'vitest';
import { type DriftInput, findDrift } from '../../src/domain/drift.ts';
import type { BoardItemSnapshot, IssueSnapshot } from '../../src/domain/github-snapshots.ts';
import type { Kep } from '../../src/domain/types.ts';
import { syntheticGithubSeed } from '../../src/sandbox/github/fixture-github.ts';
import { githubHarness } from './github-harness.ts';

const release = 'v1.37';
const labels = { optedIn: 'lead-opted-in', trackedYes: 'tracked/yes', trackedNo: 'tracked/no' };

function issue(change: Partial<IssueSnapshot> = {}): IssueSnapshot {
  return {
    repo: 'kubernetes/enhancements',
    number: 4222,
    title: 'A KEP',
    state: 'OPEN',
    milestone: release,
    labels: ['lead-opted-in', 'stage/beta', 'tracked/yes'],
    updatedAt: '2026-01-01T00:00:00Z',
    ...change,
  };
}

function item(change: Partial<BoardItemSnapshot> = {}): BoardItemSnapshot {
  return {
    board: 'kubernetes/264',
    itemId: 'PVTI_1',
    issueRepo: 'kubernetes/enhancements',
    issueNumber: 4222,
    status: 'Tracked for Enhancements Freeze',
    stage: 'Beta',
    sig: 'SIG Node',
    prrStatus: null,
    fields: {},
    archived: false,
    updatedAt: '2026-01-01T00:00:00Z',
    ...change,
  };
}

function kep(change: Partial<Kep> = {}): Kep {
  return {
    number: 4222,
    path: 'keps/sig-node/4222-a-kep',
    title: 'A KEP',
    owningSig: 'sig-node',
    status: 'implementable',
    stage: 'beta',
    latestMilestone: release,
    milestones: { beta: release },
    prrApprovals: {},
    ...change,
  } as Kep;
}

function drift(parts: { issue?: IssueSnapshot; item?: BoardItemSnapshot | null; kep?: Kep }) {
  const input: DriftInput = {
    release,
    labels,
    issues: [parts.issue ?? issue()],
    board: parts.item === null ? [] : [parts.item ?? item()],
    keps: new Map([[4222, parts.kep ?? kep()]]),
  };
  return findDrift(input).map((f) => `${f.kind}: ${f.message}`);
}

describe('findDrift', () => {
  it('finds nothing when labels, milestone, board and kep.yaml agree', () => {
    expect(drift({})).toEqual([]);
  });

  it.each([
    [
      'a stage label ≠ kep.yaml',
      { issue: issue({ labels: ['lead-opted-in', 'stage/alpha'] }) },
      'stage-label: label stage/alpha but kep.yaml stage is beta',
    ],
    [
      'in the milestone without lead-opted-in',
      { issue: issue({ labels: ['stage/beta'] }) },
      'not-opted-in: in the v1.37 milestone without lead-opted-in',
    ],
    [
      'opted in but not on the board',
      { item: null },
      'not-on-board: has lead-opted-in but is not on the board',
    ],
    [
      'board Stage ≠ kep.yaml',
      { item: item({ stage: 'Stable' }) },
      'board-stage: board Stage Stable but kep.yaml stage is beta',
    ],
    [
      'Tracked with tracked/no',
      { issue: issue({ labels: ['lead-opted-in', 'stage/beta', 'tracked/no'] }) },
      'tracked-label: board Status Tracked for Enhancements Freeze but tracked/no',
    ],
    [
      'Deferred with tracked/yes',
      { item: item({ status: 'deferred' }), issue: issue({ milestone: null }) },
      'tracked-label: board Status Deferred but tracked/yes',
    ],
    [
      'Removed From Milestone keeping the milestone',
      {
        item: item({ status: 'Removed from Milestone' }),
        issue: issue({ labels: ['lead-opted-in', 'stage/beta', 'tracked/no'] }),
      },
      'removed-keeps-milestone: board Status Removed From Milestone but the issue keeps the v1.37 milestone',
    ],
    [
      'latest-milestone = R but not in R',
      { issue: issue({ milestone: null }) },
      'latest-milestone: kep.yaml latest-milestone is v1.37 but the issue is not in the v1.37 milestone',
    ],
    [
      'in R but latest-milestone ≠ R',
      { kep: kep({ latestMilestone: 'v1.36' }) },
      'latest-milestone: in the v1.37 milestone but kep.yaml latest-milestone is v1.36',
    ],
    [
      'closed while implementable',
      { issue: issue({ state: 'CLOSED' }) },
      'closed-implementable: issue closed while kep.yaml status is implementable',
    ],
  ] as const)('%s', (_name, parts, expected) => {
    expect(drift(parts)).toEqual([expected]);
  });

  it('gives a finding a stable key and a fingerprint that changes with the values', () => {
    const input = (stage: string): DriftInput => ({
      release,
      labels,
      issues: [issue()],
      board: [item({ stage })],
      keps: new Map([[4222, kep()]]),
    });
    const [alpha] = findDrift(input('Alpha'));
    const [stable] = findDrift(input('Stable'));
    expect(alpha?.key).toBe('board-stage:#4222');
    expect(stable?.key).toBe(alpha?.key);
    expect(stable?.fingerprint).not.toBe(alpha?.fingerprint);
  });

  it('compares nothing with the board when it was never read', () => {
    expect(
      findDrift({ release, labels, issues: [issue()], board: null, keps: new Map([[4222, kep()]]) }),
    ).toEqual([]);
  });
});

describe('drift through the sync (fake GitHub)', () => {
  it('reports each planted drift once, nothing on a clean seed, and a changed finding again', async () => {
    const h = await githubHarness({
      seed: syntheticGithubSeed(12, release),
      start: '2026-02-01T12:00:00.000Z',
      options: { release },
    });
    try {
      const clean = await h.sync();
      expect(clean.warnings).toEqual([]);
      expect(clean.drift).toEqual({ open: 0, news: [] });
      h.clock.advance(60_000);
      h.state.updateIssue(10_000, { labels: ['lead-opted-in', 'sig/node', 'stage/alpha'] });
      h.state.updateIssue(10_001, { labels: ['sig/storage', 'stage/beta'] });
      h.state.removeBoardItem(10_002);
      h.state.setBoardField(10_003, 'Stage', 'Alpha');
      h.state.updateIssue(10_004, { labels: ['lead-opted-in', 'sig/auth', 'stage/beta', 'tracked/no'] });
      h.state.setBoardField(10_005, 'Status', 'Removed From Milestone');
      h.state.updateIssue(10_006, { milestone: null });
      h.state.updateIssue(10_007, { state: 'CLOSED' });
      const planted = await h.sync();
      expect(planted.drift.news.map((f) => f.key)).toEqual([
        'stage-label:#10000',
        'not-opted-in:#10001',
        'not-on-board:#10002',
        'board-stage:#10003',
        'tracked-label:#10004',
        'removed-keeps-milestone:#10005',
        'latest-milestone:#10006',
        'closed-implementable:#10007',
      ]);
      expect(h.store.githubDrift.list()).toHaveLength(8);

      h.clock.advance(60_000);
      const again = await h.sync();
      expect(again.drift).toEqual({ open: 8, news: [] });

      h.clock.advance(60_000);
      h.state.updateIssue(10_000, { labels: ['lead-opted-in', 'sig/node', 'stage/stable'] });
      h.state.updateIssue(10_007, { state: 'OPEN' });
      const changed = await h.sync();
      expect(changed.drift.open).toBe(7);
      expect(changed.drift.news.map((f) => f.message)).toEqual([
        'label stage/stable but kep.yaml stage is beta',
      ]);
    } finally {
      await h.close();
    }
  });
});
