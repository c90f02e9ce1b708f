import { type SyncGithubOptions, type SyncSummary, syncGithub } from '../../src/app/sync-github.ts';
import { createGithubClient, type GithubClientOptions } from '../../src/github/client.ts';
import { createGithubSource } from '../../src/github/github-source.ts';
import { parseKepYaml } from '../../src/github/local-checkout.ts';
import type { GithubSource } from '../../src/ports/github.ts';
import type { Store } from '../../src/ports/store.ts';
import { type FakeGithub, startFakeGithub } from '../../src/sandbox/github/fake-github-server.ts';
import { type FakeGithubSeed, FakeGithubState } from '../../src/sandbox/github/fake-github-state.ts';
import { fixtureGithubSeed } from '../../src/sandbox/github/fixture-github.ts';
import { createLogger } from '../../src/system/logger.ts';
import { tempStore } from '../db/temp-db.ts';
import { FakeClock } from '../fakes/fake-clock.ts';

export const silentLogger = createLogger({ level: 'silent' });

/**
 * Awaits `promise` while stepping `clock` to each pending sleep, so rate-limit waits and backoffs
 * pass in fake time (real I/O to the loopback fake keeps running between steps).
 */
export async function drive<T>(promise: Promise<T>, clock: FakeClock): Promise<T> {
  let outcome: { ok: true; value: T } | { ok: false; error: unknown } | null = null;
  promise.then(
    (value) => {
      outcome = { ok: true, value };
    },
    (error: unknown) => {
      outcome = { ok: false, error };
    },
  );
  while (outcome === null) {
    await new Promise((resolve) => setImmediate(resolve));
    if (outcome === null && clock.pendingTimers > 0) clock.advanceToNextTimer();
  }
  const done = outcome as { ok: true; value: T } | { ok: false; error: unknown };
  if (!done.ok) throw done.error;
  return done.value;
}

export interface GithubHarness {
  clock: FakeClock;
  fake: FakeGithub;
  state: FakeGithubState;
  store: Store;
  github: GithubSource;
  options: SyncGithubOptions;
  /** Another Store over the same database file (what a restarted process would see). */
  reopen: () => Store;
  sync: (extra?: Partial<SyncGithubOptions>) => Promise<SyncSummary>;
  close: () => Promise<void>;
}

let fixtureSeed: FakeGithubSeed | null = null;

/** The fixture seed, read from disk once per test file (the fake state copies what it changes). */
export function cachedFixtureSeed(): FakeGithubSeed {
  fixtureSeed ??= fixtureGithubSeed();
  return fixtureSeed;
}

export const fixtureKnownSigs = [
  'sig-api-machinery',
  'sig-apps',
  'sig-architecture',
  'sig-auth',
  'sig-node',
  'sig-scheduling',
  'sig-storage',
];

/** The fake GitHub over the fixture KEPs, a client, a temp store and the sync options of the example config. */
export async function githubHarness(
  setup: {
    seed?: FakeGithubSeed;
    start?: string;
    client?: Partial<GithubClientOptions>;
    options?: Partial<SyncGithubOptions>;
  } = {},
): Promise<GithubHarness> {
  const clock = new FakeClock(setup.start ?? '2025-10-01T12:00:00.000Z');
  const state = new FakeGithubState(setup.seed ?? cachedFixtureSeed(), clock);
  const fake = await startFakeGithub({ state, clock });
  const temp = tempStore();
  const client = createGithubClient({
    token: fake.token,
    apiUrl: fake.url,
    clock,
    sleep: clock.sleep,
    logger: silentLogger,
    ...setup.client,
  });
  const github = createGithubSource(client);
  const options: SyncGithubOptions = {
    repo: 'kubernetes/enhancements',
    release: 'v1.35',
    optedInLabel: 'lead-opted-in',
    board: { org: 'kubernetes', number: 264 },
    writeBack: false,
    ...setup.options,
  };
  const deps = { github, store: temp.store, clock, logger: silentLogger, readKepYaml: parseKepYaml };
  return {
    clock,
    fake,
    state,
    store: temp.store,
    github,
    options,
    reopen: () => temp.reopen().store,
    sync: (extra = {}) => drive(syncGithub(deps, { ...options, ...extra }), clock),
    close: async () => {
      await fake.close();
      temp.cleanup();
    },
  };
}
