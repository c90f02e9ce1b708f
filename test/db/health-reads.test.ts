/**
 * The process-health reads of migration 0020: each KEP's first status update kept on write in
 * `status_latest`, and a SIG's round metrics read from the first update of each (round, KEP) alone,
 * give exactly what the whole-history reads gave, on seeded random histories (with updates dated
 * before earlier ones); and the migration fills the new columns from history stored before it.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/open.ts';
import type { KepState } from '../../src/domain/kep-state.ts';
import type { KepSighting } from '../../src/domain/program-facts.ts';
import { releaseMetrics, sigHealth } from '../../src/domain/program-metrics.ts';
import type { RoundSummary } from '../../src/domain/round.ts';
import type { Store } from '../../src/ports/store.ts';
import { makeKep, seededRandom as random } from './factories.ts';
import { olderDatabase, type TempStore, tempStore } from './temp-db.ts';

const release = 'v1.35';
const states: KepState[] = ['on-track', 'at-risk', 'blocked', 'done', 'dropped'];
const sigs = ['sig-node', 'sig-auth', 'sig-apps'];
const start = Date.parse('2025-09-15T00:00:00Z');
const hour = 3_600_000;

// Every fourth KEP has no owning SIG, so the SIG it is first reported under decides whose it is.
const keps = Array.from({ length: 16 }, (_, i) =>
  makeKep({ number: 200 + i, owningSig: i % 4 === 3 ? null : sigs[i % 3]! }),
);

/** `count` updates over KEPs, SIGs and two releases; one in six is dated before the ones already stored. */
function seedHistory(
  store: { statusUpdates: Pick<Store['statusUpdates'], 'record'> },
  seed: number,
  count: number,
): void {
  const next = random(seed);
  for (let n = 0; n < count; n++) {
    const kep = keps[Math.floor(next() * keps.length)]!;
    const backdated = next() < 1 / 6;
    const at = start + (backdated ? Math.floor(next() * n) : n) * hour;
    store.statusUpdates.record({
      kepPath: kep.path,
      kepNumber: kep.number,
      sig: next() < 0.3 ? sigs[Math.floor(next() * 3)]! : (kep.owningSig ?? 'sig-apps'),
      release: next() < 0.8 ? release : 'v1.34',
      state: states[Math.floor(next() * states.length)]!,
      confidence: null,
      increment: null,
      note: '',
      authorSlack: 'U1',
      authorGithub: null,
      source: 'command',
      idempotencyKey: `seed-${seed}-${n}`,
      // some updates share an instant with an earlier one
      createdAt: new Date(next() < 0.1 ? start : at).toISOString(),
    });
  }
}

/** Rounds of every SIG over the history, each asking about a random half of the KEPs; some closed early. */
function seedRounds(store: Store, seed: number, count: number, span: number): void {
  const next = random(seed + 1);
  for (let n = 0; n < count; n++) {
    const sig = sigs[n % sigs.length]!;
    const opened = start + Math.floor(next() * span) * hour;
    const { round } = store.rounds.create({
      sig,
      release: next() < 0.9 ? release : 'v1.34',
      scheduledFor: new Date(opened).toISOString(),
      openedAt: new Date(opened).toISOString(),
      nudgeAt: new Date(opened + 24 * hour).toISOString(),
      closeAt: new Date(opened + 48 * hour).toISOString(),
      channel: 'C1',
      parentKey: `round:${sig}:${n}`,
      kepPaths: keps.filter(() => next() < 0.5).map((k) => k.path),
      snapshot: {},
    });
    if (next() < 0.4) store.rounds.close(round.id, new Date(opened + 20 * hour), {} as RoundSummary);
  }
}

/** What the status part of the sightings was before 0020: a grouping over every update of the release. */
function statusSightingsByGrouping(db: Db): KepSighting[] {
  return db
    .prepare<[string], KepSighting>(`SELECT kep_number AS kep, sig, MIN(created_at) AS at, 'status' AS source
      FROM status_updates WHERE release = ? GROUP BY kep_number ORDER BY kep_number`)
    .all(release);
}

function statusSightings(store: Store): KepSighting[] {
  return store.processFacts.factsFor(release).sightings.filter((s) => s.source === 'status');
}

describe('first sightings kept in status_latest', () => {
  let t: TempStore;
  afterEach(() => t.cleanup());

  it.each([1, 7, 42, 2025])('match the grouping over the whole history (seed %i)', (seed) => {
    t = tempStore();
    t.store.keps.upsertMany(keps, new Date('2025-09-01T00:00:00Z'));
    seedHistory(t.store, seed, 500);
    const expected = statusSightingsByGrouping(t.db);
    expect(expected.length).toBeGreaterThan(10);
    expect(statusSightings(t.store)).toEqual(expected);
  });

  it('are filled by the migration from history stored before it', () => {
    const older = olderDatabase(20, keps);
    try {
      seedHistory(older, 5, 300);
      const store = older.migrateRest();
      expect(statusSightings(store)).toEqual(statusSightingsByGrouping(older.db));
      // and the new trigger keeps them from there on
      seedHistory(store, 6, 200);
      expect(statusSightings(store)).toEqual(statusSightingsByGrouping(older.db));
    } finally {
      older.cleanup();
    }
  });
});

describe("a SIG's process health", () => {
  let t: TempStore;
  afterEach(() => t.cleanup());

  it.each([3, 11, 99])("equals the SIG's row of the whole release's metrics (seed %i)", (seed) => {
    t = tempStore();
    t.store.keps.upsertMany(keps, new Date('2025-09-01T00:00:00Z'));
    seedHistory(t.store, seed, 600);
    seedRounds(t.store, seed, 24, 600);
    const whole = releaseMetrics(t.store.processFacts.factsFor(release), '2026-01-01T00:00:00Z');
    let answered = 0;
    for (const sig of sigs) {
      const facts = {
        ...t.store.processFacts.healthBase(release),
        ...t.store.processFacts.roundFacts(release, sig),
      };
      const row = whole.bySig.find((r) => r.sig === sig)!;
      expect(sigHealth(facts, sig)).toEqual({
        rounds: row.rounds,
        blockers: row.blockers,
        exceptions: row.exceptions,
      });
      // at most one update per (round, KEP asked), not the SIG's history
      const asked = t.store.rounds
        .list(sig)
        .filter((r) => r.release === release)
        .reduce((n, r) => n + r.kepPaths.length, 0);
      expect(facts.updates.length).toBeLessThanOrEqual(asked);
      answered += row.rounds.kepsUpdated;
    }
    expect(answered).toBeGreaterThan(0);
  });
});
