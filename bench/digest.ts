/**
 * `npm run bench -- digest`: every SIG's weekly digest built in one pass, as the scheduler does
 * when they fall due together (store reads, model, Block Kit, split into messages) from a synthetic store of 24 SIGs, 2,000 KEPs and 200,000 status updates (plus
 * 3,000 blockers), with wall time and peak memory; and one App Home view for a chair of 3 SIGs.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildDigest, digestPass } from '../src/app/build-digest.ts';
import { buildHome } from '../src/app/build-home.ts';
import { createStore } from '../src/db/create-store.ts';
import { migrate } from '../src/db/migrate.ts';
import { openDatabase } from '../src/db/open.ts';
import { kepStates } from '../src/domain/kep-state.ts';
import { repoLinksFor } from '../src/domain/repo-links.ts';
import type { Kep } from '../src/domain/types.ts';
import type { DigestSettings } from '../src/ports/digest.ts';
import type { Store } from '../src/ports/store.ts';
import { createDigestMessages } from '../src/slack/blocks/digest-blocks.ts';
import { buildHomeView } from '../src/slack/blocks/home-blocks.ts';
import { type Figure, figure, type Suite } from './figure.ts';

const sigCount = 24;
const kepCount = 2000;
const updateCount = 200_000;
const release = 'v1.35';
const repo = repoLinksFor('kubernetes/enhancements');
const digestMessages = createDigestMessages(repo, null);
const now = new Date('2025-11-03T09:00:00Z');
export const benchNow = now;
const start = Date.parse('2025-09-15T00:00:00Z');
const dirs = Array.from({ length: sigCount }, (_, i) => `sig-bench-${String(i).padStart(2, '0')}`);

function kep(i: number): Kep {
  const sig = dirs[i % sigCount]!;
  return {
    path: `keps/${sig}/${1000 + i}-bench`,
    number: 1000 + i,
    title: `Synthetic KEP ${i} with a realistic title length for tables`,
    owningSig: sig,
    participatingSigs: [],
    status: i % 5 === 0 ? 'provisional' : 'implementable',
    stage: (['alpha', 'beta', 'stable'] as const)[i % 3]!,
    latestMilestone: release,
    milestones: { alpha: release, beta: release, stable: release },
    prrApprovals: i % 7 === 0 ? {} : { alpha: 'prr', beta: 'prr', stable: 'prr' },
    seeAlso: [],
    replaces: [],
    supersededBy: [],
    warnings: [],
    raw: {},
  };
}

/** The bench store: 24 SIGs, 2,000 KEPs, 200,000 updates, 3,000 blockers (also read by the site bench). */
export function seedBenchStore(store: Store): void {
  store.people.upsertMany([{ github: 'chair', slack: 'U0CHAIR', timezone: 'UTC', quietHours: null }]);
  store.sigs.upsertMany(
    dirs.map((dir, i) => ({
      dir,
      name: `Bench ${i}`,
      kind: 'sig' as const,
      label: null,
      slackChannel: null,
      chairs: i < 3 ? ['chair'] : [],
      techLeads: [],
      meetings: [],
      channelId: `C0BENCH${i}`,
      channelName: dir,
      facilitators: ['chair'],
    })),
  );
  store.releases.upsert({ name: release, codingPeriod: null });
  store.releases.setCurrent(release);
  store.milestones.replaceCalendar(release, [
    {
      name: 'Code Freeze',
      kind: 'code-freeze',
      who: null,
      week: 9,
      at: '2025-11-07T02:00:00Z',
      date: null,
      endDate: null,
      aoe: false,
    },
    {
      name: 'Docs Freeze',
      kind: 'docs-freeze',
      who: null,
      week: 11,
      at: '2025-11-14T02:00:00Z',
      date: null,
      endDate: null,
      aoe: false,
    },
  ]);
  const keps = Array.from({ length: kepCount }, (_, i) => kep(i));
  store.keps.upsertMany(keps, new Date(start));
  store.transaction(() => {
    const span = now.getTime() - start;
    for (let n = 0; n < updateCount; n++) {
      const k = keps[n % kepCount]!;
      const at = new Date(start + Math.floor((n / updateCount) * span));
      store.statusUpdates.record({
        kepPath: k.path,
        kepNumber: k.number,
        sig: k.owningSig!,
        release,
        state: kepStates[(n * 7 + Math.floor(n / kepCount)) % 4]!,
        confidence: 40 + (n % 6) * 10,
        increment: (n % 4) + 1,
        note: `synthetic update ${n}`,
        authorSlack: 'U0CHAIR',
        authorGithub: 'chair',
        source: 'command',
        createdAt: at.toISOString(),
        idempotencyKey: `bench-${n}`,
      });
      if (n % 67 === 0)
        store.blockers.open({
          kepPath: k.path,
          kepNumber: k.number,
          sig: k.owningSig!,
          release,
          target: { type: 'kep', kep: 1000 + ((n + 1) % kepCount) },
          openedBy: 'U0CHAIR',
          openedAt: at.toISOString(),
          openedByUpdate: null,
        });
    }
  });
}

/** Every bench SIG's digest settings, with a coding period and an escalation ladder. */
export function benchDigestSettings(): DigestSettings {
  return {
    release,
    codingPeriod: {
      start: '2025-09-15',
      increments: 4,
      weeksPerIncrement: 2,
      confidenceCaps: [100, 80, 60, 40],
    },
    escalationLadder: ['blocking-sig', 'pm-channel', 'release-lead'],
    sigs: dirs.map((d, i) => ({
      dir: d,
      name: `Bench ${i}`,
      cron: '0 9 * * 1',
      timezone: 'UTC',
      to: 'chairs',
      chairs: ['chair'],
      facilitators: ['chair'],
      roundCron: '0 16 * * 2',
      roundTimezone: 'UTC',
    })),
  };
}

async function run(): Promise<Figure[]> {
  const dir = mkdtempSync(join(tmpdir(), 'drumbeat-bench-digest-'));
  const db = openDatabase(join(dir, 'bench.db'));
  try {
    migrate(db, undefined, () => now);
    const store = createStore(db);
    const seedStarted = performance.now();
    seedBenchStore(store);
    const seedMs = performance.now() - seedStarted;
    const settings = benchDigestSettings();
    global.gc?.();
    const heapBefore = process.memoryUsage().heapUsed;
    let peakRss = process.memoryUsage().rss;
    let peakHeap = heapBefore;
    let messages = 0;
    // the scheduler builds every digest due in one pass with one DigestPass, as here
    const pass = digestPass(store, release, now);
    let firstMs = 0;
    const started = performance.now();
    for (const sig of settings.sigs) {
      const digest = buildDigest(store, { settings, sig, now, channel: `C0BENCH${sig.dir.slice(-2)}` }, pass);
      if (firstMs === 0) firstMs = performance.now() - started;
      messages += digestMessages.digest(digest).parts.length;
      const mem = process.memoryUsage();
      peakRss = Math.max(peakRss, mem.rss);
      peakHeap = Math.max(peakHeap, mem.heapUsed);
    }
    const allMs = performance.now() - started;
    const homeStarted = performance.now();
    const view = buildHomeView(buildHome(store, { user: 'U0CHAIR', release, now }), repo);
    const homeMs = performance.now() - homeStarted;
    return [
      figure('digest: seed 24 SIGs, 2,000 KEPs, 200,000 updates', seedMs, 'ms'),
      figure('digest: build every SIG digest (24)', allMs, 'ms'),
      figure('digest: per SIG digest', allMs / sigCount, 'ms'),
      figure("digest: a pass's first SIG digest (reads the release's health base)", firstMs, 'ms'),
      figure('digest: Slack messages for all digests (parent + replies)', messages, 'messages'),
      figure('digest: peak RSS while building', peakRss / 2 ** 20, 'MiB'),
      figure('digest: peak heap growth while building', (peakHeap - heapBefore) / 2 ** 20, 'MiB'),
      figure('home: one App Home view (chair of 3 SIGs, 250 KEPs)', homeMs, 'ms'),
      figure('home: blocks in the view (max 100)', view.blocks.length, 'blocks'),
    ];
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export const digestSuite: Suite = { name: 'digest', run };
