import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { traceCustody } from '../src/app/trace-custody.ts';
import { createStore } from '../src/db/create-store.ts';
import { migrate } from '../src/db/migrate.ts';
import { openDatabase } from '../src/db/open.ts';
import { createGithubClient } from '../src/github/client.ts';
import { createPullRequestSource } from '../src/github/pull-request-source.ts';
import type { Clock } from '../src/ports/clock.ts';
import { startFakeGithub } from '../src/sandbox/github/fake-github-server.ts';
import { FakeGithubState, type FakePullRequest } from '../src/sandbox/github/fake-github-state.ts';
import { syntheticGithubSeed } from '../src/sandbox/github/fixture-github.ts';
import { createLogger } from '../src/system/logger.ts';
import { sleep } from '../src/system/sleep.ts';
import { compared, type Figure, figure } from './figure.ts';

/**
 * `npm run bench -- custody`: requests and points of `drumbeat custody` over a synthetic release of
 * 500 KEPs, each cross-referenced by two pull requests and linking a third only in its issue body,
 * plus 300 merged `kind/feature` pull requests, kept in a SQLite file as the CLI keeps it.
 * - the first report: the floor is one request per KEP (its timeline fits one page), one per ten
 *   body-only pull requests and one per 100 search hits;
 * - an hour later with nothing changed: the two change searches;
 * - an hour later after a pull request naming a KEP was labelled: the searches and that KEP.
 */

const kepCount = 500;
const featureCount = 300;

function pulls(release: string): FakePullRequest[] {
  const out: FakePullRequest[] = [];
  const base = { state: 'MERGED' as const, mergedAt: '2026-03-01T00:00:00Z', milestone: release };
  const updatedAt = '2026-03-01T00:00:00Z';
  for (let i = 0; i < kepCount; i++) {
    const link = `https://github.com/kubernetes/enhancements/issues/${10_000 + i}`;
    for (let k = 0; k < 3; k++)
      out.push({
        ...base,
        number: 200_000 + i * 3 + k,
        title: `KEP ${i} part ${k}`,
        body: k < 2 ? link : '',
        labels: ['lgtm', 'approved'],
        updatedAt,
      });
  }
  for (let i = 0; i < featureCount; i++)
    out.push({
      ...base,
      number: 300_000 + i,
      title: `Feature ${i}`,
      body: '',
      labels: ['kind/feature'],
      updatedAt,
    });
  return out;
}

export const custodySuite = {
  name: 'custody',
  run: async (): Promise<Figure[]> => {
    const release = 'v1.37';
    const seed = syntheticGithubSeed(kepCount, release);
    const issues = (seed.issues ?? []).map((issue, i) => ({
      ...issue,
      body: `- https://github.com/kubernetes/kubernetes/pull/${200_000 + i * 3 + 2}`,
    }));
    let now = new Date('2026-06-01T12:00:00Z');
    const clock: Clock = { now: () => now };
    const dir = mkdtempSync(join(tmpdir(), 'drumbeat-custody-'));
    const db = openDatabase(join(dir, 'custody.db'));
    migrate(db, undefined, clock.now);
    const codeRepo = { owner: 'kubernetes', name: 'kubernetes', pullRequests: pulls(release) };
    const state = new FakeGithubState({ ...seed, issues, codeRepo }, clock);
    const fake = await startFakeGithub({ state, clock, pointsPerHour: 100_000 });
    try {
      const logger = createLogger({ level: 'silent' });
      const client = createGithubClient({ token: fake.token, apiUrl: fake.url, clock, sleep, logger });
      const keps = issues.map((i) => ({
        number: i.number,
        title: i.title,
        owningSig: null,
        path: `keps/x/${i.number}`,
      }));
      const input = {
        keps,
        release,
        enhancementsRepo: 'kubernetes/enhancements',
        codeRepo: 'kubernetes/kubernetes',
        preFreeze: true,
      };
      const deps = { github: createPullRequestSource(client), store: createStore(db), clock };
      const started = performance.now();
      const { report, spend } = await traceCustody(deps, input);
      const ms = performance.now() - started;
      const since = (before: { requests: number }) => deps.github.spend().requests - before.requests;
      now = new Date(now.getTime() + 3_600_000);
      let before = deps.github.spend();
      const quiet = await traceCustody(deps, input);
      const unchanged = since(before);
      state.updatePull(200_000, { labels: ['lgtm', 'approved', 'kind/feature'] });
      now = new Date(now.getTime() + 3_600_000);
      before = deps.github.spend();
      const changed = await traceCustody(deps, input);
      const oneChange = since(before);
      if (JSON.stringify(quiet.report) !== JSON.stringify(report) || changed.reads.reread !== 1)
        throw new Error('bench custody: the stored re-reads did not report what the first read did');
      const linked = report.keps.reduce((n, k) => n + k.pulls.length, 0);
      const floor = kepCount + Math.ceil(kepCount / 10) + Math.ceil(featureCount / 100);
      return [
        compared(
          `custody ${kepCount} KEPs: requests vs floor (KEPs + body-only PRs / 10 + search pages)`,
          spend.requests,
          floor,
          'requests',
        ),
        compared(`custody ${kepCount} KEPs: points vs requests`, spend.points, spend.requests, 'points'),
        figure(`custody ${kepCount} KEPs: linked pull requests read`, linked, 'pull requests'),
        figure(
          `custody ${kepCount} KEPs: requests per 100 pull requests read`,
          (spend.requests * 100) / (linked + featureCount),
          'requests',
        ),
        figure(`custody ${kepCount} KEPs: time`, ms, 'ms'),
        compared(
          `custody ${kepCount} KEPs, nothing changed: requests vs the first report`,
          unchanged,
          spend.requests,
          'requests',
        ),
        compared(
          `custody ${kepCount} KEPs, one pull request changed: requests vs the first report`,
          oneChange,
          spend.requests,
          'requests',
        ),
      ];
    } finally {
      await fake.close();
      db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
