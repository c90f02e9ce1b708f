import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { kepStates } from '../../src/domain/kep-state.ts';
import { makeKep, makeSig } from './factories.ts';
import { type TempStore, tempStore } from './temp-db.ts';

const release = 'v1.35';
const start = Date.parse('2025-09-15T00:00:00Z');
let s: TempStore;

beforeEach(() => {
  s = tempStore();
  s.store.sigs.upsertMany(['sig-node', 'sig-apps'].map((dir) => makeSig({ dir })));
  const keps = Array.from({ length: 12 }, (_, i) =>
    makeKep({
      number: 4000 + i,
      owningSig: i % 2 ? 'sig-apps' : 'sig-node',
      latestMilestone: i % 5 === 4 ? 'v1.34' : release,
      stage: i % 3 === 0 ? null : 'beta',
    }),
  );
  s.store.keps.upsertMany(keps, new Date(start));
  for (let n = 0; n < 90; n++) {
    const kep = keps[n % keps.length]!;
    s.store.statusUpdates.record({
      kepPath: kep.path,
      kepNumber: kep.number,
      sig: n % 7 === 3 ? 'sig-apps' : kep.owningSig!,
      release: n % 11 === 10 ? 'v1.34' : release,
      state: kepStates[n % kepStates.length]!,
      confidence: n % 4 === 0 ? null : 50 + (n % 5) * 10,
      increment: n % 3 === 0 ? null : (n % 4) + 1,
      note: `update ${n}`,
      authorSlack: 'U0FAC',
      authorGithub: 'fac',
      source: 'command',
      // some recorded out of order, some at the same instant
      createdAt: new Date(start + ((n * 37) % 90) * 3_600_000 - (n % 9 === 0 ? 0 : n)).toISOString(),
      idempotencyKey: `site-${n}`,
    });
  }
});
afterEach(() => s.cleanup());

const plan = (sql: string, ...params: string[]) =>
  (s.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as Array<{ detail: string }>)
    .map((r) => r.detail)
    .join('; ');

describe('the release site reads (migration 0017)', () => {
  it("lists a SIG's states in time order from the covering index alone, as its full update rows say", () => {
    for (const sig of ['sig-node', 'sig-apps']) {
      const full = s.db
        .prepare<[string, string], { kep_path: string; state: string; created_at: string }>(
          'SELECT * FROM status_updates WHERE sig = ? AND release = ? ORDER BY created_at, id',
        )
        .all(sig, release);
      expect(full.length).toBeGreaterThan(10);
      const states = full.map((u) => ({ kepPath: u.kep_path, state: u.state, createdAt: u.created_at }));
      expect(s.store.site.statesOfSig(sig, release)).toEqual(states);
      expect(s.store.digests.statesSince(sig, release, '1970-01-01T00:00:00.000Z')).toEqual(states);
      const since = states[Math.floor(states.length / 2)]!.createdAt;
      expect(s.store.digests.statesSince(sig, release, since)).toEqual(
        states.filter((u) => u.createdAt >= since),
      );
    }
    const detail = plan(
      'SELECT kep_path, state, created_at FROM status_updates WHERE sig = ? AND release = ? ORDER BY created_at, id',
      'sig-node',
      release,
    );
    expect(detail).toContain('COVERING INDEX status_updates_states_by_sig');
    expect(detail).not.toContain('TEMP B-TREE');
  });

  it("reads the release's KEPs with each one's latest update for its owning SIG, in one indexed query", () => {
    const latest = new Map(
      ['sig-node', 'sig-apps'].flatMap((sig) => [...s.store.statusUpdates.latestBySig(sig, release)]),
    );
    const expected = s.store.keps.list({ latestMilestone: release }).map((k) => {
      const u = latest.get(k.path);
      return {
        kep: {
          path: k.path,
          number: k.number,
          title: k.title,
          owningSig: k.owningSig,
          status: k.status,
          stage: k.stage,
          latestMilestone: k.latestMilestone,
        },
        latest:
          u && u.sig === k.owningSig
            ? { state: u.state, confidence: u.confidence, increment: u.increment, createdAt: u.createdAt }
            : null,
      };
    });
    expect(expected).toHaveLength(10);
    // some KEPs were last reported under another SIG, some never: both read as no update
    expect(expected.filter((r) => r.latest === null).length).toBeGreaterThan(0);
    expect(expected.filter((r) => r.latest !== null).length).toBeGreaterThan(5);
    expect(s.store.site.kepsWithLatest(release)).toEqual(expected);
    const detail = plan(
      `SELECT k.path, s.state FROM keps k
        LEFT JOIN status_latest l ON l.kep_path = k.path AND l.release = ? AND l.sig = k.owning_sig
        LEFT JOIN status_updates s ON s.id = l.update_id
      WHERE k.latest_milestone = ?`,
      release,
      release,
    );
    expect(detail).not.toContain('SCAN');
  });

  it('changes the data version on every write, through this connection or another, and only then', () => {
    const first = s.store.site.dataVersion();
    s.store.site.kepsWithLatest(release);
    expect(s.store.site.dataVersion()).toBe(first);
    s.store.people.upsertMany([{ github: 'new', slack: 'U0NEW', timezone: 'UTC', quietHours: null }]);
    const second = s.store.site.dataVersion();
    expect(second).not.toBe(first);
    const other = s.reopen();
    other.store.sigs.upsertMany([makeSig({ dir: 'sig-auth' })]);
    const third = s.store.site.dataVersion();
    expect(third).not.toBe(second);
    expect(s.store.site.dataVersion()).toBe(third);
  });
});
