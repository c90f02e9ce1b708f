import { traceCustody } from '../src/app/trace-custody.ts';
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
 * plus 300 merged `kind/feature` pull requests. The floor is one request per KEP (its timeline fits
 * one page), one per body-only pull request and one per 100 search hits.
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
    const clock: Clock = { now: () => new Date('2026-06-01T12:00:00Z') };
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
      const started = performance.now();
      const { report, spend } = await traceCustody({ github: createPullRequestSource(client) }, input);
      const ms = performance.now() - started;
      const linked = report.keps.reduce((n, k) => n + k.pulls.length, 0);
      const floor = kepCount + kepCount + Math.ceil(featureCount / 100);
      return [
        compared(
          `custody ${kepCount} KEPs: requests vs floor (KEPs + body-only PRs + search pages)`,
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
      ];
    } finally {
      await fake.close();
    }
  },
};
