import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { releaseMetrics, sigHealth } from '../../src/domain/program-metrics.ts';
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
  it("read only the first update of each KEP asked in the SIG's rounds and give the SIG's health", () => {
    const whole = t.store.processFacts.factsFor(release);
    const metrics = releaseMetrics(whole, '2025-12-20T00:00:00Z');
    const base = t.store.processFacts.healthBase(release);
    expect(base).toEqual({
      sightings: whole.sightings,
      keps: whole.keps,
      blockers: whole.blockers,
      exceptions: whole.exceptions,
    });
    // sig-node's one round asked 1001, 1002 and 1005; two answered within it
    const node = t.store.processFacts.roundFacts(release, 'sig-node');
    expect(node.rounds).toEqual(whole.rounds.filter((r) => r.sig === 'sig-node'));
    expect(node.updates.map((u) => [u.kep, u.createdAt])).toEqual([
      [1001, '2025-10-07T18:00:00.000Z'],
      [1002, '2025-10-08T16:00:00.000Z'],
    ]);
    expect(t.store.processFacts.roundFacts(release, 'sig-auth')).toEqual({ rounds: [], updates: [] });
    for (const sig of ['sig-node', 'sig-auth']) {
      const { rounds, blockers, exceptions } = metrics.bySig.find((r) => r.sig === sig)!;
      const facts = { ...base, ...t.store.processFacts.roundFacts(release, sig) };
      expect(sigHealth(facts, sig)).toEqual({ rounds, blockers, exceptions });
    }
  });
});
