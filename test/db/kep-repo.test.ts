import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Kep } from '../../src/domain/types.ts';
import { makeKep } from './factories.ts';
import { type TempStore, tempStore } from './temp-db.ts';

const t1 = new Date('2026-06-01T10:00:00Z');
const t2 = new Date('2026-06-02T10:00:00Z');
const t3 = new Date('2026-06-03T10:00:00Z');

let s: TempStore;
beforeEach(() => {
  s = tempStore();
});
afterEach(() => s.cleanup());

describe('KEP repository', () => {
  it('stores a KEP and reads back the same normalised object, raw and warnings included', () => {
    const kep = makeKep({ warnings: ['creation-date "2023-14-05" is not a real date'] });
    expect(s.store.keps.upsertMany([kep], t1)).toEqual({ inserted: [kep.path], changed: [], unchanged: [] });
    expect(s.store.keps.getByPath(kep.path)).toEqual({
      ...kep,
      firstSeenAt: '2026-06-01T10:00:00.000Z',
      updatedAt: '2026-06-01T10:00:00.000Z',
    });
  });

  it('keeps nulls and empty collections as they were', () => {
    const kep = makeKep({
      owningSig: null,
      path: 'keps/provider-aws/629-alb-ingress',
      status: null,
      stage: null,
      latestMilestone: null,
      milestones: {},
      participatingSigs: [],
      raw: {},
    });
    s.store.keps.upsertMany([kep], t1);
    expect(s.store.keps.getByPath(kep.path)).toMatchObject(kep);
  });

  it('changes nothing when the same data is upserted again', () => {
    const keps = [makeKep({ number: 1 }), makeKep({ number: 2 })];
    s.store.keps.upsertMany(keps, t1);
    const again = s.store.keps.upsertMany(
      keps.map((k) => ({ ...k, raw: { ...k.raw } })),
      t2,
    );
    expect(again).toEqual({ inserted: [], changed: [], unchanged: keps.map((k) => k.path) });
    expect(s.store.keps.list()).toHaveLength(2);
    expect(s.store.keps.list().map((k) => k.updatedAt)).toEqual([t1.toISOString(), t1.toISOString()]);
  });

  it('ignores key order in raw and extra properties on the input when detecting changes', () => {
    const kep = makeKep({ raw: { a: 1, b: { c: 2, d: 3 } } });
    s.store.keps.upsertMany([kep], t1);
    const reordered = { ...kep, raw: { b: { d: 3, c: 2 }, a: 1 }, firstSeenAt: 'x' } as Kep;
    expect(s.store.keps.upsertMany([reordered], t2).unchanged).toEqual([kep.path]);
  });

  it('reports a changed KEP, bumps updatedAt and keeps firstSeenAt', () => {
    const kep = makeKep();
    s.store.keps.upsertMany([kep], t1);
    const changed = { ...kep, stage: 'stable' as const, latestMilestone: 'v1.36' };
    const result = s.store.keps.upsertMany([changed, makeKep({ number: 9 })], t2);
    expect(result).toEqual({ inserted: [makeKep({ number: 9 }).path], changed: [kep.path], unchanged: [] });
    expect(s.store.keps.getByPath(kep.path)).toMatchObject({
      stage: 'stable',
      latestMilestone: 'v1.36',
      firstSeenAt: t1.toISOString(),
      updatedAt: t2.toISOString(),
    });
  });

  it.each<[string, Partial<Kep>]>([
    ['a warning', { warnings: ['stage "bta" is not a stage'] }],
    ['a raw value', { raw: { title: 'changed' } }],
    ['a PRR approval', { prrApprovals: { alpha: 'a', beta: 'b' } }],
    ['a participating SIG', { participatingSigs: ['sig-auth'] }],
    ['the title', { title: 'Renamed' }],
  ])('detects a change in %s', (_what, change) => {
    const kep = makeKep();
    s.store.keps.upsertMany([kep], t1);
    expect(s.store.keps.upsertMany([{ ...kep, ...change }], t2).changed).toEqual([kep.path]);
  });

  it('stores two KEPs with the same number in two SIGs, and finds both by number', () => {
    const a = makeKep({ number: 1884, owningSig: 'sig-node', path: 'keps/sig-node/2043-pod-resource' });
    const b = makeKep({ number: 1884, owningSig: 'sig-scheduling', path: 'keps/sig-scheduling/1884-moved' });
    s.store.keps.upsertMany([a, b], t1);
    expect(s.store.keps.findByNumber(1884).map((k) => k.path)).toEqual([a.path, b.path]);
    expect(s.store.keps.findByNumber(9999)).toEqual([]);
  });

  it('answers "the KEPs of SIG X in release vY", and the other filters', () => {
    const keps = [
      makeKep({ number: 3, owningSig: 'sig-node', latestMilestone: 'v1.35' }),
      makeKep({ number: 1, owningSig: 'sig-node', latestMilestone: 'v1.35', participatingSigs: [] }),
      makeKep({ number: 2, owningSig: 'sig-node', latestMilestone: 'v1.34' }),
      makeKep({
        number: 4,
        owningSig: 'sig-auth',
        latestMilestone: 'v1.35',
        participatingSigs: ['sig-node'],
      }),
    ];
    s.store.keps.upsertMany(keps, t1);
    const numbers = (filter: Parameters<typeof s.store.keps.list>[0]) =>
      s.store.keps.list(filter).map((k) => k.number);
    expect(numbers({ owningSig: 'sig-node', latestMilestone: 'v1.35' })).toEqual([1, 3]);
    expect(numbers({ owningSig: 'sig-node' })).toEqual([1, 2, 3]);
    expect(numbers({ latestMilestone: 'v1.35' })).toEqual([1, 3, 4]);
    expect(numbers({ participatingSig: 'sig-node' })).toEqual([4]);
    expect(numbers({ participatingSig: 'sig-scheduling', latestMilestone: 'v1.34' })).toEqual([2]);
    expect(numbers({})).toEqual([1, 2, 3, 4]);
    expect(numbers(undefined)).toEqual([1, 2, 3, 4]);
    expect(numbers({ owningSig: 'sig-none' })).toEqual([]);
  });

  it('uses an index for the SIG-and-release question', () => {
    const plan = s.db
      .prepare('EXPLAIN QUERY PLAN SELECT * FROM keps WHERE owning_sig = ? AND latest_milestone = ?')
      .all('sig-node', 'v1.35') as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/USING INDEX keps_by_owning_sig/);
  });

  it('leaves the stored KEPs untouched when a bad row in the middle of a batch fails', () => {
    const kept = makeKep({ number: 1, title: 'Original' });
    s.store.keps.upsertMany([kept], t1);
    const batch = [
      { ...kept, title: 'Changed in the failing batch' },
      makeKep({ number: 2 }),
      makeKep({ number: 2.5, path: 'keps/sig-node/bad' }),
      makeKep({ number: 3 }),
    ];
    expect(() => s.store.keps.upsertMany(batch, t2)).toThrow(
      /KEP keps\/sig-node\/bad was not stored .*Nothing from this batch was saved/,
    );
    expect(s.store.keps.list().map((k) => [k.path, k.title, k.updatedAt])).toEqual([
      [kept.path, 'Original', t1.toISOString()],
    ]);
  });

  it.each<[string, Kep, RegExp]>([
    ['an unknown status', makeKep({ status: 'superseded' as never }), /status/],
    ['a negative number', makeKep({ number: -1 }), /number/],
    ['no path', makeKep({ path: '' }), /without a path/],
  ])('refuses %s with a clear error', (_what, kep, message) => {
    expect(() => s.store.keps.upsertMany([kep], t1)).toThrow(message);
    expect(s.store.keps.list()).toEqual([]);
  });

  it('refuses an invalid now', () => {
    expect(() => s.store.keps.upsertMany([makeKep()], new Date('nope'))).toThrow(/valid Date/);
  });

  it('reports a path given twice in one batch once', () => {
    const kep = makeKep();
    const result = s.store.keps.upsertMany([kep, { ...kep, title: 'second' }], t1);
    expect(result).toEqual({ inserted: [kep.path], changed: [], unchanged: [] });
    expect(s.store.keps.getByPath(kep.path)?.title).toBe('second');
    expect(s.store.keps.upsertMany([{ ...kep, title: 'second' }], t3).unchanged).toEqual([kep.path]);
  });
});
