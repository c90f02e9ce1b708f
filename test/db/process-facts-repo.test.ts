import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KepState } from '../../src/domain/kep-state.ts';
import { factsOfSig, releaseMetrics } from '../../src/domain/program-metrics.ts';
import { makeKep } from './factories.ts';
import { type TempStore, tempStore } from './temp-db.ts';

const release = 'v1.35';
let t: TempStore;

function update(n: number, kep: { number: number; path: string }, sig: string, state: KepState, at: string) {
  t.store.statusUpdates.record({
    kepPath: kep.path,
    kepNumber: kep.number,
    sig,
    release,
    state,
    confidence: null,
    increment: null,
    note: '',
    authorSlack: 'U0DANA',
    authorGithub: 'dana',
    source: 'command',
    createdAt: at,
    idempotencyKey: `k${n}`,
  });
}

beforeEach(() => {
  t = tempStore();
  const keps = [
    makeKep({ number: 1, path: 'keps/sig-a/1', owningSig: 'sig-a' }),
    makeKep({ number: 2, path: 'keps/sig-a/2', owningSig: 'sig-a' }),
    makeKep({ number: 3, path: 'keps/sig-b/3', owningSig: 'sig-b' }),
    // No owning SIG: the SIG it was first reported under is its SIG.
    makeKep({ number: 4, path: 'keps/x/4', owningSig: null }),
  ];
  t.store.keps.upsertMany(keps, new Date('2025-09-01T00:00:00Z'));
  const states: KepState[] = ['on-track', 'at-risk', 'blocked', 'on-track', 'done'];
  let n = 0;
  for (let day = 1; day <= 5; day++)
    for (const kep of keps) {
      const sig = kep.owningSig ?? (day === 1 ? 'sig-b' : 'sig-a');
      update(
        n++,
        kep,
        sig,
        states[(day + kep.number) % states.length]!,
        `2025-09-0${day}T10:00:0${kep.number}Z`,
      );
    }
});
afterEach(() => t.cleanup());

describe('process facts of one SIG', () => {
  it("read only the SIG's KEPs' updates and give the same SIG facts and metrics as the whole release", () => {
    const whole = t.store.processFacts.factsFor(release);
    expect(whole.updates).toHaveLength(20);
    for (const [sig, numbers] of [
      ['sig-a', [1, 2]],
      ['sig-b', [3, 4]],
    ] as const) {
      const scoped = t.store.processFacts.sigFactsFor(release, sig);
      expect([...new Set(scoped.updates.map((u) => u.kep))].sort()).toEqual(numbers);
      expect(factsOfSig(scoped, sig)).toEqual(factsOfSig(whole, sig));
      const at = '2025-09-10T00:00:00Z';
      expect(releaseMetrics(factsOfSig(scoped, sig), at)).toEqual(releaseMetrics(factsOfSig(whole, sig), at));
    }
  });
});
