import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { factsOfSig, releaseMetrics } from '../../src/domain/program-metrics.ts';
import { seedKeps, seedRelease135, startRelease } from './process-seed.ts';
import { type TempStore, tempStore } from './temp-db.ts';

const release = 'v1.35';
let t: TempStore;

beforeEach(() => {
  t = tempStore();
  const now = new Date('2025-09-15T00:00:00Z');
  startRelease(t.store, release, 0, now);
  seedKeps(t.store, now);
  seedRelease135(t.store);
});
afterEach(() => t.cleanup());

describe('process facts of one SIG', () => {
  it("read only the SIG's KEPs' updates and give the same SIG facts and metrics as the whole release", () => {
    const whole = t.store.processFacts.factsFor(release);
    const at = '2025-12-20T00:00:00Z';
    for (const [sig, numbers] of [
      ['sig-node', [1001, 1002, 1005]],
      ['sig-auth', [1003]],
    ] as const) {
      const scoped = t.store.processFacts.sigFactsFor(release, sig);
      expect([...new Set(scoped.updates.map((u) => u.kep))].sort()).toEqual(numbers);
      expect(scoped.updates.length).toBeLessThan(whole.updates.length);
      expect(factsOfSig(scoped, sig)).toEqual(factsOfSig(whole, sig));
      expect(releaseMetrics(factsOfSig(scoped, sig), at)).toEqual(releaseMetrics(factsOfSig(whole, sig), at));
    }
  });
});
