import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kepStates } from '../../src/domain/kep-state.ts';
import type { KepStage, KepStatus } from '../../src/domain/types.ts';
import type { DigestSig } from '../../src/ports/digest.ts';
import type { Store } from '../../src/ports/store.ts';
import {
  buildReleaseModel,
  readSigDigest,
  type SiteModelSettings,
  sigSummary,
  stateCounts,
  tallySummary,
} from '../../src/site/release-model.ts';
import { tallySigs } from '../../src/site/sig-tallies.ts';
import { siteModelSettingsFrom } from '../../src/wiring/site.ts';
import { makeKep, makePerson, makeSig } from '../db/factories.ts';
import { type TempStore, tempStore } from '../db/temp-db.ts';
import { type ExampleRelease, exampleNow, exampleRelease } from './example-release.ts';

const release = 'v1.35';
const dayMs = 86_400_000;
const start = Date.parse('2025-09-15T00:00:00Z');
const dirs = ['sig-alpha', 'sig-beta', 'sig-gamma'];

/** Every SIG's row as its own digest gives it, and the release totals summed from those digests. */
function fromDigests(store: Store, settings: SiteModelSettings, now: Date) {
  const digests = settings.digest.sigs.map((sig) => readSigDigest(store, settings, sig, now));
  return {
    rows: digests.map((d) => sigSummary(d, null)),
    byState: stateCounts(digests.map((d) => d.stateTotals)),
    stages: digests.map((d) => d.counts),
    keps: digests.flatMap((d) => d.keps.map((k) => [k.number, k.path, k.title, k.stage, k.state])),
  };
}

function fromTallies(store: Store, settings: SiteModelSettings, now: Date) {
  const tallies = tallySigs(store, settings.digest, now);
  return {
    rows: tallies.map((t) => tallySummary(t, null)),
    byState: stateCounts(tallies.map((t) => t.stateTotals)),
    stages: tallies.map((t) => t.counts),
    keps: tallies.flatMap((t) => t.keps.map((k) => [k.number, k.path, k.title, k.stage, k.state])),
  };
}

describe('every SIG row from one pass over the release', () => {
  let ex: ExampleRelease;
  let gen: TempStore;
  beforeAll(async () => {
    ex = await exampleRelease();
    gen = tempStore();
    seedGenerated(gen.store);
  }, 60_000);
  afterAll(() => {
    ex.cleanup();
    gen.cleanup();
  });

  it('gives the numbers of each SIG digest for the example release', () => {
    const settings = siteModelSettingsFrom(ex.config);
    for (const now of [exampleNow, new Date('2025-12-20T08:00:00Z')]) {
      const expected = fromDigests(ex.store, settings, now);
      expect(expected.rows.some((r) => r.keps > 0)).toBe(true);
      expect(fromTallies(ex.store, settings, now)).toEqual(expected);
    }
  });

  it('gives the numbers of each SIG digest for a generated release with rounds, caps and stray KEPs', () => {
    const settings = generatedSettings();
    let partlyStale = 0;
    for (const at of [5, 20, 33, 60]) {
      const now = new Date(start + at * dayMs + 7 * 3_600_000);
      const expected = fromDigests(gen.store, settings, now);
      // the generated history reaches every counted case somewhere
      expect(expected.rows.some((r) => r.responseRate !== null && r.responseRate < 100)).toBe(true);
      expect(expected.rows.some((r) => r.confidence && r.confidence.within < r.confidence.reported)).toBe(
        true,
      );
      partlyStale += expected.rows.filter((r) => r.stale > 0 && r.stale < r.keps).length;
      expect(fromTallies(gen.store, settings, now)).toEqual(expected);
    }
    expect(partlyStale).toBeGreaterThan(0);
  });

  it('sums the SIG rows into the release totals the page shows', () => {
    const settings = generatedSettings();
    const now = new Date(start + 33 * dayMs);
    const model = buildReleaseModel(gen.store, settings, now);
    const expected = fromDigests(gen.store, settings, now);
    expect(model.sigs).toEqual(expected.rows);
    expect(model.byState).toEqual(expected.byState);
    expect(model.total).toBe(expected.keps.length);
    const stageTotal = (stage: string) =>
      expected.stages.flat().reduce((sum, c) => sum + (c.stage === stage ? c.total : 0), 0);
    for (const row of model.byStage)
      expect(row.total).toBe(stageTotal(row.stage === 'no stage' ? 'none' : row.stage));
  });
});

function generatedSigs(): DigestSig[] {
  return dirs.map((dir, i) => ({
    dir,
    name: `Generated ${i}`,
    cron: '0 9 * * 1',
    timezone: 'UTC',
    to: 'chairs',
    chairs: ['chair'],
    facilitators: i === 2 ? ['fac-a', 'fac-b', 'Nobody-Here'] : ['fac-a', 'fac-b'],
    roundCron: i === 1 ? '0 16 * * 2,4' : '0 16 * * 2',
    roundTimezone: i === 1 ? 'America/Los_Angeles' : 'UTC',
  }));
}

function generatedSettings(): SiteModelSettings {
  return {
    digest: {
      release,
      codingPeriod: {
        start: '2025-09-15',
        increments: 4,
        weeksPerIncrement: 2,
        confidenceCaps: [100, 80, 60, 40],
      },
      escalationLadder: null,
      sigs: generatedSigs(),
    },
    repo: 'kubernetes/enhancements',
    showNotes: true,
    trackingStatus: null,
  };
}

const statuses: KepStatus[] = ['implementable', 'provisional', 'withdrawn', 'implemented', 'deferred'];
const stages: Array<KepStage | null> = ['alpha', 'beta', 'stable', null, 'deprecated'];

/** 3 configured SIGs and one that is not, 60 KEPs (some out of the release), 6 weeks of updates and rounds. */
function seedGenerated(store: Store): void {
  store.people.upsertMany([
    makePerson({ github: 'fac-a', slack: 'U0FACA' }),
    makePerson({ github: 'fac-b', slack: 'U0FACB' }),
  ]);
  store.sigs.upsertMany([...dirs, 'sig-unlisted'].map((dir) => makeSig({ dir, facilitators: ['fac-a'] })));
  store.releases.upsert({ name: release, codingPeriod: null });
  const keps = Array.from({ length: 60 }, (_, i) =>
    makeKep({
      number: 3000 + (i % 50),
      path: `keps/gen/${3000 + i}-generated`,
      title: `Generated KEP ${i} <b>&</b>`,
      owningSig: i % 13 === 12 ? 'sig-unlisted' : dirs[i % 3]!,
      status: statuses[i % 7 === 3 ? 2 : i % 11 === 5 ? 4 : i % 2]!,
      stage: stages[i % 5]!,
      latestMilestone: i % 17 === 16 ? 'v1.34' : release,
    }),
  );
  store.keps.upsertMany(keps, new Date(start));
  seedUpdates(store, keps);
  seedRounds(store);
}

function seedUpdates(store: Store, keps: ReturnType<typeof makeKep>[]): void {
  keps.forEach((kep, i) => {
    if (i % 8 === 7) return; // never reported
    for (let week = 0; week < (i % 6) + 1; week++) {
      const n = i * 7 + week;
      store.statusUpdates.record({
        kepPath: kep.path,
        kepNumber: kep.number,
        // now and then reported under another SIG (the digest reads the owning SIG's latest only)
        sig: i % 10 === 4 && week > 1 ? dirs[(i + 1) % 3]! : kep.owningSig!,
        release,
        state: kepStates[(n * 5) % kepStates.length]!,
        confidence: n % 9 === 0 ? null : 30 + ((n * 13) % 8) * 10,
        increment: n % 4 === 0 ? null : (n % 5) + 1,
        note: `generated ${n}`,
        authorSlack: n % 3 === 0 ? 'U0FACA' : 'U0OTHER',
        authorGithub: n % 3 === 0 ? 'fac-a' : n % 3 === 1 ? 'FAC-B' : null,
        source: 'command',
        createdAt: new Date(start + week * 7 * dayMs + (i % 24) * 3_600_000).toISOString(),
        idempotencyKey: `gen-${n}`,
      });
    }
  });
}

function seedRounds(store: Store): void {
  dirs.forEach((sig, s) => {
    for (let week = 0; week < 5; week++) {
      const at = new Date(start + week * 7 * dayMs + dayMs);
      const { round } = store.rounds.create({
        sig,
        release: week === 4 && s === 0 ? 'v1.34' : release,
        scheduledFor: at.toISOString(),
        openedAt: at.toISOString(),
        nudgeAt: new Date(at.getTime() + dayMs).toISOString(),
        closeAt: new Date(at.getTime() + 2 * dayMs).toISOString(),
        channel: 'C0GEN',
        parentKey: `round-${sig}-${week}`,
        kepPaths: [],
        snapshot: {},
      });
      if (week === 3 && s === 1) continue; // still open
      store.rounds.close(round.id, new Date(at.getTime() + 2 * dayMs), {
        updatedBy: [
          ...((week + s) % 2 === 0 ? [{ slack: 'U0FACA', github: null, count: 2 }] : []),
          ...(week % 3 === 1 ? [{ slack: 'U0NOPE', github: 'Fac-B', count: 1 }] : []),
        ],
        changes: [],
        stale: [],
        missing: [],
        away: week === 2 ? [{ github: 'FAC-B', slack: null, until: at.toISOString() }] : [],
      });
    }
  });
}
