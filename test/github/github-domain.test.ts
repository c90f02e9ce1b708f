import { describe, expect, it } from 'vitest';
import { readBoardFields } from '../../src/domain/board.ts';
import { describeFreshness } from '../../src/domain/github-freshness.ts';
import type { BoardItemSnapshot, IssueSnapshot } from '../../src/domain/github-snapshots.ts';
import { kepDirOf, readPrrPath, selectKepFiles } from '../../src/domain/kep-files.ts';
import { paceAfter } from '../../src/domain/rate-budget.ts';
import { boardItemRemoved, diffBoardItem, diffIssue, diffKep } from '../../src/domain/sync-diff.ts';
import type { Kep } from '../../src/domain/types.ts';
import { planLabelActions } from '../../src/domain/write-back-plan.ts';

const issue: IssueSnapshot = {
  repo: 'kubernetes/enhancements',
  number: 4222,
  title: 'Thing',
  state: 'OPEN',
  milestone: 'v1.37',
  labels: ['lead-opted-in', 'sig/node'],
  updatedAt: '2026-06-01T10:00:00Z',
};

describe('diffIssue', () => {
  const later = { updatedAt: '2026-06-02T10:00:00Z' };
  const cases: [string, IssueSnapshot | null, IssueSnapshot, boolean, string[]][] = [
    ['a first read records nothing', null, issue, true, []],
    ['a new issue after the first read joins', null, issue, false, ['KEP issue joined milestone v1.37']],
    ['no change', issue, issue, false, []],
    [
      'a label added',
      issue,
      { ...issue, ...later, labels: [...issue.labels, 'tracked/yes'] },
      false,
      ['label tracked/yes added'],
    ],
    [
      'a label removed',
      issue,
      { ...issue, ...later, labels: ['sig/node'] },
      false,
      ['label lead-opted-in removed'],
    ],
    [
      'milestone moved',
      issue,
      { ...issue, ...later, milestone: 'v1.38' },
      false,
      ['milestone changed: v1.37 → v1.38'],
    ],
    [
      'milestone removed',
      issue,
      { ...issue, ...later, milestone: null },
      false,
      ['milestone changed: v1.37 → (none)'],
    ],
    ['closed', issue, { ...issue, ...later, state: 'CLOSED' }, false, ['issue closed']],
  ];
  it.each(cases)('%s', (_name, before, after, baseline, messages) => {
    expect(diffIssue(before, after, baseline).map((e) => e.message)).toEqual(messages);
  });

  it('keys events by issue, update time and change, so a replayed page records nothing twice', () => {
    const after = { ...issue, ...later, labels: [...issue.labels, 'tracked/yes'] };
    expect(diffIssue(issue, after, false)[0]!.key).toBe(
      'issue:kubernetes/enhancements#4222:2026-06-02T10:00:00Z:+tracked/yes',
    );
  });
});

const item: BoardItemSnapshot = {
  board: 'kubernetes/264',
  itemId: 'PVTI_1',
  issueRepo: 'kubernetes/enhancements',
  issueNumber: 4222,
  status: 'Tracked for Enhancements Freeze',
  stage: 'Beta',
  sig: 'SIG Node',
  prrStatus: 'Approved',
  fields: {},
  archived: false,
  updatedAt: '2026-06-01T10:00:00Z',
};

describe('diffBoardItem', () => {
  const cases: [string, BoardItemSnapshot | null, BoardItemSnapshot, string[]][] = [
    [
      'status moved',
      item,
      { ...item, status: 'At Risk for Code Freeze' },
      ['moved to At Risk for Code Freeze on the board'],
    ],
    ['stage changed', item, { ...item, stage: 'Stable' }, ['Stage on the board: Beta → Stable']],
    [
      'PRR status cleared',
      item,
      { ...item, prrStatus: null },
      ['PRR status cleared on the board (was Approved)'],
    ],
    ['added after the first read', null, item, ['added to the board as Tracked for Enhancements Freeze']],
    ['nothing changed', item, { ...item }, []],
  ];
  it.each(cases)('%s', (_name, before, after, messages) => {
    expect(diffBoardItem(before, after, false).map((e) => e.message)).toEqual(messages);
  });

  it('records before and after of a status change', () => {
    const [event] = diffBoardItem(item, { ...item, status: 'At Risk for Code Freeze' }, false);
    expect(event).toMatchObject({
      kind: 'board-field',
      field: 'Status',
      before: 'Tracked for Enhancements Freeze',
      after: 'At Risk for Code Freeze',
      kepNumber: 4222,
    });
  });

  it('words a removed item', () => {
    expect(boardItemRemoved(item, '2026-06-03T00:00:00Z')).toMatchObject({
      kind: 'board-removed',
      message: 'removed from the board',
      kepNumber: 4222,
    });
  });
});

describe('diffKep', () => {
  const kep = {
    path: 'keps/sig-node/4222-thing',
    number: 4222,
    title: 'Thing',
    owningSig: 'sig-node',
    status: 'implementable',
    stage: 'beta',
    latestMilestone: 'v1.36',
    milestones: { alpha: 'v1.35', beta: 'v1.36' },
    prrApprovals: { alpha: 'jdoe' },
  } as unknown as Kep;
  const cases: [string, Partial<Kep>, string[]][] = [
    ['stage', { stage: 'stable' }, ['kep.yaml changed: stage beta → stable']],
    [
      'latest-milestone and milestone',
      { latestMilestone: 'v1.37', milestones: { alpha: 'v1.35', beta: 'v1.36', stable: 'v1.37' } },
      [
        'kep.yaml changed: latest-milestone v1.36 → v1.37',
        'kep.yaml changed: milestone alpha v1.35, beta v1.36 → alpha v1.35, beta v1.36, stable v1.37',
      ],
    ],
    [
      'PRR approval',
      { prrApprovals: { alpha: 'jdoe', beta: 'wojtek' } },
      ['PRR approval changed: alpha jdoe → alpha jdoe, beta wojtek'],
    ],
    ['nothing', {}, []],
  ];
  it.each(cases)('%s', (_name, change, messages) => {
    expect(diffKep(kep, { ...kep, ...change }, '2026-06-01T00:00:00Z', 'oid1').map((e) => e.message)).toEqual(
      messages,
    );
  });
});

describe('readBoardFields', () => {
  const cases: [string, { field: string; value: string }[], object][] = [
    [
      'the usual fields',
      [
        { field: 'Status', value: 'At Risk for Code Freeze' },
        { field: 'Stage', value: 'Beta' },
        { field: 'SIG', value: 'SIG Node' },
        { field: 'PRR Status', value: 'Approved' },
      ],
      { status: 'At Risk for Code Freeze', stage: 'Beta', sig: 'SIG Node', prrStatus: 'Approved' },
    ],
    [
      'names in other spellings',
      [
        { field: 'status', value: 'Deferred' },
        { field: 'prr-status', value: 'Needed' },
      ],
      { status: 'Deferred', stage: null, sig: null, prrStatus: 'Needed' },
    ],
    ['blank values are none', [{ field: 'Status', value: '  ' }], { status: null, fields: {} }],
    [
      'unknown fields are kept',
      [{ field: 'Docs', value: 'Needed' }],
      { status: null, fields: { Docs: 'Needed' } },
    ],
  ];
  it.each(cases)('%s', (_name, values, expected) => {
    expect(readBoardFields(values)).toMatchObject(expected);
  });
});

describe('KEP files', () => {
  it.each([
    ['keps/sig-node/4222-thing/kep.yaml', 'keps/sig-node/4222-thing'],
    ['keps/sig-cluster-lifecycle/kubeadm/4471-x/kep.yaml', 'keps/sig-cluster-lifecycle/kubeadm/4471-x'],
    ['keps/prod-readiness/sig-node/4222.yaml', null],
    ['keps/sig-node/4222-thing/README.md', null],
  ])('kepDirOf(%s)', (path, dir) => {
    expect(kepDirOf(path)).toBe(dir);
  });

  it('selects the kep.yaml and PRR files of the release numbers only', () => {
    const paths = [
      'keps/sig-node/4222-thing/kep.yaml',
      'keps/sig-node/0099-other/kep.yaml',
      'keps/prod-readiness/sig-node/4222.yaml',
      'keps/prod-readiness/sig-node/99.yaml',
      'keps/sig-node/4222-thing/README.md',
    ];
    expect(selectKepFiles(paths, new Set([4222]))).toEqual({
      kepYaml: ['keps/sig-node/4222-thing/kep.yaml'],
      prr: ['keps/prod-readiness/sig-node/4222.yaml'],
    });
    expect(readPrrPath('keps/prod-readiness/sig-node/0042.yaml')).toEqual({ sig: 'sig-node', number: 42 });
  });
});

describe('paceAfter', () => {
  const now = new Date('2026-06-01T12:00:00Z');
  const resetAt = '2026-06-01T12:30:00Z';
  const cases: [string, { cost: number; remaining: number; limit: number }, object][] = [
    ['plenty left: go', { cost: 1, remaining: 4000, limit: 5000 }, { kind: 'go' }],
    [
      'below 10%: spread the rest until the reset',
      { cost: 1, remaining: 450, limit: 5000 },
      { kind: 'slow', waitMs: Math.ceil(1_800_000 / 400) },
    ],
    [
      'next request would eat the reserve: pause until the reset',
      { cost: 2, remaining: 51, limit: 5000 },
      { kind: 'pause', waitMs: 1_800_000, until: '2026-06-01T12:30:00.000Z' },
    ],
    ['nothing left', { cost: 1, remaining: 0, limit: 5000 }, { kind: 'pause', waitMs: 1_800_000 }],
  ];
  it.each(cases)('%s', (_name, reading, expected) => {
    expect(paceAfter({ ...reading, resetAt }, now)).toMatchObject(expected);
  });
});

describe('planLabelActions', () => {
  it('plans one action per issue without the label, keyed by repo, issue and label', () => {
    const actions = planLabelActions({
      repo: 'kubernetes/enhancements',
      label: 'milestone-approved',
      reason: 'vote 12 approved',
      issueNumbers: [4222, 1287, 4222, 2033],
      currentLabels: new Map([[2033, ['milestone-approved']]]),
    });
    expect(actions.map((a) => [a.key, a.description])).toEqual([
      [
        'add-label:kubernetes/enhancements#1287:milestone-approved',
        'add label milestone-approved to kubernetes/enhancements#1287',
      ],
      [
        'add-label:kubernetes/enhancements#4222:milestone-approved',
        'add label milestone-approved to kubernetes/enhancements#4222',
      ],
    ]);
  });
});

describe('describeFreshness', () => {
  const now = new Date('2026-06-01T12:00:00Z');
  const cases: [string, Parameters<typeof describeFreshness>[0], string][] = [
    [
      'token, synced',
      { hasToken: true, lastSyncAt: '2026-06-01T09:00:00Z', localCheckout: null },
      'KEP data from GitHub, last synced 3h ago',
    ],
    [
      'no token, checkout',
      { hasToken: false, lastSyncAt: '2026-05-30T12:00:00Z', localCheckout: '/srv/enhancements' },
      'KEP data from the local checkout /srv/enhancements (GITHUB_TOKEN is not set, so GitHub is not read; the last GitHub sync was 2d ago)',
    ],
    [
      'no token, last sync only',
      { hasToken: false, lastSyncAt: '2026-06-01T11:00:00Z', localCheckout: null },
      'KEP data from the last GitHub sync, 1h ago (GITHUB_TOKEN is not set, so GitHub is not read; set it to refresh)',
    ],
    [
      'nothing at all',
      { hasToken: false, lastSyncAt: null, localCheckout: null },
      'No KEP data: GITHUB_TOKEN is not set, so GitHub is not read and no github.localCheckout is configured; set one of them',
    ],
  ];
  it.each(cases)('%s', (_name, input, text) => {
    expect(describeFreshness(input, now)).toBe(text);
  });
});
