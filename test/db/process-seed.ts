/**
 * A release's worth of recorded events with known program metrics, written through the real
 * repositories: the expected values in the tests below are worked out by hand from these rows.
 */
import { loadReferenceData } from '../../src/app/load-reference-data.ts';
import type { KepState } from '../../src/domain/kep-state.ts';
import type { Store } from '../../src/ports/store.ts';
import type { NewVote } from '../../src/ports/vote-store.ts';
import { calendar135, makeKep, makeMilestone, makePerson, makeSig } from './factories.ts';

const hour = 3_600_000;
const at = (iso: string) => new Date(iso);
const plus = (iso: string, ms: number) => new Date(Date.parse(iso) + ms).toISOString();

/** Calendar of a release `v1.N` shifted by `years` from v1.35's, with a docs freeze still ahead. */
export function calendarOf(years: number) {
  const shift = (iso: string | null) =>
    iso ? iso.replace(/^(\d{4})/, (y) => String(Number(y) + years)) : iso;
  return calendar135().map((m) => ({
    ...m,
    at: shift(m.at),
    date: shift(m.date),
    endDate: shift(m.endDate),
  }));
}

export function startRelease(store: Store, release: string, years: number, now: Date): void {
  loadReferenceData(
    store,
    {
      people: [makePerson()],
      sigs: [makeSig(), makeSig({ dir: 'sig-auth', channelId: 'C0AUTH' })],
      release: {
        name: release,
        codingPeriod: null,
        milestones: [
          ...calendarOf(years),
          makeMilestone({ name: 'Docs Freeze', kind: 'docs-freeze', at: `${2099}-01-01T00:00:00Z` }),
        ],
      },
      keps: null,
    },
    now,
  );
}

function update(store: Store, release: string, kep: number, sig: string, state: KepState, createdAt: string) {
  store.statusUpdates.record({
    kepPath: `keps/${sig}/${kep}-example-kep`,
    kepNumber: kep,
    sig,
    release,
    state,
    confidence: null,
    increment: null,
    note: '',
    authorSlack: 'U012ABCDEF',
    authorGithub: 'jdoe',
    source: 'command',
    createdAt,
    idempotencyKey: `${release}:${kep}:${createdAt}`,
  });
}

function blocker(
  store: Store,
  release: string,
  kep: number,
  sig: string,
  opened: string,
  closed: string | null,
  steps: number,
) {
  const { blocker: b } = store.blockers.open({
    kepPath: `keps/${sig}/${kep}-example-kep`,
    kepNumber: kep,
    sig,
    release,
    target: { type: 'party', name: `api review ${kep}` },
    openedBy: 'U012ABCDEF',
    openedAt: opened,
    openedByUpdate: null,
  });
  for (let step = 0; step < steps; step++) store.escalations.recordStep(b.id, step, at(opened), 'seeded');
  if (closed) store.blockers.close(b.id, 'U012ABCDEF', 'resolved', at(closed));
}

function exception(
  store: Store,
  release: string,
  kep: number,
  freeze: 'enhancements-freeze' | 'code-freeze',
  decision: 'approved' | 'rejected' | null,
) {
  const { request } = store.planning.addException({
    release,
    kep,
    kepTitle: `Example KEP ${kep}`,
    sig: null,
    freeze,
    missing: 'PRR',
    additionalTime: '3 days',
    risk: 'low',
    pullRequests: ['https://github.com/kubernetes/kubernetes/pull/1'],
    requester: 'U012ABCDEF',
    requestedAt: '2025-10-16T10:00:00.000Z',
    idempotencyKey: `${release}:exception:${kep}`,
  });
  if (decision)
    store.planning.decideException(request.id, {
      status: decision,
      by: 'ULEAD',
      at: '2025-10-16T12:00:00.000Z',
      threadUrl: null,
    });
}

function vote(
  store: Store,
  key: string,
  createdAt: string,
  rounds: Array<{ closeAfter: number; outcome: 'approved' | 'not-approved'; gap?: number }>,
) {
  const newVote: NewVote = {
    question: 'Ship it?',
    owner: 'UOWNER',
    channel: 'C1',
    threadTs: null,
    electorateKind: 'people',
    electorateSource: null,
    quorum: { kind: 'all' },
    hideValues: false,
    durationMs: 48 * hour,
    remindAt: [],
    link: null,
    kepIssues: [],
    createdAt,
    electors: ['UA'],
    idempotencyKey: key,
  };
  let { round } = store.votes.create(newVote, { opensAt: createdAt, closesAt: plus(createdAt, 48 * hour) });
  for (const [i, r] of rounds.entries()) {
    const closedAt = plus(round.opensAt, r.closeAfter);
    store.votes.closeRound(round.id, { closedAt, reason: 'owner', outcome: r.outcome, by: 'UOWNER' });
    if (i < rounds.length - 1) {
      const opens = plus(closedAt, r.gap ?? 0);
      round = store.votes.addRound(round, opens, plus(opens, 48 * hour)).round;
    }
  }
}

/** The KEPs of the seeded release (kep.yaml as last read). */
export function seedKeps(store: Store, now: Date): void {
  store.keps.upsertMany(
    [
      makeKep({
        number: 1001,
        owningSig: 'sig-node',
        stage: 'beta',
        milestones: { alpha: 'v1.34', beta: 'v1.35' },
      }),
      makeKep({
        number: 1002,
        owningSig: 'sig-node',
        stage: 'beta',
        milestones: { alpha: 'v1.35', beta: 'v1.36' },
        latestMilestone: 'v1.36',
      }),
      makeKep({ number: 1003, owningSig: 'sig-auth', stage: 'stable', milestones: { stable: 'v1.35' } }),
      makeKep({ number: 1004, owningSig: 'sig-auth', status: 'deferred', stage: 'alpha', milestones: {} }),
      makeKep({ number: 1005, owningSig: 'sig-node', stage: 'alpha', milestones: { alpha: 'v1.35' } }),
    ],
    now,
  );
}

/**
 * v1.35's records. Expected (worked out by hand): 5 KEPs opted in (1004 only through a plan);
 * tracked at Enhancements Freeze 5, at Code Freeze 4 (1005 dropped between); removed 1 (1005);
 * deferred 1 (1004; 1002 names v1.36 but was reported done); shipped beta 1 (1001), alpha 1 (1002);
 * exceptions: Enhancements Freeze 1 requested 1 approved, Code Freeze 2 requested 0 approved;
 * one sig-node round of 3 KEPs with 2 updated after 2h and 24h (67%, median 2h); blockers: 3
 * opened, resolved after 2d and 5d (median 2d, p90 5d), steps reached 0: 3, 1: 2, 2: 1; votes: 2
 * held (a third falls outside the calendar), 1 re-vote, decided after 48h and 6h (median 6h);
 * calibration 80–100: 1/2 landed, 60–79: 1/1, 40–59: 1/2.
 */
export function seedRelease135(store: Store): void {
  const r = 'v1.35';
  update(store, r, 1001, 'sig-node', 'on-track', '2025-09-20T10:00:00.000Z');
  update(store, r, 1002, 'sig-node', 'at-risk', '2025-09-21T10:00:00.000Z');
  update(store, r, 1005, 'sig-node', 'on-track', '2025-09-22T10:00:00.000Z');
  update(store, r, 1003, 'sig-auth', 'on-track', '2025-10-01T10:00:00.000Z');
  store.rounds.create({
    sig: 'sig-node',
    release: r,
    scheduledFor: '2025-10-07T16:00:00.000Z',
    openedAt: '2025-10-07T16:00:00.000Z',
    nudgeAt: '2025-10-08T16:00:00.000Z',
    closeAt: '2025-10-09T16:00:00.000Z',
    channel: 'C0123NODE',
    parentKey: 'round:sig-node:2025-10-07',
    kepPaths: [1001, 1002, 1005].map((n) => `keps/sig-node/${n}-example-kep`),
    snapshot: {},
  });
  update(store, r, 1001, 'sig-node', 'on-track', '2025-10-07T18:00:00.000Z');
  update(store, r, 1002, 'sig-node', 'at-risk', '2025-10-08T16:00:00.000Z');
  update(store, r, 1005, 'sig-node', 'dropped', '2025-10-20T10:00:00.000Z');
  update(store, r, 1001, 'sig-node', 'done', '2025-11-20T10:00:00.000Z');
  update(store, r, 1002, 'sig-node', 'done', '2025-11-21T10:00:00.000Z');
  blocker(store, r, 1001, 'sig-node', '2025-10-01T00:00:00.000Z', '2025-10-03T00:00:00.000Z', 2);
  blocker(store, r, 1003, 'sig-auth', '2025-10-05T00:00:00.000Z', '2025-10-10T00:00:00.000Z', 1);
  blocker(store, r, 1002, 'sig-node', '2025-10-06T00:00:00.000Z', null, 3);
  exception(store, r, 1003, 'enhancements-freeze', 'approved');
  exception(store, r, 1005, 'code-freeze', 'rejected');
  exception(store, r, 1002, 'code-freeze', null);
  vote(store, 'v1', '2025-09-24T10:00:00.000Z', [
    { closeAfter: 24 * hour, outcome: 'not-approved', gap: 2 * hour },
    { closeAfter: 22 * hour, outcome: 'approved' },
  ]);
  vote(store, 'v2', '2025-10-01T00:00:00.000Z', [{ closeAfter: 6 * hour, outcome: 'approved' }]);
  vote(store, 'v-old', '2024-10-01T00:00:00.000Z', [{ closeAfter: 1 * hour, outcome: 'approved' }]);
  seedPlans(store, r);
}

function seedPlans(store: Store, release: string): void {
  const entry = (kep: number, increments: Array<[number, number]>) => ({
    kep,
    kepPath: `keps/x/${kep}`,
    title: `KEP ${kep}`,
    stage: null,
    increments: increments.map(([increment, confidence]) => ({ increment, confidence })),
    dependsOn: [],
    releaseNote: '',
  });
  const save = (sig: string, savedAt: string, key: string, entries: ReturnType<typeof entry>[]) =>
    store.planning.savePlan({ release, sig, entries, author: 'U012ABCDEF', savedAt, idempotencyKey: key })
      .plan;
  const approved = save('sig-node', '2025-09-25T10:00:00.000Z', 'p1', [
    entry(1001, [
      [1, 80],
      [2, 60],
    ]),
    entry(1002, [[2, 40]]),
    entry(1005, [[1, 80]]),
  ]);
  store.planning.approvePlans([approved.id], '2025-09-26T10:00:00.000Z');
  save('sig-node', '2025-09-28T10:00:00.000Z', 'p2', [entry(1001, [[1, 100]])]);
  save('sig-auth', '2025-09-25T10:00:00.000Z', 'p3', [entry(1004, [[3, 40]])]);
}
