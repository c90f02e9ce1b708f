/**
 * `npm run bench -- read-paths`: reads that must stay flat as a release's history grows, each
 * measured at a small and a large size in the same run (the ratio is large / small; 1 is flat):
 * - a SIG's KEPs with their latest state (`/kep-status sig-x`, rounds, App Home) at 50,000 and
 *   400,000 status updates;
 * - every open blocker described for one escalation pass (dependents, cycles) with 250 and 1,000
 *   blockers in one chain (linear work gives 4×).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { blockerContext, dependencyEdges, describeBlocker } from '../src/app/describe-blocker.ts';
import { createStore } from '../src/db/create-store.ts';
import { migrate } from '../src/db/migrate.ts';
import { type Db, openDatabase } from '../src/db/open.ts';
import { findCycles } from '../src/domain/escalation-graph.ts';
import { kepStates } from '../src/domain/kep-state.ts';
import type { Kep } from '../src/domain/types.ts';
import type { EscalationSettings } from '../src/ports/escalation.ts';
import type { Store } from '../src/ports/store.ts';
import { compared, type Figure, percentile, type Suite } from './figure.ts';

const release = 'v1.35';
const start = Date.parse('2025-09-15T00:00:00Z');
const kepsPerSig = 60;
const sigs = Array.from({ length: 24 }, (_, i) => `sig-bench-${String(i).padStart(2, '0')}`);

function kep(i: number): Kep {
  const sig = sigs[i % sigs.length]!;
  return {
    path: `keps/${sig}/${1000 + i}-bench`,
    number: 1000 + i,
    title: `Synthetic KEP ${i}`,
    owningSig: sig,
    participatingSigs: [],
    status: 'implementable',
    stage: 'beta',
    latestMilestone: release,
    milestones: { beta: release },
    prrApprovals: {},
    seeAlso: [],
    replaces: [],
    supersededBy: [],
    warnings: [],
    raw: {},
  };
}

/** A fresh migrated database file with the KEPs of 24 SIGs. */
function freshStore(kepCount: number): { db: Db; store: Store; keps: Kep[]; close: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'drumbeat-bench-paths-'));
  const db = openDatabase(join(dir, 'bench.db'));
  migrate(db);
  const store = createStore(db);
  const keps = Array.from({ length: kepCount }, (_, i) => kep(i));
  store.keps.upsertMany(keps, new Date(start));
  return {
    db,
    store,
    keps,
    close: () => {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function seedUpdates(store: Store, keps: Kep[], count: number): void {
  store.transaction(() => {
    for (let n = 0; n < count; n++) {
      const k = keps[n % keps.length]!;
      store.statusUpdates.record({
        kepPath: k.path,
        kepNumber: k.number,
        sig: k.owningSig!,
        release,
        state: kepStates[(n * 7 + Math.floor(n / keps.length)) % 4]!,
        confidence: 60,
        increment: null,
        note: `update ${n}`,
        authorSlack: 'U0CHAIR',
        authorGithub: null,
        source: 'command',
        createdAt: new Date(start + n * 1000).toISOString(),
        idempotencyKey: `bench-${n}`,
      });
    }
  });
}

/** Median time of `fn` over `runs` runs after a warm-up. */
function medianMs(fn: () => unknown, runs: number): number {
  for (let i = 0; i < 5; i++) fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    times.push(performance.now() - t);
  }
  return percentile(times, 50);
}

/** A SIG's latest states at `updates` updates in the release. */
function sigListMs(updates: number): number {
  const { store, keps, close } = freshStore(kepsPerSig * sigs.length);
  try {
    seedUpdates(store, keps, updates);
    return medianMs(() => store.statusUpdates.latestBySig(sigs[3]!, release), 50);
  } finally {
    close();
  }
}

const settings: EscalationSettings = {
  release,
  businessDays: true,
  ladder: [],
  leadSlack: null,
  snoozeMs: 86_400_000,
  permissions: { reporters: {}, releaseLead: null, releaseTeam: [], exceptionDeciders: [] },
  repo: 'kubernetes/enhancements',
};

/** One pass's blocker work with `count` blockers in one chain: KEP i waits on KEP i+1. */
function chainPassMs(count: number): number {
  const { store, keps, close } = freshStore(count + 1);
  try {
    store.transaction(() => {
      for (let i = 0; i < count; i++)
        store.blockers.open({
          kepPath: keps[i]!.path,
          kepNumber: keps[i]!.number,
          sig: keps[i]!.owningSig!,
          release,
          target: { type: 'kep', kep: keps[i + 1]!.number },
          openedBy: 'U0CHAIR',
          openedAt: new Date(start).toISOString(),
          openedByUpdate: null,
        });
    });
    const now = new Date(start + 5 * 86_400_000);
    return medianMs(() => {
      const open = store.blockers.listOpen({ release });
      const context = blockerContext(store, settings, now);
      findCycles(dependencyEdges(open));
      for (const blocker of open) describeBlocker(store, settings, context, blocker);
    }, 5);
  } finally {
    close();
  }
}

async function run(): Promise<Figure[]> {
  const small = sigListMs(50_000);
  const large = sigListMs(400_000);
  const chain250 = chainPassMs(250);
  const chain1000 = chainPassMs(1000);
  return [
    compared("read paths: a SIG's latest KEP states, 400,000 vs 50,000 updates", large, small, 'ms'),
    compared(
      'read paths: blocker pass, 1,000 vs 250 chained blockers (linear = 4)',
      chain1000,
      chain250,
      'ms',
    ),
  ];
}

export const readPathsSuite: Suite = { name: 'read-paths', run };
