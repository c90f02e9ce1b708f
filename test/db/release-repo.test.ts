import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type TempStore, tempStore } from './temp-db.ts';

let s: TempStore;
beforeEach(() => {
  s = tempStore();
});
afterEach(() => s.cleanup());

/** Typed as an interface, as the config's resolved coding period is. */
interface CodingPeriodLike {
  start: string;
  increments: number;
  weeksPerIncrement: number;
  confidenceCaps: number[];
}

const codingPeriod: CodingPeriodLike = {
  start: '2026-06-17',
  increments: 4,
  weeksPerIncrement: 2,
  confidenceCaps: [100, 80, 60, 40],
};

describe('release repository', () => {
  it('stores a release with its coding period and reads it back', () => {
    s.store.releases.upsert({ name: 'v1.37', codingPeriod });
    expect(s.store.releases.get('v1.37')).toEqual({ name: 'v1.37', codingPeriod });
    expect(s.store.releases.get('v1.99')).toBeNull();
  });

  it('updates on a second upsert without duplicating', () => {
    s.store.releases.upsert({ name: 'v1.37', codingPeriod });
    s.store.releases.upsert({ name: 'v1.37', codingPeriod: null });
    expect(s.store.releases.list()).toEqual([{ name: 'v1.37', codingPeriod: null }]);
  });

  it('lists releases in version order, not text order', () => {
    for (const name of ['v1.9', 'v1.37', 'v2.0', 'v1.10'])
      s.store.releases.upsert({ name, codingPeriod: null });
    expect(s.store.releases.list().map((r) => r.name)).toEqual(['v1.9', 'v1.10', 'v1.37', 'v2.0']);
  });

  it('sets and switches the current release', () => {
    expect(s.store.releases.getCurrent()).toBeNull();
    s.store.releases.upsert({ name: 'v1.36', codingPeriod: null });
    s.store.releases.upsert({ name: 'v1.37', codingPeriod });
    s.store.releases.setCurrent('v1.36');
    expect(s.store.releases.getCurrent()?.name).toBe('v1.36');
    s.store.releases.setCurrent('v1.37');
    expect(s.store.releases.getCurrent()).toEqual({ name: 'v1.37', codingPeriod });
  });

  it('refuses to make an unknown release current', () => {
    expect(() => s.store.releases.setCurrent('v1.99')).toThrow(/release "v1.99" is not stored/);
  });

  it.each(['1.37', 'v1', 'release-1.37', 'v1.37.0'])('refuses the release name "%s"', (name) => {
    expect(() => s.store.releases.upsert({ name, codingPeriod: null })).toThrow(/write it like v1.37/);
    expect(s.store.releases.list()).toEqual([]);
  });
});
