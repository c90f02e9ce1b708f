import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type RecordStatusInput, recordStatus, type StatusPolicy } from '../../src/app/record-status.ts';
import type { Clock } from '../../src/ports/clock.ts';
import type { Store } from '../../src/ports/store.ts';
import { makeKep, makePerson, makeSig } from '../db/factories.ts';
import { type TempStore, tempStore } from '../db/temp-db.ts';

/**
 * recordStatus on a real SQLite file with the real migrations. The coding period starts
 * 2026-06-15 with four two-week increments; "now" is 2026-06-24 (increment 1) unless moved.
 */
const alice = makePerson({ github: 'alice', slack: 'UALICE0001' });
const bob = makePerson({ github: 'Bob', slack: 'UBOB000001' });
const erin = makePerson({ github: 'erin', slack: 'UERIN00001' });
const stranger = 'USTRANGER1';

const policy: StatusPolicy = {
  release: 'v1.35',
  codingPeriod: {
    start: '2026-06-15',
    increments: 4,
    weeksPerIncrement: 2,
    confidenceCaps: [100, 80, 60, 40],
  },
  admins: ['erin'],
  updaters: { 'sig-node': ['alice'], 'sig-auth': ['bob'] },
  repo: 'kubernetes/enhancements',
};

let db: TempStore;
let store: Store;
let now: Date;
const clock: Clock = { now: () => now };

beforeEach(() => {
  db = tempStore();
  store = db.store;
  now = new Date('2026-06-24T12:00:00Z');
  store.people.upsertMany([alice, bob, erin]);
  store.sigs.upsertMany([
    makeSig({ dir: 'sig-node', facilitators: ['alice'] }),
    makeSig({ dir: 'sig-auth', facilitators: ['bob'], channelId: 'C0123AUTH' }),
  ]);
  store.keps.upsertMany(
    [
      makeKep({ number: 4222, title: 'Pod resize', owningSig: 'sig-node' }),
      makeKep({ number: 4223, title: 'Image volumes', owningSig: 'sig-node' }),
      makeKep({ number: 1234, title: 'Token review', owningSig: 'sig-auth' }),
      makeKep({ number: 9000, title: 'Old thing', owningSig: 'sig-node', latestMilestone: 'v1.30' }),
    ],
    now,
  );
});
afterEach(() => db.cleanup());

let keyCounter = 0;
function input(overrides: Partial<RecordStatusInput> = {}): RecordStatusInput {
  keyCounter += 1;
  return {
    slackUser: alice.slack!,
    kep: 4222,
    state: 'on-track',
    confidence: null,
    increment: null,
    note: '',
    blockers: [],
    source: 'command',
    idempotencyKey: `test:${keyCounter}`,
    ...overrides,
  };
}

const record = (overrides: Partial<RecordStatusInput> = {}) =>
  recordStatus({ store, clock }, policy, input(overrides));
const historyOf = (kep: number) =>
  store.statusUpdates.history(store.keps.findByNumber(kep)[0]!.path, 'v1.35', 10);

describe('recordStatus: who may update', () => {
  it.each([
    { who: 'a facilitator of the owning SIG', user: alice.slack!, kep: 4222, ok: true },
    { who: 'a facilitator (login in another case) of the owning SIG', user: bob.slack!, kep: 1234, ok: true },
    { who: 'the release team, for any SIG', user: erin.slack!, kep: 1234, ok: true },
    { who: "another SIG's facilitator", user: bob.slack!, kep: 4222, ok: false },
  ])('$who → allowed: $ok', ({ user, kep, ok }) => {
    const result = record({ slackUser: user, kep });
    expect(result.ok).toBe(ok);
    if (!result.ok) {
      expect(result).toMatchObject({ reason: 'not-allowed', field: 'kep' });
      expect(result.message).toBe(
        "Sorry, only the people who report for sig-node may update KEP-4222; sig-node's facilitators and chairs can: <@UALICE0001>.",
      );
      expect(historyOf(kep)).toEqual([]);
    }
  });

  it('refuses someone Drumbeat does not know, saying how to get added', () => {
    const result = record({ slackUser: stranger });
    expect(result).toMatchObject({ ok: false, reason: 'unknown-person', field: null });
    expect(!result.ok && result.message).toMatch(/under `people:` in drumbeat.yaml/);
  });
});

describe('recordStatus: unknown KEPs', () => {
  it.each([
    {
      kep: 4224,
      message:
        /KEP-4224 is not a KEP Drumbeat knows.*Did you mean KEP-4222 \(Pod resize\), KEP-4223 \(Image volumes\)\?/,
    },
    {
      kep: 777777,
      message: /^KEP-777777 is not a KEP Drumbeat knows \(it reads kubernetes\/enhancements\)\.$/,
    },
  ])('KEP-$kep is refused with suggestions from the release', ({ kep, message }) => {
    const result = record({ kep });
    expect(result).toMatchObject({ ok: false, reason: 'unknown-kep', field: 'kep' });
    expect(!result.ok && result.message).toMatch(message);
  });
});

describe('recordStatus: confidence caps', () => {
  it.each([
    { increment: 1, confidence: 100, ok: true },
    { increment: 2, confidence: 80, ok: true },
    { increment: 2, confidence: 81, ok: false, field: 'confidence', cap: 80 },
    { increment: 3, confidence: 61, ok: false, field: 'confidence', cap: 60 },
    { increment: 4, confidence: 40, ok: true },
    { increment: 4, confidence: 41, ok: false, field: 'confidence', cap: 40 },
    { increment: 5, confidence: 10, ok: false, field: 'increment', cap: null },
  ])('increment $increment at $confidence% → ok: $ok', ({ increment, confidence, ok, field, cap }) => {
    const result = record({ increment, confidence });
    expect(result.ok).toBe(ok);
    if (!result.ok) {
      expect(result).toMatchObject({ reason: 'over-cap', field });
      if (cap !== null) expect(result.message).toContain(`above the ${cap}% cap`);
      else expect(result.message).toBe('there is no increment 5; the coding period has 4');
    }
  });

  it('refuses an increment that has already ended, on the increment', () => {
    now = new Date('2026-07-20T00:00:00Z'); // increment 3
    const result = record({ increment: 2, confidence: 50 });
    expect(result).toMatchObject({ ok: false, reason: 'over-cap', field: 'increment' });
    expect(!result.ok && result.message).toMatch(/increment 2 \(weeks 3–4\) has already ended/);
  });

  it("caps a later update without an increment by the previous update's increment", () => {
    expect(record({ increment: 3, confidence: 50 }).ok).toBe(true);
    const over = record({ confidence: 70 });
    expect(over).toMatchObject({ ok: false, reason: 'over-cap', field: 'confidence' });
    const atCap = record({ confidence: 60 });
    expect(atCap.ok && atCap.update.increment).toBe(3);
  });

  it('moves an inherited increment that has ended to the current one', () => {
    expect(record({ increment: 1, confidence: 90 }).ok).toBe(true);
    now = new Date('2026-07-01T00:00:00Z'); // increment 2: increment 1 has ended
    const later = record({ confidence: 100 });
    expect(later.ok && later.update.increment).toBe(2);
  });

  it('does not cap without a coding period', () => {
    const result = recordStatus(
      { store, clock },
      { ...policy, codingPeriod: null },
      input({ confidence: 100, increment: 4 }),
    );
    expect(result.ok).toBe(true);
  });
});

describe('recordStatus: caps from the approved plan', () => {
  function savePlan(increments: Array<{ increment: number; confidence: number }>, approve: boolean) {
    const kepPath = store.keps.findByNumber(4222)[0]!.path;
    const entry = {
      kep: 4222,
      kepPath,
      title: 'Pod resize',
      stage: null,
      increments,
      dependsOn: [],
      releaseNote: '',
    };
    const { plan } = store.planning.savePlan({
      release: 'v1.35',
      sig: 'sig-node',
      entries: [entry],
      author: alice.slack!,
      savedAt: now.toISOString(),
      idempotencyKey: `plan:${keyCounter++}`,
    });
    if (approve) store.planning.approvePlans([plan.id], now.toISOString());
  }

  it("refuses a one-line 100% two increments before the plan's, naming the plan and its cap", () => {
    savePlan([{ increment: 3, confidence: 60 }], true);
    const result = record({ confidence: 100 });
    expect(result).toMatchObject({ ok: false, reason: 'over-cap', field: 'confidence' });
    expect(!result.ok && result.message).toMatch(
      /^KEP-4222 is planned for increment 3 in sig-node's approved plan: cap 60%\. 100% is above the 60% cap/,
    );
    expect(historyOf(4222)).toEqual([]);
    const atCap = record({ confidence: 60 });
    expect(atCap.ok && atCap.update.increment).toBe(3);
  });

  it('takes the last increment of the plan entry', () => {
    savePlan(
      [
        { increment: 2, confidence: 80 },
        { increment: 4, confidence: 40 },
      ],
      true,
    );
    expect(record({ confidence: 41 }).ok).toBe(false);
    expect(record({ confidence: 40 }).ok).toBe(true);
  });

  it('ignores a plan that was never approved', () => {
    savePlan([{ increment: 3, confidence: 60 }], false);
    const result = record({ confidence: 100 });
    expect(result.ok && result.update.increment).toBe(null);
  });

  it('lets the line name another increment (`inc N`)', () => {
    savePlan([{ increment: 3, confidence: 60 }], true);
    const result = record({ confidence: 80, increment: 2 });
    expect(result.ok && result.update.increment).toBe(2);
  });

  it('prefers the approved plan to the previous update', () => {
    expect(record({ confidence: 40, increment: 4 }).ok).toBe(true);
    savePlan([{ increment: 2, confidence: 80 }], true);
    const result = record({ confidence: 80 });
    expect(result.ok && result.update.increment).toBe(2);
  });
});

describe('recordStatus: blockers', () => {
  it('opens the blockers an update names and closes them as later updates drop them', () => {
    const first = record({
      state: 'blocked',
      blockers: [
        { type: 'kep', kep: 1234 },
        { type: 'sig', sig: 'sig-auth' },
      ],
    });
    expect(first.ok && first.opened.map((b) => b.target)).toEqual([
      { type: 'kep', kep: 1234 },
      { type: 'sig', sig: 'sig-auth' },
    ]);

    // Still blocked, no targets named: everything stays open.
    const again = record({ state: 'blocked' });
    expect(again.ok && [again.opened.length, again.closed.length]).toEqual([0, 0]);

    // Still blocked, naming only sig-auth: the KEP blocker closes.
    const narrowed = record({ state: 'blocked', blockers: [{ type: 'sig', sig: 'sig-auth' }] });
    expect(narrowed.ok && narrowed.closed.map((b) => [b.target, b.closeReason])).toEqual([
      [{ type: 'kep', kep: 1234 }, 'no longer named in the latest update'],
    ]);

    // On track: the rest closes.
    const done = record({ state: 'on-track' });
    expect(done.ok && done.closed.map((b) => [b.target, b.closeReason, b.closedBy])).toEqual([
      [{ type: 'sig', sig: 'sig-auth' }, 'KEP reported on-track', alice.slack],
    ]);
    expect(store.blockers.listOpen({ release: 'v1.35' })).toEqual([]);
  });
});

describe('recordStatus: idempotency and history', () => {
  it('records an idempotency key once: a retry returns the stored update and opens nothing', () => {
    const first = record({
      idempotencyKey: 'command:T1',
      state: 'blocked',
      blockers: [{ type: 'kep', kep: 1234 }],
    });
    const retry = record({
      idempotencyKey: 'command:T1',
      state: 'blocked',
      blockers: [{ type: 'kep', kep: 1234 }],
    });
    expect(first.ok && first.duplicate).toBe(false);
    expect(retry.ok && retry.duplicate).toBe(true);
    expect(retry.ok && first.ok && retry.update.id).toBe(first.ok && first.update.id);
    expect(retry.ok && retry.opened).toEqual([]);
    expect(historyOf(4222)).toHaveLength(1);
    expect(store.blockers.listOpen({ release: 'v1.35' })).toHaveLength(1);
  });

  it('keeps the history newest first and tells each update its previous one', () => {
    const a = record({ state: 'on-track', confidence: 90, note: 'fine' });
    now = new Date('2026-06-25T12:00:00Z');
    const b = record({ state: 'at-risk', confidence: 60, note: 'review slow', source: 'modal' });
    expect(a.ok && a.previous).toBeNull();
    expect(b.ok && b.previous?.state).toBe('on-track');
    expect(
      historyOf(4222).map((u) => [u.state, u.confidence, u.note, u.source, u.authorGithub, u.createdAt]),
    ).toEqual([
      ['at-risk', 60, 'review slow', 'modal', 'alice', '2026-06-25T12:00:00.000Z'],
      ['on-track', 90, 'fine', 'command', 'alice', '2026-06-24T12:00:00.000Z'],
    ]);
  });

  it('reopens the same database file and finds what was recorded', () => {
    record({ state: 'done', note: 'merged' });
    const other = db.reopen().store;
    const kep = other.keps.findByNumber(4222)[0]!;
    expect(other.statusUpdates.latest(kep.path, 'v1.35')).toMatchObject({ state: 'done', note: 'merged' });
  });
});
