import type { DigestInput, DigestKep } from '../../src/domain/digest.ts';
import type { KepState } from '../../src/domain/kep-state.ts';
import type { Blocker, StatusUpdate } from '../../src/domain/status.ts';

/** A hand-built digest input for sig-node on Monday 2025-10-13 09:00 UTC (window from 10-06). */
export const now = new Date('2025-10-13T09:00:00Z');
export const since = new Date('2025-10-06T09:00:00Z');

const kep = (number: number, title: string, over: Partial<DigestKep> = {}): DigestKep => ({
  path: `keps/sig-node/${number}-k`,
  number,
  title,
  owningSig: 'sig-node',
  status: 'implementable',
  stage: 'beta',
  latestMilestone: 'v1.35',
  milestones: { beta: 'v1.35' },
  prrApprovals: { beta: 'prr-approver' },
  ...over,
});

export const keps: DigestKep[] = [
  kep(1001, 'Alpha thing', { stage: 'alpha', milestones: { alpha: 'v1.35' }, prrApprovals: { alpha: 'x' } }),
  kep(1002, 'Beta <thing> & co | pipes', { status: 'provisional' }),
  kep(1003, 'Stable thing', {
    stage: 'stable',
    milestones: { stable: 'v1.35' },
    prrApprovals: { stable: 'x' },
  }),
  kep(1004, 'No stage yet', { stage: null, milestones: {} }),
  kep(1005, 'Quiet beta'),
];

let nextId = 1;
export function update(
  number: number,
  state: KepState,
  at: string,
  over: Partial<StatusUpdate> = {},
): StatusUpdate {
  return {
    id: nextId++,
    kepPath: `keps/sig-node/${number}-k`,
    kepNumber: number,
    sig: 'sig-node',
    release: 'v1.35',
    state,
    confidence: null,
    increment: null,
    note: '',
    authorSlack: 'U0000000003',
    authorGithub: 'alice-facilitator',
    source: 'command',
    createdAt: at,
    ...over,
  };
}

function blocker(
  id: number,
  number: number,
  target: Blocker['target'],
  openedAt: string,
  closedAt: string | null,
): Blocker {
  return {
    id,
    kepPath: `keps/sig-node/${number}-k`,
    kepNumber: number,
    sig: 'sig-node',
    release: 'v1.35',
    target,
    openedBy: 'U0000000003',
    openedAt,
    openedByUpdate: null,
    closedAt,
    closedBy: closedAt ? 'U0000000003' : null,
    closeReason: closedAt ? 'no longer blocked' : null,
  };
}

/** The input; `extra` overrides fields. */
export function digestInput(extra: Partial<DigestInput> = {}): DigestInput {
  nextId = 1;
  const before = [
    update(1001, 'on-track', '2025-10-01T10:00:00.000Z'),
    update(1003, 'done', '2025-10-02T10:00:00.000Z'),
    update(1005, 'on-track', '2025-10-01T11:00:00.000Z', { confidence: 70 }),
  ];
  const window = [
    update(1001, 'at-risk', '2025-10-07T10:00:00.000Z', { note: 'waiting on review' }),
    update(1001, 'blocked', '2025-10-08T10:00:00.000Z', {
      note: 'waiting on sig-auth <!channel>',
      confidence: 40,
    }),
    update(1002, 'on-track', '2025-10-09T10:00:00.000Z', { confidence: 90, increment: 4 }),
    update(1002, 'on-track', '2025-10-10T10:00:00.000Z', { confidence: 90, increment: 4 }),
  ];
  const latest = new Map<string, StatusUpdate>();
  for (const u of [...before, ...window]) latest.set(u.kepPath, u);
  return {
    sig: { dir: 'sig-node', name: 'Node' },
    release: 'v1.35',
    now,
    since,
    keps,
    latest,
    before: new Map(before.map((u) => [u.kepPath, u])),
    updates: window,
    stateSince: new Map([['keps/sig-node/1001-k', '2025-10-08T10:00:00.000Z']]),
    blockers: [
      blocker(
        1,
        1002,
        { type: 'party', name: 'API review' },
        '2025-10-01T10:00:00.000Z',
        '2025-10-09T10:00:00.000Z',
      ),
      blocker(2, 1001, { type: 'sig', sig: 'sig-auth' }, '2025-10-08T10:00:00.000Z', null),
    ],
    escalationSteps: new Map([[2, 'step 2 of 3 (pm-channel)']]),
    githubEvents: [
      {
        id: 1,
        key: 'e1',
        kind: 'board-field',
        kepNumber: 1002,
        field: 'Status',
        before: null,
        after: 'Tracked for Enhancements Freeze',
        message: 'moved to Tracked for Enhancements Freeze on the board',
        occurredAt: '2025-10-10T08:00:00.000Z',
        recordedAt: '2025-10-10T08:05:00.000Z',
      },
      {
        id: 2,
        key: 'e2',
        kind: 'label-added',
        kepNumber: 9999,
        field: null,
        before: null,
        after: 'lead-opted-in',
        message: 'labelled lead-opted-in',
        occurredAt: '2025-10-10T08:00:00.000Z',
        recordedAt: '2025-10-10T08:05:00.000Z',
      },
    ],
    milestones: [
      {
        name: 'Begin Enhancements Freeze',
        kind: 'enhancements-freeze',
        startsAt: '2025-10-17T12:00:00.000Z',
      },
      { name: 'Code Freeze', kind: 'code-freeze', startsAt: '2025-11-07T02:00:00.000Z' },
    ],
    horizonMs: 14 * 86_400_000,
    votes: [
      {
        id: 1,
        question: 'Commit to the beta plan?',
        round: 1,
        closesAt: '2025-10-15T09:00:00.000Z',
        closedAt: null,
        outcome: null,
        ballots: 2,
        electorate: 5,
        concerns: [],
      },
      {
        id: 2,
        question: 'Drop KEP-1004 from v1.35?',
        round: 2,
        closesAt: '2025-10-10T09:00:00.000Z',
        closedAt: '2025-10-10T09:00:00.000Z',
        outcome: 'not-approved',
        ballots: 4,
        electorate: 4,
        concerns: ['needs a PRR reviewer first'],
      },
    ],
    codingPeriod: {
      start: '2025-09-15',
      increments: 4,
      weeksPerIncrement: 2,
      confidenceCaps: [100, 80, 60, 40],
    },
    rounds: [
      {
        scheduledFor: '2025-09-30T16:00:00.000Z',
        closedAt: '2025-10-02T16:00:00.000Z',
        summary: {
          updatedBy: [{ slack: 'U0000000003', github: 'alice-facilitator', count: 2 }],
          changes: [],
          stale: [],
          missing: [{ github: 'bob-facilitator', slack: 'U0000000004' }],
          away: [],
        },
      },
      {
        scheduledFor: '2025-10-07T16:00:00.000Z',
        closedAt: '2025-10-09T16:00:00.000Z',
        summary: {
          updatedBy: [{ slack: 'U0000000003', github: 'alice-facilitator', count: 3 }],
          changes: [],
          stale: [],
          missing: [],
          away: [{ github: 'bob-facilitator', slack: 'U0000000004', until: '2025-10-20T00:00:00.000Z' }],
        },
      },
      { scheduledFor: '2025-10-14T16:00:00.000Z', closedAt: null, summary: null },
    ],
    facilitators: [
      { github: 'alice-facilitator', slack: 'U0000000003' },
      { github: 'bob-facilitator', slack: 'U0000000004' },
    ],
    staleAfterMs: 7 * 86_400_000,
    ...extra,
  };
}
