import { afterEach, describe, expect, it } from 'vitest';
import { resolveKep } from '../../src/app/resolve-kep.ts';
import { makeKep } from '../db/factories.ts';
import { type TempStore, tempStore } from '../db/temp-db.ts';

let t: TempStore | null = null;
afterEach(() => {
  t?.cleanup();
  t = null;
});
const now = new Date('2025-10-10T12:00:00Z');

function seed(...keps: ReturnType<typeof makeKep>[]) {
  t = tempStore();
  t.store.keps.upsertMany(keps, now);
  return t.store;
}

describe('resolveKep with a number two folders share', () => {
  it('takes the one in the release and names the other', () => {
    const store = seed(
      makeKep({ number: 2133, owningSig: 'sig-node', latestMilestone: 'v1.30' }),
      makeKep({ number: 2133, owningSig: 'sig-auth', latestMilestone: 'v1.35' }),
    );
    const lookup = resolveKep(store, 2133, 'v1.35', 'kubernetes/enhancements');
    expect(lookup.ok && lookup.kep.owningSig).toBe('sig-auth');
    expect(lookup.ok && lookup.alsoNumbered.map((k) => k.path)).toEqual(['keps/sig-node/2133-example-kep']);
  });

  it('does not guess when none (or both) are in the release, and says which folders share it', () => {
    const store = seed(
      makeKep({ number: 2133, owningSig: 'sig-node', latestMilestone: 'v1.30' }),
      makeKep({ number: 2133, owningSig: 'sig-auth', latestMilestone: 'v1.31' }),
    );
    const lookup = resolveKep(store, 2133, 'v1.35', 'kubernetes/enhancements');
    expect(lookup.ok).toBe(false);
    expect(!lookup.ok && lookup.message).toBe(
      'KEP-2133 is the number of 2 folders (keps/sig-auth/2133-example-kep, keps/sig-node/2133-example-kep) and none of them is in v1.35, so Drumbeat does not guess which one you mean. The kep-number of the folder that is not issue #2133 needs fixing in kubernetes/enhancements.',
    );
  });

  it('a single folder is found whether or not it is in the release', () => {
    const store = seed(makeKep({ number: 42, latestMilestone: 'v1.20' }));
    const lookup = resolveKep(store, 42, 'v1.35', 'kubernetes/enhancements');
    expect(lookup.ok && lookup.alsoNumbered).toEqual([]);
  });

  it('names the enhancements repository it reads when the number is unknown', () => {
    const store = seed(makeKep({ number: 42, latestMilestone: 'v1.35' }));
    const lookup = resolveKep(store, 777777, 'v1.35', 'example/enhancements-fork');
    expect(!lookup.ok && lookup.message).toBe(
      'KEP-777777 is not a KEP Drumbeat knows (it reads example/enhancements-fork).',
    );
  });
});
