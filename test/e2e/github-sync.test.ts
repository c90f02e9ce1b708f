import { afterEach, describe, expect, it } from 'vitest';
import { custodyReposCursor } from '../../src/app/stored-custody.ts';
import { type FakeGithub, startFakeGithub } from '../../src/sandbox/github/fake-github-server.ts';
import { FakeGithubState } from '../../src/sandbox/github/fake-github-state.ts';
import { fixtureGithubSeed } from '../../src/sandbox/github/fixture-github.ts';
import { type SandboxBot, startSandboxBot } from '../../src/sandbox/start-sandbox-bot.ts';
import { FakeClock } from '../fakes/fake-clock.ts';
import { pumpUntil } from './harness.ts';

describe('the bot syncs GitHub on its own cadence when GITHUB_TOKEN is set', () => {
  let sandbox: SandboxBot | null = null;
  let fake: FakeGithub | null = null;
  afterEach(async () => {
    await sandbox?.close();
    await fake?.close();
    sandbox = null;
    fake = null;
  });

  it('syncs at start, then again 30 minutes after the last run, and not before', async () => {
    const clock = new FakeClock('2025-10-07T15:00:00Z');
    fake = await startFakeGithub({ state: new FakeGithubState(fixtureGithubSeed(), clock), clock });
    sandbox = await startSandboxBot({
      mode: 'http',
      clock: { now: () => clock.now() },
      sleep: clock.sleep,
      env: { GITHUB_TOKEN: fake.token, GITHUB_API_URL: fake.url },
    });
    const { store } = sandbox.bot;
    const first = await pumpUntil(clock, () => store.githubSync.lastRun('ok'), 'the first sync', {
      stepMs: 1000,
    });
    // then the chain of custody of the release's KEPs, read whole the first time
    await pumpUntil(clock, () => store.githubSync.getCursor(custodyReposCursor), 'the first custody read', {
      stepMs: 1000,
    });
    const releaseKeps = store.keps.list().filter((k) => k.latestMilestone === 'v1.35');
    expect(releaseKeps.length).toBeGreaterThan(0);
    const read = store.custody.issues(
      'kubernetes/enhancements',
      releaseKeps.map((k) => k.number),
    );
    expect([...read.keys()].sort()).toEqual(releaseKeps.map((k) => k.number).sort());
    const custodyRequests = fake.requests.filter((r) => r.operationName === 'KepIssuePulls').length;
    expect(custodyRequests).toBe(releaseKeps.length);
    const requestsAfterFirst = fake.requests.length;
    expect(requestsAfterFirst).toBeGreaterThan(0);

    clock.advance(20 * 60_000);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(store.githubSync.lastRun('ok')?.id).toBe(first.id);

    const second = await pumpUntil(
      clock,
      () => {
        const run = store.githubSync.lastRun('ok');
        return run && run.id !== first.id ? run : null;
      },
      'the second sync',
      { stepMs: 60_000, maxFakeMs: 20 * 60_000 },
    );
    expect(Date.parse(second.startedAt) - Date.parse(first.startedAt)).toBeGreaterThanOrEqual(30 * 60_000);
    // nothing changed: the sync's few requests and the custody's two change searches
    await pumpUntil(
      clock,
      () => (fake!.requests.at(-1)?.operationName === 'IssueSearch' ? true : null),
      'the second custody read',
      { stepMs: 1000 },
    );
    const secondReads = fake.requests.slice(requestsAfterFirst).map((r) => r.operationName);
    expect(secondReads.filter((n) => n === 'PullSearch' || n === 'IssueSearch')).toEqual([
      'PullSearch',
      'IssueSearch',
    ]);
    expect(secondReads.length).toBeLessThanOrEqual(5);
  });
});
