/**
 * The example release (drumbeat.example.yaml, v1.35) in a real SQLite file, with a cycle's worth of
 * history: weekly reports for every KEP from the first weeks on, blockers (one a KEP ↔ KEP cycle,
 * one on a SIG, one on API review), a plan and exception requests. Deterministic.
 */
import { loadReferenceData } from '../../src/app/load-reference-data.ts';
import { loadConfig } from '../../src/config/load-config.ts';
import type { ResolvedConfig } from '../../src/config/resolved-config.ts';
import type { KepState } from '../../src/domain/kep-state.ts';
import { readKepsFromCheckout } from '../../src/github/local-checkout.ts';
import type { Store, StoredKep } from '../../src/ports/store.ts';
import { exampleConfigFile } from '../../src/sandbox/start-sandbox-bot.ts';
import { referenceDataFrom } from '../../src/wiring/reference-data.ts';
import { type TempStore, tempStore } from '../db/temp-db.ts';

/** Before Code Freeze (2025-11-07 12:00 UTC): the countdown shows. */
export const exampleNow = new Date('2025-11-03T12:00:00Z');
const dayMs = 86_400_000;

export interface ExampleRelease extends TempStore {
  config: ResolvedConfig;
  keps: StoredKep[];
}

export async function loadExampleConfig(): Promise<ResolvedConfig> {
  const loaded = await loadConfig(exampleConfigFile, { cwd: process.cwd() });
  if (!loaded.ok) throw new Error(`example config: ${JSON.stringify(loaded.problems)}`);
  return loaded.config;
}

export async function exampleRelease(options: { history?: boolean } = {}): Promise<ExampleRelease> {
  const config = await loadExampleConfig();
  const t = tempStore();
  const read = await readKepsFromCheckout(config.github.localCheckout!, {
    knownSigs: config.sigs.map((s) => s.dir),
  });
  loadReferenceData(t.store, referenceDataFrom(config, read.keps), new Date('2025-09-15T00:00:00Z'));
  const dirs = new Set(config.sigs.map((s) => s.dir));
  const keps = t.store.keps
    .list({ latestMilestone: 'v1.35' })
    .filter((k) => k.owningSig !== null && dirs.has(k.owningSig));
  if (options.history !== false) seedHistory(t.store, keps);
  return { ...t, config, keps };
}

/** A KEP's path through the cycle, by its number: most settle on track, some wobble, a few are dropped. */
function course(n: number): KepState[] {
  const shapes: KepState[][] = [
    ['on-track', 'on-track', 'on-track', 'on-track', 'on-track', 'done', 'done'],
    ['on-track', 'at-risk', 'at-risk', 'on-track', 'on-track', 'on-track', 'done'],
    ['at-risk', 'at-risk', 'blocked', 'blocked', 'at-risk', 'on-track', 'on-track'],
    ['on-track', 'on-track', 'at-risk', 'at-risk', 'dropped', 'dropped', 'dropped'],
    ['on-track', 'on-track', 'on-track', 'at-risk', 'at-risk', 'at-risk', 'at-risk'],
    ['on-track', 'blocked', 'blocked', 'blocked', 'blocked', 'blocked', 'blocked'],
  ];
  return shapes[n % shapes.length]!;
}

function seedHistory(store: Store, keps: StoredKep[]): void {
  const start = Date.parse('2025-09-16T10:00:00Z');
  keps.forEach((kep, i) => {
    if (i % 9 === 8) return; // a few KEPs are never reported
    course(kep.number).forEach((state, week) => {
      store.statusUpdates.record({
        kepPath: kep.path,
        kepNumber: kep.number,
        sig: kep.owningSig!,
        release: 'v1.35',
        state,
        confidence: state === 'on-track' || state === 'done' ? 90 : state === 'at-risk' ? 60 : 30,
        increment: null,
        note: state === 'at-risk' ? 'waiting on API review <b>&</b> @here' : '',
        authorSlack: 'U0000000003',
        authorGithub: 'alice-facilitator',
        source: week === 3 ? 'dm' : 'command',
        createdAt: new Date(start + week * 7 * dayMs + (i % 5) * 3_600_000).toISOString(),
        idempotencyKey: `seed-${kep.path}-${week}`,
      });
    });
  });
  seedBlockers(store, keps);
  seedPlanning(store, keps);
}

function seedBlockers(store: Store, keps: StoredKep[]): void {
  const node = keps.filter((k) => k.owningSig === 'sig-node');
  const [a, b, c] = [node[0], node[1], keps.find((k) => k.owningSig !== 'sig-node')];
  if (!a || !b || !c) throw new Error('the example release needs two sig-node KEPs and one of another SIG');
  const open = (from: StoredKep, target: Parameters<Store['blockers']['open']>[0]['target'], day: number) =>
    store.blockers.open({
      kepPath: from.path,
      kepNumber: from.number,
      sig: from.owningSig!,
      release: 'v1.35',
      target,
      openedBy: 'U0000000003',
      openedAt: new Date(Date.parse('2025-10-01T10:00:00Z') + day * dayMs).toISOString(),
      openedByUpdate: null,
    });
  open(a, { type: 'kep', kep: b.number }, 0);
  open(b, { type: 'kep', kep: a.number }, 2);
  open(c, { type: 'kep', kep: a.number }, 4);
  open(b, { type: 'sig', sig: 'sig-auth' }, 6);
  open(c, { type: 'party', name: 'API review' }, 8);
}

function seedPlanning(store: Store, keps: StoredKep[]): void {
  const node = keps.filter((k) => k.owningSig === 'sig-node').slice(0, 4);
  const plan = store.planning.savePlan({
    release: 'v1.35',
    sig: 'sig-node',
    entries: node.map((k, i) => ({
      kep: k.number,
      kepPath: k.path,
      title: k.title,
      stage: k.stage,
      increments: [{ increment: (i % 3) + 1, confidence: 100 - (i % 3) * 20 }],
      dependsOn: [],
      releaseNote: k.title,
    })),
    author: 'U0000000003',
    savedAt: '2025-10-06T10:00:00.000Z',
    idempotencyKey: 'seed-plan',
  }).plan;
  store.planning.approvePlans([plan.id], '2025-10-08T17:00:00.000Z');
  const kep = node[1]!;
  store.planning.addException({
    release: 'v1.35',
    kep: kep.number,
    kepTitle: kep.title,
    sig: 'sig-node',
    freeze: 'code-freeze',
    missing: 'e2e tests not merged <script>',
    additionalTime: '3 days',
    risk: 'feature gate stays off',
    pullRequests: ['https://github.com/kubernetes/kubernetes/pull/130000'],
    requester: 'U0000000003',
    requestedAt: '2025-10-31T10:00:00.000Z',
    idempotencyKey: 'seed-exception',
  });
}
