import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type SyncSummary, syncGithub } from '../src/app/sync-github.ts';
import { createStore } from '../src/db/create-store.ts';
import { migrate } from '../src/db/migrate.ts';
import { openDatabase } from '../src/db/open.ts';
import { createGithubClient } from '../src/github/client.ts';
import { createGithubSource } from '../src/github/github-source.ts';
import { parseKepYaml } from '../src/github/local-checkout.ts';
import type { Clock } from '../src/ports/clock.ts';
import { startFakeGithub } from '../src/sandbox/github/fake-github-server.ts';
import { type FakeGithubSeed, FakeGithubState } from '../src/sandbox/github/fake-github-state.ts';
import { fixtureGithubSeed, syntheticGithubSeed } from '../src/sandbox/github/fixture-github.ts';
import { createLogger } from '../src/system/logger.ts';
import { sleep } from '../src/system/sleep.ts';
import { compared, type Figure, figure } from './figure.ts';

/**
 * `npm run bench -- github-sync`: requests and rate-limit points of a first and a second (nothing
 * changed) GitHub sync against the fake GitHub, for the fixture KEPs and for a synthetic release of
 * 5,000 issues, a 5,000-item board and their kep.yaml and PRR files. The baseline of a first sync is
 * the floor: one request per 100 nodes of each connection (milestone issues and board items). Then a
 * sync after one issue's labels and one board field changed: the issue streams read one page each,
 * the board (which GitHub orders only by position, with no "since") is read whole.
 */

const logger = createLogger({ level: 'silent' });

interface Measured {
  first: SyncSummary;
  second: SyncSummary;
  /** After one issue's labels and one board field changed. */
  oneChange: SyncSummary;
  firstMs: number;
  secondMs: number;
  issues: number;
  boardItems: number;
  blobs: number;
}

async function measure(seed: FakeGithubSeed, release: string): Promise<Measured> {
  const clock: Clock = { now: () => new Date('2026-06-01T12:00:00Z') };
  const state = new FakeGithubState(seed, clock);
  const fake = await startFakeGithub({ state, clock, pointsPerHour: 100_000 });
  const dir = mkdtempSync(join(tmpdir(), 'drumbeat-bench-'));
  const db = openDatabase(join(dir, 'drumbeat.db'));
  try {
    migrate(db, undefined, clock.now);
    const store = createStore(db);
    const client = createGithubClient({ token: fake.token, apiUrl: fake.url, clock, sleep, logger });
    const deps = { github: createGithubSource(client), store, clock, logger, readKepYaml: parseKepYaml };
    const options = {
      repo: 'kubernetes/enhancements',
      release,
      optedInLabel: 'lead-opted-in',
      board: { org: 'kubernetes', number: 264 },
      writeBack: false,
    };
    let started = performance.now();
    const first = await syncGithub(deps, options);
    const firstMs = performance.now() - started;
    started = performance.now();
    const second = await syncGithub(deps, options);
    const secondMs = performance.now() - started;
    const changed = [...state.issues.values()].find((i) => i.milestone === release)!;
    state.updateIssue(changed.number, { labels: [...changed.labels, 'bench-change'] });
    state.setBoardField(changed.number, 'Note', 'bench change');
    const oneChange = await syncGithub(deps, options);
    if (!first.ok || !second.ok || !oneChange.ok)
      throw new Error(`sync failed: ${first.error ?? second.error ?? oneChange.error}`);
    const issues = [...state.issues.values()].filter((i) => i.milestone === release).length;
    return {
      first,
      second,
      oneChange,
      firstMs,
      secondMs,
      issues,
      boardItems: state.board?.items.length ?? 0,
      blobs: first.files.fetched,
    };
  } finally {
    db.close();
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

function figures(label: string, m: Measured): Figure[] {
  const floor = Math.ceil(m.issues / 100) + Math.ceil(m.boardItems / 100);
  const floorWithBlobs = floor + Math.ceil(m.blobs / 100);
  return [
    compared(
      `github-sync ${label}: first sync requests vs floor (issues + board pages)`,
      m.first.requests,
      floor,
      'requests',
    ),
    compared(
      `github-sync ${label}: first sync requests vs floor incl. blob batches`,
      m.first.requests,
      floorWithBlobs,
      'requests',
    ),
    compared(`github-sync ${label}: first sync points vs floor`, m.first.points, floor, 'points'),
    figure(`github-sync ${label}: first sync time`, m.firstMs, 'ms'),
    figure(`github-sync ${label}: second sync (nothing changed) requests`, m.second.requests, 'requests'),
    figure(`github-sync ${label}: second sync (nothing changed) points`, m.second.points, 'points'),
    figure(`github-sync ${label}: second sync time`, m.secondMs, 'ms'),
    figure(
      `github-sync ${label}: first sync requests per 100 nodes read (issues + board items)`,
      (100 * m.first.requests) / Math.max(1, m.issues + m.boardItems),
      'requests',
    ),
    figure(
      `github-sync ${label}: one-change sync (an issue's label, a board field) requests`,
      m.oneChange.requests,
      'requests',
    ),
  ];
}

export const githubSyncSuite = {
  name: 'github-sync',
  run: async (): Promise<Figure[]> => {
    const fixture = await measure(fixtureGithubSeed({ release: 'v1.35' }), 'v1.35');
    const synthetic = await measure(syntheticGithubSeed(5000, 'v1.37'), 'v1.37');
    return [...figures('fixture KEPs', fixture), ...figures('5,000 issues + 5,000-item board', synthetic)];
  },
};
