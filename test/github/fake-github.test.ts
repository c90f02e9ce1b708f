import { afterEach, describe, expect, it } from 'vitest';
import { type FakeGithub, startFakeGithub } from '../../src/sandbox/github/fake-github-server.ts';
import { FakeGithubState } from '../../src/sandbox/github/fake-github-state.ts';
import { fixtureGithubSeed } from '../../src/sandbox/github/fixture-github.ts';
import { FakeClock } from '../fakes/fake-clock.ts';

let fake: FakeGithub;
afterEach(async () => fake?.close());

async function start() {
  const clock = new FakeClock('2025-10-01T12:00:00.000Z');
  fake = await startFakeGithub({ state: new FakeGithubState(fixtureGithubSeed(), clock), clock });
  return clock;
}

async function post(query: string, variables: object = {}, token = fake.token) {
  const response = await fetch(fake.url, {
    method: 'POST',
    headers: { authorization: `token ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    text,
    body: (() => {
      try {
        // biome-ignore lint/suspicious/noExplicitAny: GraphQL answers of any shape, read by path in assertions
        return JSON.parse(text) as { data?: any; errors?: Record<string, any>[] };
      } catch {
        return null;
      }
    })(),
  };
}

describe('the fake GitHub', () => {
  it('rejects what GitHub would reject: unknown fields, missing or oversized page sizes, bad credentials', async () => {
    await start();
    const unknown = await post('{ repository(owner: "kubernetes", name: "enhancements") { keps } }');
    expect(unknown.body?.errors?.[0]?.message).toMatch(/Cannot query field "keps" on type "Repository"/);
    const noFirst = await post(
      '{ repository(owner: "kubernetes", name: "enhancements") { issues { totalCount } } }',
    );
    expect(noFirst.body?.errors?.[0]?.message).toMatch(/You must provide a `first` or `last` value/);
    const viaVariable = await post(
      'query($n: Int) { repository(owner: "kubernetes", name: "enhancements") { issues(first: $n) { totalCount } } }',
      { n: 500 },
    );
    expect(viaVariable.body?.errors?.[0]).toMatchObject({ type: 'EXCESSIVE_PAGINATION' });
    const denied = await post('{ viewer { login } }', {}, 'wrong');
    expect(denied.status).toBe(401);
  });

  it('paginates connections with cursors, ordered by update time, filtered by since', async () => {
    await start();
    const query = `query($after: String, $since: DateTime) { repository(owner: "kubernetes", name: "enhancements") {
      issues(first: 2, after: $after, filterBy: { since: $since, labels: ["lead-opted-in"] }, orderBy: { field: UPDATED_AT, direction: ASC }) {
        totalCount pageInfo { hasNextPage endCursor } nodes { number updatedAt } } } }`;
    const first = await post(query);
    const page1 = first.body?.data.repository.issues;
    expect(page1.nodes).toHaveLength(2);
    expect(page1.pageInfo.hasNextPage).toBe(true);
    const second = await post(query, { after: page1.pageInfo.endCursor });
    const page2 = second.body?.data.repository.issues;
    expect(page2.nodes[0].updatedAt > page1.nodes[1].updatedAt).toBe(true);
    const since = await post(query, { since: page1.nodes[1].updatedAt });
    expect(since.body?.data.repository.issues.totalCount).toBe(page1.totalCount - 1);
  });

  it('reports rateLimit with the cost of the query and spends it', async () => {
    await start();
    const result = await post(
      '{ rateLimit { cost remaining limit resetAt } repository(owner: "kubernetes", name: "enhancements") { issues(first: 100) { nodes { labels(first: 100) { nodes { name } } } } } }',
    );
    expect(result.body?.data.rateLimit).toEqual({
      cost: 1,
      remaining: 4999,
      limit: 5000,
      resetAt: '2025-10-01T13:00:00Z',
    });
    expect(result.headers.get('x-ratelimit-remaining')).toBe('4999');
    expect(fake.stats()).toEqual({ requests: 1, points: 1 });
  });

  it('answers NOT_FOUND with GitHub’s error type', async () => {
    await start();
    const result = await post(
      '{ repository(owner: "kubernetes", name: "enhancements") { issue(number: 1) { id } } }',
    );
    expect(result.body?.errors?.[0]).toMatchObject({ type: 'NOT_FOUND', path: ['repository', 'issue'] });
  });

  it.each([
    ['502', 502, (r: Awaited<ReturnType<typeof post>>) => expect(r.text).toMatch(/Bad Gateway/)],
    [
      'secondary',
      403,
      (r: Awaited<ReturnType<typeof post>>) => expect(r.headers.get('retry-after')).toBe('60'),
    ],
    [
      'rate-limited',
      200,
      (r: Awaited<ReturnType<typeof post>>) => {
        expect(r.body?.errors?.[0]?.type).toBe('RATE_LIMITED');
        expect(r.headers.get('x-ratelimit-remaining')).toBe('0');
      },
    ],
    ['malformed', 200, (r: Awaited<ReturnType<typeof post>>) => expect(r.body).toBeNull()],
  ] as const)('fails on request: %s', async (failure, status, check) => {
    await start();
    fake.failNext(failure);
    const result = await post('{ rateLimit { cost } }');
    expect(result.status).toBe(status);
    check(result);
    expect((await post('{ rateLimit { cost } }')).body?.errors?.[0]?.type).toBe(
      failure === 'rate-limited' ? 'RATE_LIMITED' : undefined,
    );
  });

  it('keeps a file’s git oid until its text changes, and changes the trees above it', async () => {
    await start();
    const tree =
      '{ repository(owner: "kubernetes", name: "enhancements") { keps: object(expression: "HEAD:keps") { oid } node: object(expression: "HEAD:keps/sig-node") { oid } auth: object(expression: "HEAD:keps/sig-auth") { oid } } }';
    const before = (await post(tree)).body?.data.repository;
    expect((await post(tree)).body?.data.repository).toEqual(before);
    const path = [...fake.state.files.keys()].find(
      (p) => p.startsWith('keps/sig-node/') && p.endsWith('kep.yaml'),
    )!;
    fake.state.writeFile(path, `${fake.state.files.get(path)}\n# edited\n`);
    const after = (await post(tree)).body?.data.repository;
    expect(after.keps.oid).not.toBe(before.keps.oid);
    expect(after.node.oid).not.toBe(before.node.oid);
    expect(after.auth.oid).toBe(before.auth.oid);
  });
});
