import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { custodyKeps, traceCustody } from '../../src/app/trace-custody.ts';
import type { CliIo } from '../../src/cli/io.ts';
import { runCli } from '../../src/cli/main.ts';
import type { CustodyReport } from '../../src/domain/custody-report.ts';
import { custodyMarkdown, custodyText } from '../../src/domain/custody-text.ts';
import { createGithubClient } from '../../src/github/client.ts';
import { createPullRequestSource } from '../../src/github/pull-request-source.ts';
import { parseSearch } from '../../src/sandbox/github/fake-github-pulls.ts';
import { tempDir } from '../db/temp-db.ts';
import { custodySeed } from './custody-seed.ts';
import { drive, type GithubHarness, githubHarness, silentLogger } from './github-harness.ts';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** The release's KEPs as the seed opted them in (label `lead-opted-in`), by number. */
const releaseKeps = () =>
  (custodySeed().issues ?? [])
    .filter((i) => i.labels.includes('lead-opted-in'))
    .map((i) => i.number)
    .sort((a, b) => a - b);

const expectedPulls: Record<number, [number, string[], string, string][]> = {
  1287: [
    [130001, ['body', 'timeline'], 'code', 'merged'],
    [130002, ['body'], 'test', 'merge-ready'],
  ],
  3673: [[130010, ['body'], 'code', 'not-ready']],
  3983: [[130036, ['body'], 'code', 'merged']],
  4742: [
    [130020, ['timeline'], 'code', 'not-ready'],
    [130021, ['timeline'], 'code', 'closed'],
  ],
};
const expectedVerdicts: Record<number, [string, string]> = {
  1287: ['met', 'met'],
  3673: ['unmet', 'unverified'],
  3983: ['met', 'unverified'],
  4742: ['unmet', 'unverified'],
};

/** The custody reads over the harness's fake GitHub, its store and its clock. */
function custodyDeps(h: GithubHarness) {
  const client = createGithubClient({
    token: h.fake.token,
    apiUrl: h.fake.url,
    clock: h.clock,
    sleep: h.clock.sleep,
    logger: silentLogger,
  });
  return { github: createPullRequestSource(client), store: h.store, clock: h.clock };
}

async function synced(): Promise<GithubHarness> {
  const h = await githubHarness({ seed: custodySeed() });
  cleanups.push(h.close);
  expect((await h.sync()).ok).toBe(true);
  return h;
}

function expectReport(report: CustodyReport): void {
  expect(report.keps.map((k) => k.kep.number)).toEqual(releaseKeps());
  for (const k of report.keps) {
    const pulls = k.pulls.map((p) => [p.pull.number, p.via, p.kind, p.standing]);
    expect(pulls, `KEP ${k.kep.number}`).toEqual(expectedPulls[k.kep.number] ?? []);
    const verdicts = [k.codeFreeze.outcome, k.testFreeze.outcome];
    expect(verdicts, `KEP ${k.kep.number}`).toEqual(
      expectedVerdicts[k.kep.number] ?? ['unverified', 'unverified'],
    );
  }
  expect(report.preFreeze?.read).toBe(5);
  expect(report.preFreeze?.unaccounted.map((p) => p.number)).toEqual([130030, 130032]);
}

describe('the chain of custody against the fake GitHub', () => {
  it('lists every linked pull request, each KEP’s verdicts and every unaccounted kind/feature PR', async () => {
    const h = await synced();
    const issues = new Map(
      h.store.githubSnapshots.listIssues('kubernetes/enhancements').map((i) => [i.number, i.milestone]),
    );
    const keps = custodyKeps(h.store.keps.list(), 'v1.35', issues, {});
    h.fake.resetStats();
    const input = {
      keps,
      release: 'v1.35',
      enhancementsRepo: 'kubernetes/enhancements',
      codeRepo: 'kubernetes/kubernetes',
      preFreeze: true,
    };
    const { report, spend } = await drive(traceCustody(custodyDeps(h), input), h.clock);
    expectReport(report);
    // one request per KEP issue, one for the three PRs only a body links (130002, 130010, 130036),
    // one for the pre-freeze search
    expect(spend.requests).toBe(keps.length + 1 + 1);
    expect(spend.points).toBe(spend.requests);
    expect(h.fake.stats()).toEqual({ requests: spend.requests, points: spend.points });
  });

  it('pages a timeline of more than 100 cross-references and a search of more than 100 hits', async () => {
    const seed = custodySeed();
    const many = Array.from({ length: 150 }, (_, i) => ({
      number: 140_000 + i,
      title: `Part ${i}`,
      body: `For https://github.com/kubernetes/enhancements/issues/1287`,
      state: 'MERGED' as const,
      mergedAt: '2025-10-21T00:00:00Z',
      labels: ['kind/feature'],
      milestone: 'v1.35',
      updatedAt: '2025-10-21T00:00:00Z',
    }));
    const h = await githubHarness({ seed: { ...seed, codeRepo: { ...seed.codeRepo!, pullRequests: many } } });
    cleanups.push(h.close);
    const kep = { number: 1287, title: 'x', owningSig: 'sig-node', path: 'keps/sig-node/1287-x' };
    const input = {
      keps: [kep],
      release: 'v1.35',
      enhancementsRepo: 'kubernetes/enhancements',
      codeRepo: 'kubernetes/kubernetes',
      preFreeze: true,
    };
    const { report, spend } = await drive(traceCustody(custodyDeps(h), input), h.clock);
    expect(report.keps[0]?.pulls).toHaveLength(150);
    expect(report.preFreeze).toMatchObject({ read: 150, unaccounted: [] });
    // two timeline pages, two search pages, and the two body links to PRs this seed lacks (not found)
    // (one request for both, answered NOT_FOUND, then one each)
    expect(spend.requests).toBe(2 + 2 + 3);
  });

  it('reads the pull requests only issue bodies link ten a request', async () => {
    const seed = custodySeed();
    const linked = Array.from({ length: 25 }, (_, i) => ({
      number: 160_000 + i,
      title: `Part ${i}`,
      body: '',
      state: 'OPEN' as const,
      mergedAt: null,
      labels: ['lgtm', 'approved'],
      milestone: 'v1.35',
      updatedAt: '2025-10-21T00:00:00Z',
    }));
    const body = linked.map((p) => `- kubernetes/kubernetes#${p.number}`).join('\n');
    const issues = seed.issues?.map((i) => (i.number === 1287 ? { ...i, body } : i));
    const h = await githubHarness({
      seed: { ...seed, issues, codeRepo: { ...seed.codeRepo!, pullRequests: linked } },
    });
    cleanups.push(h.close);
    const kep = { number: 1287, title: 'x', owningSig: 'sig-node', path: 'keps/sig-node/1287-x' };
    const input = {
      keps: [kep],
      release: 'v1.35',
      enhancementsRepo: 'kubernetes/enhancements',
      codeRepo: 'kubernetes/kubernetes',
      preFreeze: false,
    };
    const { report, spend } = await drive(traceCustody(custodyDeps(h), input), h.clock);
    expect(report.keps[0]?.pulls.map((p) => [p.pull.number, p.via, p.standing])).toEqual(
      linked.map((p) => [p.number, ['body'], 'merge-ready']),
    );
    // the timeline, then 10 + 10 + 5 pull requests
    expect(spend.requests).toBe(1 + 3);
  });

  /** The whole-release report over a code repository holding these merged feature PRs. */
  async function preFreezeReport(count: number, updatedAt: (i: number) => string) {
    const seed = custodySeed();
    const many = Array.from({ length: count }, (_, i) => ({
      number: 150_000 + i,
      title: `Feature ${i}`,
      body: 'No KEP named here',
      state: 'MERGED' as const,
      mergedAt: updatedAt(i),
      labels: ['kind/feature'],
      milestone: 'v1.35',
      updatedAt: updatedAt(i),
    }));
    const h = await githubHarness({ seed: { ...seed, codeRepo: { ...seed.codeRepo!, pullRequests: many } } });
    cleanups.push(h.close);
    const input = {
      keps: [],
      release: 'v1.35',
      enhancementsRepo: 'kubernetes/enhancements',
      codeRepo: 'kubernetes/kubernetes',
      preFreeze: true,
    };
    const traced = await drive(traceCustody(custodyDeps(h), input), h.clock);
    return { ...traced, many };
  }

  it('reads a pre-freeze search of more than 1,000 hits whole (GitHub answers 1,000 at most per search)', async () => {
    const minute = (i: number) => new Date(Date.parse('2025-10-01T00:00:00Z') + i * 60_000).toISOString();
    const { report, spend, many } = await preFreezeReport(1_234, minute);
    expect(report.preFreeze?.read).toBe(1_234);
    expect(report.preFreeze?.unaccounted.map((p) => p.number)).toEqual(many.map((p) => p.number));
    expect(report.preFreeze?.incomplete).toBeNull();
    expect(custodyText(report)).not.toContain('Incomplete');
    // 10 pages of the first 1,000, then 3 pages going on from the 1,000th hit's update time
    expect(spend.requests).toBe(10 + 3);
  });

  it('says so when more than 1,000 hits share one update instant and the search cannot be read whole', async () => {
    const at = '2025-10-01T00:00:00Z';
    const { report } = await preFreezeReport(1_100, () => at);
    expect(report.preFreeze?.read).toBe(1_000);
    expect(report.preFreeze?.incomplete).toEqual({ matched: 1_100, at });
    const note = `the search matched 1100, 1000 could be read; more than 1,000 were updated at ${at}`;
    expect(custodyText(report)).toContain(`Incomplete: ${note}`);
    expect(custodyMarkdown(report)).toContain(`**Incomplete: ${note}`);
  });

  it('reports a KEP whose issue does not exist as not found, with nothing linked', async () => {
    const h = await synced();
    const kep = { number: 999_999, title: 'Ghost', owningSig: null, path: 'keps/sig-x/999999-ghost' };
    const input = {
      keps: [kep],
      release: 'v1.35',
      enhancementsRepo: 'kubernetes/enhancements',
      codeRepo: 'kubernetes/kubernetes',
      preFreeze: false,
    };
    const { report } = await drive(traceCustody(custodyDeps(h), input), h.clock);
    expect(report.keps[0]).toMatchObject({
      issue: { found: false },
      pulls: [],
      codeFreeze: { outcome: 'unverified' },
    });
    expect(report.preFreeze).toBeNull();
  });
});

describe('the stored chain of custody', () => {
  const hour = 3_600_000;

  /** The synced fixture release, its KEPs, and a report function over the harness's store. */
  async function stored() {
    // after the seed's last update (2025-10-20), so the first searches find no change
    const h = await githubHarness({ seed: custodySeed(), start: '2025-11-01T00:00:00.000Z' });
    cleanups.push(h.close);
    expect((await h.sync()).ok).toBe(true);
    const issues = new Map(
      h.store.githubSnapshots.listIssues('kubernetes/enhancements').map((i) => [i.number, i.milestone]),
    );
    const keps = custodyKeps(h.store.keps.list(), 'v1.35', issues, {});
    const input = {
      keps,
      release: 'v1.35',
      enhancementsRepo: 'kubernetes/enhancements',
      codeRepo: 'kubernetes/kubernetes',
      preFreeze: true,
    };
    const trace = async (extra: { full?: boolean } = {}) => {
      h.fake.resetStats();
      const traced = await drive(traceCustody(custodyDeps(h), { ...input, ...extra }), h.clock);
      return { ...traced, requests: h.fake.stats().requests };
    };
    return { h, keps, trace };
  }

  const pullsOf = (report: CustodyReport, kep: number) =>
    report.keps.find((k) => k.kep.number === kep)?.pulls.map((p) => [p.pull.number, p.via, p.standing]);

  it('reads nothing but two searches when nothing changed, and reports the same', async () => {
    const { h, keps, trace } = await stored();
    const first = await trace();
    expectReport(first.report);
    expect(first.reads).toEqual({ whole: keps.length, reread: 0, changedSince: null, featureSearch: true });
    h.clock.advance(hour);
    const again = await trace();
    expect(again.requests).toBe(2);
    expect(again.reads).toMatchObject({ whole: 0, reread: 0, featureSearch: false });
    expect(again.report).toEqual(first.report);
    h.clock.advance(hour);
    expect((await trace()).requests).toBe(2);
  });

  it('follows a merge, a new cross-reference, an edited issue body and a new feature PR with a few requests each', async () => {
    const { h, trace } = await stored();
    await trace();
    // each change is made, then an hour later the next report is asked for
    // the held PR of KEP 3673 (linked from the issue body) is merged: only its facts change
    h.fake.state.updatePull(130010, { state: 'MERGED', mergedAt: h.clock.now().toISOString() });
    h.clock.advance(hour);
    const merged = await trace();
    expect(merged.requests).toBe(2);
    expect(pullsOf(merged.report, 3673)).toEqual([[130010, ['body'], 'merged']]);
    expect(merged.report.keps.find((k) => k.kep.number === 3673)?.codeFreeze.outcome).toBe('met');

    // a new PR names KEP 4742: its issue's timeline is read again
    h.fake.state.addPull({
      number: 130050,
      title: 'More of it',
      body: 'Part of kubernetes/enhancements#4742',
      state: 'OPEN',
      mergedAt: null,
      labels: ['lgtm', 'approved'],
      milestone: 'v1.35',
    });
    h.clock.advance(hour);
    const crossReferenced = await trace();
    expect(crossReferenced.reads).toMatchObject({ whole: 0, reread: 1 });
    expect(crossReferenced.requests).toBe(3);
    expect(pullsOf(crossReferenced.report, 4742)).toEqual([
      [130020, ['timeline'], 'not-ready'],
      [130021, ['timeline'], 'closed'],
      [130050, ['timeline'], 'merge-ready'],
    ]);

    // KEP 3983's issue body now links a PR the store already holds: the issue is read, the PR is not
    const body = h.fake.state.issues.get(3983)?.body ?? '';
    h.fake.state.updateIssue(3983, { body: `${body}\n- kubernetes/kubernetes#130020` });
    h.clock.advance(hour);
    const edited = await trace();
    expect(edited.requests).toBe(3);
    expect(pullsOf(edited.report, 3983)).toEqual([
      [130020, ['body'], 'not-ready'],
      [130036, ['body'], 'merged'],
    ]);

    // a merged feature PR of the milestone that no KEP accounts for
    h.fake.state.addPull({
      number: 130060,
      title: 'Another shiny flag',
      body: '',
      state: 'MERGED',
      mergedAt: h.clock.now().toISOString(),
      labels: ['kind/feature'],
      milestone: 'v1.35',
    });
    h.clock.advance(hour);
    const feature = await trace();
    expect(feature.requests).toBe(2);
    expect(feature.report.preFreeze?.unaccounted.map((p) => p.number)).toEqual([130030, 130032, 130060]);

    // the stored report is what a whole read of GitHub says now
    const whole = await trace({ full: true });
    expect(whole.reads).toMatchObject({ reread: 0, featureSearch: true });
    expect(feature.report).toEqual(whole.report);
  });

  it('reads each KEP issue whole again after a day, and goes on after a failed run without losing what it read', async () => {
    const { h, keps, trace } = await stored();
    const first = await trace();
    h.clock.advance(25 * hour);
    const daily = await trace();
    expect(daily.reads).toMatchObject({ whole: keps.length, featureSearch: true });
    expect(daily.report).toEqual(first.report);

    h.clock.advance(hour);
    h.fake.state.updatePull(130020, { labels: ['lgtm', 'approved'] });
    // every attempt (the client's retries included) of the first KEP issue read fails
    h.fake.failNext('malformed', 4, 'KepIssuePulls');
    h.fake.state.updateIssue(4742, { title: 'Touched' });
    await expect(trace()).rejects.toThrow();
    const after = await trace();
    expect(after.reads).toMatchObject({ reread: 1 });
    expect(pullsOf(after.report, 4742)).toEqual([
      [130020, ['timeline'], 'merge-ready'],
      [130021, ['timeline'], 'closed'],
    ]);
    expect(after.report).toEqual((await trace({ full: true })).report);
  });
});

describe('the fake GitHub’s search', () => {
  it('splits qualifiers (quoted values too) from words', () => {
    expect(parseSearch('repo:kubernetes/kubernetes is:pr milestone:"v1.35" label:kind/feature Flag')).toEqual(
      {
        qualifiers: [
          ['repo', 'kubernetes/kubernetes'],
          ['is', 'pr'],
          ['milestone', 'v1.35'],
          ['label', 'kind/feature'],
        ],
        words: ['flag'],
      },
    );
  });

  it('finds issues and pull requests by repo, is, milestone, label and words; refuses what it cannot', async () => {
    const h = await githubHarness({ seed: custodySeed() });
    cleanups.push(h.close);
    const search = async (q: string) => {
      const response = await fetch(h.fake.url, {
        method: 'POST',
        headers: { authorization: `token ${h.fake.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          query:
            'query($q: String!) { search(type: ISSUE, query: $q, first: 100) { issueCount nodes { __typename ... on PullRequest { number } ... on Issue { number } } } }',
          variables: { q },
        }),
      });
      return (await response.json()) as {
        data: { search: { issueCount: number; nodes: { __typename: string; number: number }[] } } | null;
        errors?: { type?: string }[];
      };
    };
    const shiny = await search('repo:kubernetes/kubernetes is:pr is:merged label:kind/feature shiny');
    expect(shiny.data?.search.nodes).toEqual([{ __typename: 'PullRequest', number: 130030 }]);
    const open = await search('repo:kubernetes/kubernetes is:pr is:open milestone:v1.35 label:kind/feature');
    expect(open.data?.search.nodes.map((n) => n.number)).toEqual([130034]);
    const issues = await search('repo:kubernetes/enhancements is:issue milestone:v1.35 label:stage/alpha');
    expect(issues.data?.search.nodes.map((n) => n.__typename)).toEqual(['Issue', 'Issue']);
    expect((await search('repo:kubernetes/kubernetes author:someone')).errors?.[0]?.type).toBe(
      'INVALID_SEARCH',
    );
  });
});

describe('drumbeat custody', () => {
  async function cli() {
    const h = await githubHarness({ seed: custodySeed() });
    const temp = tempDir();
    cleanups.push(h.close, temp.cleanup);
    const db = join(temp.dir, 'drumbeat.db');
    const run = async (
      args: string[],
      env: Record<string, string> = { GITHUB_TOKEN: h.fake.token, GITHUB_API_URL: h.fake.url },
    ) => {
      const out: string[] = [];
      const err: string[] = [];
      const io: CliIo = {
        stdout: (t) => void out.push(t),
        stderr: (t) => void err.push(t),
        env,
        cwd: repoRoot,
        isTty: false,
      };
      const code = await runCli([...args, '--config', 'drumbeat.example.yaml', '--db', db], io);
      return { code, stdout: out.join(''), stderr: err.join('') };
    };
    expect((await run(['sync'])).code).toBe(0);
    return run;
  }

  it('--json prints the whole report, pull request descriptions left out', async () => {
    const run = await cli();
    const result = await run(['custody', '--json']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as CustodyReport & { spend: { requests: number } };
    expectReport(report);
    expect(result.stdout).not.toContain('"body":');
    expect(report.spend.requests).toBe(releaseKeps().length + 1 + 1);
  });

  it('--markdown prints tables to paste; --kep narrows to one KEP without the pre-freeze check', async () => {
    const run = await cli();
    const markdown = await run(['custody', '--markdown']);
    expect(markdown.code).toBe(0);
    expect(markdown.stdout).toContain('## Chain of custody: v1.35');
    expect(markdown.stdout).toContain(
      '| [#130010](https://github.com/kubernetes/kubernetes/pull/130010) Change 130010 | code | not ready (`do-not-merge/hold`) |  | ✓ | ✓ | do-not-merge/hold | body |',
    );
    expect(markdown.stdout).toContain(
      '| [#130030](https://github.com/kubernetes/kubernetes/pull/130030) | Add a shiny flag | 2025-10-20 |',
    );
    expect(markdown.stdout).not.toContain('#130031');
    const one = await run(['custody', '--kep', '1287']);
    expect(one.stdout).toMatch(/^Chain of custody for v1\.35: .*\(1 KEP\)/);
    expect(one.stdout).toContain('Code Freeze: ready');
    expect(one.stdout).toContain('Pre-freeze check: only for the whole release');
    expect(one.stdout).not.toContain('130030');
  });

  it('refuses conflicting flags and runs nothing without a token', async () => {
    const run = await cli();
    expect((await run(['custody', '--kep', '1', '--sig', 'sig-node'])).code).toBe(2);
    expect((await run(['custody', '--json', '--markdown'])).code).toBe(2);
    const noToken = await run(['custody'], {});
    expect(noToken.code).toBe(1);
    expect(noToken.stderr).toMatch(/GITHUB_TOKEN is not set/);
    const none = await run(['custody', '--sig', 'sig-nothing']);
    expect(none).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/no KEP of v1\.35 matches --sig sig-nothing/),
    });
  });

  it('track --prs judges Code Freeze and Test Freeze from the linked pull requests', async () => {
    const run = await cli();
    const result = await run(['track', '--milestone', 'code-freeze', '--prs', '--json']);
    expect(result.code).toBe(0);
    const rows = result.stdout
      .split('\n')
      .filter(Boolean)
      .map(
        (l) =>
          JSON.parse(l) as {
            kep: number;
            status: string;
            unmet: { requirement: string }[];
            met: { requirement: string }[];
          },
      );
    const row = (n: number) => rows.find((r) => r.kep === n);
    expect(row(1287)?.met.map((r) => r.requirement)).toEqual(['code-merge-ready', 'tests-ready']);
    expect(row(3673)).toMatchObject({
      status: 'At Risk For Code Freeze',
      unmet: [{ requirement: 'code-merge-ready' }],
    });
    expect(row(5381)).toMatchObject({ status: 'Tracked For Code Freeze', unmet: [], met: [] });
    // without --prs: the reading --prs kept in the database, while it is less than a day old
    const without = await run(['track', '--milestone', 'code-freeze', '--json']);
    expect(without.stdout).not.toContain('pull requests not read');
    expect(without.stdout).toContain('not merge-ready: #130010');
    const stale = await run([
      'track',
      '--milestone',
      'code-freeze',
      '--json',
      '--at',
      '2099-01-01T00:00:00Z',
    ]);
    expect(stale.stdout).toContain('pull requests not read');
  });
});
