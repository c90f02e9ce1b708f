import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeKep, makePerson, makeSig } from './factories.ts';
import { type TempStore, tempStore } from './temp-db.ts';

const t1 = new Date('2026-06-01T10:00:00Z');

let s: TempStore;
beforeEach(() => {
  s = tempStore();
});
afterEach(() => s.cleanup());

describe('store', () => {
  it('lets a second connection to the same file see committed data', () => {
    s.store.sigs.upsertMany([makeSig()]);
    s.store.keps.upsertMany([makeKep()], t1);
    const other = s.reopen();
    expect(other.store.sigs.get('sig-node')).toEqual(makeSig());
    expect(other.store.keps.findByNumber(4222)).toHaveLength(1);
    other.store.people.upsertMany([makePerson()]);
    expect(s.store.people.getByGithub('jdoe')?.slack).toBe('U012ABCDEF');
  });

  it('does not show a second connection what is not committed yet', () => {
    const other = s.reopen();
    s.store.transaction(() => {
      s.store.people.upsertMany([makePerson()]);
      expect(other.store.people.list()).toEqual([]);
    });
    expect(other.store.people.list()).toHaveLength(1);
  });

  it('undoes every write of a transaction that throws, across repositories', () => {
    s.store.releases.upsert({ name: 'v1.35', codingPeriod: null });
    expect(() =>
      s.store.transaction(() => {
        s.store.sigs.upsertMany([makeSig()]);
        s.store.keps.upsertMany([makeKep()], t1);
        s.store.releases.setCurrent('v1.99');
      }),
    ).toThrow(/not stored/);
    expect(s.store.sigs.list()).toEqual([]);
    expect(s.store.keps.list()).toEqual([]);
    expect(s.store.releases.getCurrent()).toBeNull();
  });

  it('returns what the transaction function returns', () => {
    const result = s.store.transaction(() => s.store.keps.upsertMany([makeKep()], t1));
    expect(result.inserted).toEqual([makeKep().path]);
  });

  it('keeps data when the file is closed and opened again', () => {
    s.store.releases.upsert({ name: 'v1.37', codingPeriod: null });
    s.store.releases.setCurrent('v1.37');
    s.db.close();
    const { store } = s.reopen();
    expect(store.releases.getCurrent()?.name).toBe('v1.37');
  });
});
