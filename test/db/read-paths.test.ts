/**
 * The flat read paths of migration 0012: each KEP's latest status (kept by a trigger) and the
 * outbox's per-conversation due rows (read through an index) give exactly what the old
 * whole-history queries gave, on seeded random histories; and the migration fills
 * `status_latest` from history already stored.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/open.ts';
import { createOutboxRepo } from '../../src/db/repos/outbox-repo.ts';
import type { KepState } from '../../src/domain/kep-state.ts';
import type { Store } from '../../src/ports/store.ts';
import { makeKep, seededRandom as random } from './factories.ts';
import { olderDatabase, type TempStore, tempStore } from './temp-db.ts';

const release = 'v1.35';
const states: KepState[] = ['on-track', 'at-risk', 'blocked', 'done', 'dropped'];

const keps = Array.from({ length: 12 }, (_, i) =>
  makeKep({ number: 100 + i, owningSig: i % 3 === 0 ? 'sig-auth' : 'sig-node' }),
);

/** Records `count` updates spread over KEPs, SIGs, states and two releases. */
function seedHistory(
  store: { statusUpdates: Pick<Store['statusUpdates'], 'record'> },
  seed: number,
  count: number,
): void {
  const next = random(seed);
  const start = Date.parse('2025-09-15T00:00:00Z');
  for (let n = 0; n < count; n++) {
    const kep = keps[Math.floor(next() * keps.length)]!;
    store.statusUpdates.record({
      kepPath: kep.path,
      kepNumber: kep.number,
      sig: next() < 0.1 ? 'sig-apps' : kep.owningSig!,
      release: next() < 0.8 ? release : 'v1.34',
      // runs of the same state, so "since when" is more than the latest update's instant
      state: states[Math.floor(next() * 2.2) % states.length]!,
      confidence: null,
      increment: null,
      note: '',
      authorSlack: 'U1',
      authorGithub: null,
      source: 'command',
      idempotencyKey: `seed-${seed}-${n}`,
      createdAt: new Date(start + n * 3_600_000).toISOString(),
    });
  }
}

/** What `latestBySig` used to compute: the max id per KEP over the SIG's whole history. */
function latestByGrouping(db: Db, sig: string): Map<string, number> {
  const rows = db
    .prepare<[string, string], { kep_path: string; id: number }>(
      'SELECT kep_path, max(id) AS id FROM status_updates WHERE sig = ? AND release = ? GROUP BY kep_path',
    )
    .all(sig, release);
  return new Map(rows.map((r) => [r.kep_path, r.id]));
}

/** What the digest used to compute: walk a KEP's history back while the state stays the same. */
function sinceByWalking(db: Db, kepPath: string): string {
  const rows = db
    .prepare<[string, string], { state: string; created_at: string }>(
      'SELECT state, created_at FROM status_updates WHERE kep_path = ? AND release = ? ORDER BY id DESC',
    )
    .all(kepPath, release);
  let since = rows[0]!.created_at;
  for (const row of rows) {
    if (row.state !== rows[0]!.state) break;
    since = row.created_at;
  }
  return since;
}

/** The KEPs whose latest update in the release was filed under `sig`. */
function latestUnder(db: Db, sig: string): Map<string, number> {
  const all = db
    .prepare<
      [string],
      { kep_path: string; id: number; sig: string }
    >(`SELECT kep_path, id, sig FROM status_updates
      WHERE id IN (SELECT max(id) FROM status_updates WHERE release = ? GROUP BY kep_path)`)
    .all(release);
  return new Map(all.filter((r) => r.sig === sig).map((r) => [r.kep_path, r.id]));
}

function expectLatestMatchesHistory(db: Db, store: Store): void {
  for (const sig of ['sig-node', 'sig-auth', 'sig-apps']) {
    const latest = store.statusUpdates.latestBySig(sig, release);
    const expected = latestUnder(db, sig);
    expect(new Map([...latest].map(([path, u]) => [path, u.id]))).toEqual(expected);
    // every KEP it lists is also the newest of the SIG's own updates for that KEP
    for (const [path, id] of expected) expect(latestByGrouping(db, sig).get(path)).toBe(id);
    const since = store.statusUpdates.stateSinceBySig(sig, release);
    for (const path of expected.keys()) expect(since.get(path), path).toBe(sinceByWalking(db, path));
  }
}

describe('status_latest', () => {
  let t: TempStore;
  afterEach(() => t.cleanup());

  it.each([1, 7, 42, 2025])('matches the whole-history answers after random updates (seed %i)', (seed) => {
    t = tempStore();
    t.store.keps.upsertMany(keps, new Date('2025-09-01T00:00:00Z'));
    seedHistory(t.store, seed, 400);
    expectLatestMatchesHistory(t.db, t.store);
  });

  it('gives the state as of an instant, for the digest, as the grouping query did', () => {
    t = tempStore();
    t.store.keps.upsertMany(keps, new Date('2025-09-01T00:00:00Z'));
    seedHistory(t.store, 9, 300);
    const before = '2025-09-22T00:00:00.000Z';
    for (const sig of ['sig-node', 'sig-auth']) {
      const asOf = t.store.digests.latestBefore(sig, release, before);
      const rows = t.db
        .prepare<[string, string, string], { kep_path: string; id: number }>(`SELECT kep_path, max(id) AS id
          FROM status_updates WHERE sig = ? AND release = ? AND created_at < ? GROUP BY kep_path`)
        .all(sig, release, before);
      const current = latestUnder(t.db, sig);
      const expected = rows.filter((r) => current.has(r.kep_path)).map((r) => [r.kep_path, r.id]);
      expect(new Map([...asOf].map(([path, u]) => [path, u.id]))).toEqual(
        new Map(expected as [string, number][]),
      );
      expect(asOf.size).toBeGreaterThan(0);
    }
  });

  it('is filled by the migration from history stored before it', () => {
    const older = olderDatabase(12, keps);
    try {
      // the repos of this version read status_latest, so the old history goes in as plain rows
      seedHistory(older, 3, 300);
      expectLatestMatchesHistory(older.db, older.migrateRest());
    } finally {
      older.cleanup();
    }
  });
});

describe('outbox due rows by conversation', () => {
  let t: TempStore;
  afterEach(() => t.cleanup());

  /** The query the worker used before: a window over every due pending row of the lane. */
  function dueByWindow(db: Db, lane: string, now: string, limit: number): string[] {
    return db
      .prepare<[string, string, number], { key: string }>(`SELECT key FROM (
          SELECT *, row_number() OVER (PARTITION BY coalesce(channel, '') || '|' || coalesce(user_id, '')
            || '|' || coalesce(thread_of, target_key, '') ORDER BY id) AS position_in_conversation
          FROM slack_outbox WHERE lane = ? AND status = 'pending' AND not_before <= ?)
        WHERE position_in_conversation <= 5 ORDER BY id LIMIT ?`)
      .all(lane, now, limit)
      .map((r) => r.key);
  }

  it.each([5, 11, 99])('lists what the window query listed, over a random backlog (seed %i)', (seed) => {
    t = tempStore();
    const repo = createOutboxRepo(t.db);
    const next = random(seed);
    const now = new Date('2026-01-05T10:00:00Z');
    for (let n = 0; n < 600; n++) {
      const kind = next() < 0.2 ? 'dm' : 'post';
      const key = `m${n}`;
      repo.insert(
        {
          key,
          lane: next() < 0.7 ? 'scheduled' : 'interactive',
          kind,
          channel: kind === 'post' ? `C${Math.floor(next() * 15)}` : null,
          userId: kind === 'dm' ? `U${Math.floor(next() * 8)}` : null,
          threadOf: kind === 'post' && next() < 0.3 ? `m${Math.floor(next() * n)}` : null,
          payload: { text: key },
          notBefore: new Date(now.getTime() + Math.floor((next() - 0.7) * 600_000)),
        },
        now,
      );
      if (next() < 0.2) repo.claim(key, now);
    }
    for (const lane of ['scheduled', 'interactive'] as const) {
      for (const limit of [3, 40, 1000]) {
        const keys = repo.listDue(lane, now, limit).map((r) => r.key);
        expect(keys).toEqual(dueByWindow(t.db, lane, now.toISOString(), limit));
      }
    }
  });
});
