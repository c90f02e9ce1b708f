import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { memoByVersion } from '../../src/site/version-memo.ts';
import { makePerson } from '../db/factories.ts';
import { type TempStore, tempStore } from '../db/temp-db.ts';

let a: TempStore;
let b: TempStore;
beforeEach(() => {
  a = tempStore();
  b = tempStore();
});
afterEach(() => {
  a.cleanup();
  b.cleanup();
});

describe('results kept per data version', () => {
  it('computes once while the database is unchanged, again after any write, per store and key', () => {
    let computed = 0;
    const count = () => ++computed;
    expect([memoByVersion(a.store, 'k', count), memoByVersion(a.store, 'k', count)]).toEqual([1, 1]);
    expect(memoByVersion(a.store, 'other', count)).toBe(2);
    expect(memoByVersion(b.store, 'k', count)).toBe(3);
    a.store.people.upsertMany([makePerson({ github: 'writer' })]);
    expect(memoByVersion(a.store, 'k', count)).toBe(4);
    a.reopen().store.people.upsertMany([makePerson({ github: 'elsewhere' })]);
    expect(memoByVersion(a.store, 'k', count)).toBe(5);
    expect(memoByVersion(a.store, 'k', count)).toBe(5);
    expect(memoByVersion(b.store, 'k', count)).toBe(3);
  });

  it('keeps the 32 most recently used results', () => {
    let computed = 0;
    const count = () => ++computed;
    for (let i = 0; i < 33; i++) memoByVersion(a.store, `k${i}`, count);
    expect(memoByVersion(a.store, 'k32', count)).toBe(33);
    expect(memoByVersion(a.store, 'k1', count)).toBe(2);
    expect(memoByVersion(a.store, 'k0', count)).toBe(34);
  });
});
