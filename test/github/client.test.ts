import { afterEach, describe, expect, it } from 'vitest';
import packageJson from '../../package.json' with { type: 'json' };
import { graphqlBaseUrl } from '../../src/github/api-url.ts';
import { createGithubClient, type GithubClientOptions } from '../../src/github/client.ts';
import { GithubError } from '../../src/github/github-error.ts';
import { type FakeGithub, startFakeGithub } from '../../src/sandbox/github/fake-github-server.ts';
import { FakeGithubState } from '../../src/sandbox/github/fake-github-state.ts';
import { FakeClock } from '../fakes/fake-clock.ts';
import { drive, silentLogger } from './github-harness.ts';

const repo = { owner: 'kubernetes', name: 'enhancements' };
let fake: FakeGithub;
let clock: FakeClock;

afterEach(async () => fake?.close());

async function setup(client: Partial<GithubClientOptions> = {}) {
  clock = new FakeClock('2026-06-01T12:00:00.000Z');
  const state = new FakeGithubState({ ...repo, milestones: ['v1.37'] }, clock);
  fake = await startFakeGithub({ state, clock, retryAfterSeconds: 60 });
  return createGithubClient({
    token: fake.token,
    apiUrl: fake.url,
    clock,
    sleep: clock.sleep,
    logger: silentLogger,
    ...client,
  });
}

const milestones = { ...repo, title: 'v1.37' };

function nodeMajor(version: string): number {
  return Number(version.split('.')[0]);
}

/** The lowest Node major `engines.node` (`>=20`) admits. */
function enginesMinimum(): number {
  const engines = (packageJson as { engines: { node: string } }).engines.node;
  const minimum = /^>=\s*(\d+)/.exec(engines)?.[1];
  if (!minimum) throw new Error(`package.json engines.node "${engines}" is not of the form >=N`);
  return Number(minimum);
}

describe('graphqlBaseUrl', () => {
  it.each([
    ['https://api.github.com/graphql', 'https://api.github.com'],
    ['https://api.github.com/', 'https://api.github.com'],
    ['https://ghe.example.com/api/graphql', 'https://ghe.example.com/api'],
    ['https://ghe.example.com/api/v3', 'https://ghe.example.com/api'],
    ['ftp://example.com/graphql', null],
    ['not a url', null],
  ])('%s → %s', (url, base) => {
    expect(graphqlBaseUrl(url)).toBe(base);
  });

  it('refuses a client with an unusable URL, saying what to set', () => {
    const make = () =>
      createGithubClient({ token: 't', apiUrl: 'nope', clock: new FakeClock(), sleep: async () => {} });
    expect(make).toThrow(/GITHUB_API_URL "nope" is not an http\(s\) URL/);
  });
});

describe('the GitHub client (@octokit/graphql on this Node)', () => {
  it('runs a query against the fake and counts requests and points from rateLimit', async () => {
    const client = await setup();
    const data = await client.run('milestones', milestones);
    expect(data.repository?.milestones.nodes).toEqual([{ number: 1, title: 'v1.37' }]);
    expect(client.usage()).toMatchObject({
      requests: 1,
      points: 1,
      retries: 0,
      rateLimit: { remaining: 4999, limit: 5000 },
    });
    expect(nodeMajor(process.versions.node)).toBeGreaterThanOrEqual(enginesMinimum());
  });

  it('accepts the GitHub Enterprise form of the URL (/api/graphql)', async () => {
    await setup();
    const client = createGithubClient({
      token: fake.token,
      apiUrl: fake.url.replace('/graphql', '/api/graphql'),
      clock,
      sleep: clock.sleep,
    });
    await expect(client.run('milestones', milestones)).resolves.toBeTruthy();
  });

  it('retries a 502 with backoff and then succeeds', async () => {
    const client = await setup();
    fake.failNext('502', 2);
    await drive(client.run('milestones', milestones), clock);
    expect(client.usage()).toMatchObject({ requests: 3, retries: 2, waitedMs: 1000 + 2000 });
  });

  it('gives up after its retries with an error that says the next sync resumes', async () => {
    const client = await setup({ retries: 2 });
    fake.failNext('502', 5);
    const error = await drive(client.run('milestones', milestones), clock).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GithubError);
    expect(error).toMatchObject({ kind: 'server', message: expect.stringMatching(/next sync resumes/) });
    expect(fake.requests).toHaveLength(3);
  });

  it('honours a secondary rate limit’s retry-after', async () => {
    const client = await setup();
    fake.failNext('secondary');
    const started = clock.now().getTime();
    await drive(client.run('milestones', milestones), clock);
    expect(clock.now().getTime() - started).toBe(60_000);
    expect(fake.requests.map((r) => r.status)).toEqual([403, 200]);
  });

  it('waits for the reset when GitHub answers RATE_LIMITED, then goes on', async () => {
    const client = await setup();
    fake.setRemaining(0, 5 * 60_000);
    await drive(client.run('milestones', milestones), clock);
    expect(fake.requests.map((r) => r.status)).toEqual([200, 200]);
    expect(client.usage().waitedMs).toBeGreaterThanOrEqual(5 * 60_000);
    expect(clock.now().toISOString()).toBe('2026-06-01T12:05:00.000Z');
  });

  it('stops with a rate-limited error (and when to retry) instead of waiting longer than allowed', async () => {
    const client = await setup({ maxWaitMs: 60_000 });
    fake.failNext('rate-limited');
    const error = await drive(client.run('milestones', milestones), clock).catch((e: unknown) => e);
    expect(error).toMatchObject({
      kind: 'rate-limited',
      retryAt: expect.stringMatching(/^2026-06-01T13:00/),
    });
    expect(clock.now().toISOString()).toBe('2026-06-01T12:00:00.000Z');
  });

  it('retries a malformed answer, then reports it if it persists', async () => {
    const client = await setup({ retries: 1 });
    fake.failNext('malformed');
    await expect(drive(client.run('milestones', milestones), clock)).resolves.toBeTruthy();
    fake.failNext('malformed', 2);
    const error = await drive(client.run('milestones', milestones), clock).catch((e: unknown) => e);
    expect(error).toMatchObject({
      kind: 'malformed',
      message: expect.stringMatching(/did not have the expected shape/),
    });
  });

  it('pauses before the budget runs out: the next request waits for the reset', async () => {
    const client = await setup();
    fake.setRemaining(51, 10 * 60_000);
    await drive(client.run('milestones', milestones), clock);
    expect(clock.now().toISOString()).toBe('2026-06-01T12:00:00.000Z');
    await drive(client.run('milestones', milestones), clock);
    expect(clock.now().toISOString()).toBe('2026-06-01T12:10:00.000Z');
    expect(fake.requests.map((r) => r.status)).toEqual([200, 200]);
  });

  it('slows down when the budget is low', async () => {
    const client = await setup();
    fake.setRemaining(151, 10 * 60_000);
    await drive(client.run('milestones', milestones), clock);
    await drive(client.run('milestones', milestones), clock);
    // 150 left, 100 spendable above the reserve of 50: one request per 6 s until the reset
    expect(clock.now().getTime() - Date.parse('2026-06-01T12:00:00Z')).toBe(6000);
  });

  it('reports a refused token without retrying', async () => {
    await setup();
    const client = createGithubClient({ token: 'wrong', apiUrl: fake.url, clock, sleep: clock.sleep });
    await expect(client.run('milestones', milestones)).rejects.toMatchObject({
      kind: 'auth',
      message: expect.stringMatching(/GITHUB_TOKEN/),
    });
    expect(fake.requests).toHaveLength(0);
  });

  it('reports a query GitHub refuses (NOT_FOUND) without retrying', async () => {
    const client = await setup();
    await expect(
      client.run('milestones', { owner: 'nobody', name: 'nothing', title: 'v1' }),
    ).rejects.toMatchObject({ kind: 'not-found' });
    expect(fake.requests).toHaveLength(1);
  });

  it('serializes requests: never two in flight', async () => {
    let inFlight = 0;
    let most = 0;
    const counting: typeof fetch = async (input, init) => {
      inFlight++;
      most = Math.max(most, inFlight);
      try {
        return await fetch(input, init);
      } finally {
        inFlight--;
      }
    };
    const client = await setup({ fetch: counting });
    await Promise.all([1, 2, 3, 4].map(() => client.run('milestones', milestones)));
    expect(most).toBe(1);
    expect(client.usage().requests).toBe(4);
  });
});
