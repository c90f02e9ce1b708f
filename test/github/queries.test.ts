import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { queryNames, readFragments, readQueryFiles } from '../../src/github/queries.ts';
import { githubSchema, validateGithubQuery } from '../../src/sandbox/github/github-schema.ts';
import { queryCost } from '../../src/sandbox/github/query-cost.ts';

const files = readQueryFiles();

describe('the .graphql files', () => {
  it('are exactly the queries the client knows', () => {
    expect([...files.keys()].sort()).toEqual([...queryNames].sort());
  });

  it.each([...files.entries()])(
    '%s validates against GitHub’s published schema with the 100-node rule',
    (_name, text) => {
      expect(validateGithubQuery(parse(text)).map((e) => e.message)).toEqual([]);
    },
  );

  it.each([...files.entries()].filter(([, text]) => text.includes('query ')))(
    '%s asks for the rate limit through the one shared fragment',
    (_name, text) => {
      expect(text).toMatch(/\.\.\.RateLimit\b/);
      expect(text.match(/rateLimit\s*\{/g)).toHaveLength(1);
    },
  );

  it('define the rateLimit selection once, in fragments/rate-limit.graphql', () => {
    const fragment = readFragments().get('RateLimit');
    expect(fragment).toMatch(/rateLimit\s*\{\s*cost\s+remaining\s+resetAt\s+limit\s*\}/);
    for (const text of files.values()) expect(text.split(fragment ?? '?').length).toBeLessThanOrEqual(2);
  });
});

describe('validation as GitHub does it', () => {
  const cases: [string, string, RegExp][] = [
    [
      'a connection without first or last',
      '{ repository(owner: "a", name: "b") { issues { nodes { number } } } }',
      /must provide a `first` or `last`/,
    ],
    [
      'first above 100',
      '{ repository(owner: "a", name: "b") { issues(first: 101) { nodes { number } } } }',
      /exceeds the `first` limit of 100/,
    ],
    [
      'last of 0',
      '{ repository(owner: "a", name: "b") { issues(last: 0) { nodes { number } } } }',
      /exceeds the `last` limit of 100/,
    ],
    [
      'a field GitHub does not have',
      '{ repository(owner: "a", name: "b") { kepYaml } }',
      /Cannot query field "kepYaml"/,
    ],
    [
      'a wrong argument type',
      '{ repository(owner: "a", name: 3) { id } }',
      /String cannot represent a non string value/,
    ],
  ];
  it.each(cases)('rejects %s', (_name, query, message) => {
    const messages = validateGithubQuery(parse(query)).map((e) => e.message);
    expect(messages.join('\n')).toMatch(message);
  });
});

describe('query cost (GitHub’s formula)', () => {
  const cases: [string, Record<string, unknown>, { cost: number; nodeCount: number }][] = [
    // 1 request for the issues + 100 for their labels = 101 → 1 point; 100 + 100 × 50 nodes
    ['milestone-issues', {}, { cost: 1, nodeCount: 5100 }],
    ['labeled-issues', {}, { cost: 1, nodeCount: 5100 }],
    // 100 items + 100 × 20 field values
    ['board-items', {}, { cost: 1, nodeCount: 5150 }],
    ['keps-tree', {}, { cost: 1, nodeCount: 0 }],
    ['sync-probe', {}, { cost: 1, nodeCount: 0 }],
    // 100 cross-reference events + 100 × 50 labels of their pull requests
    ['kep-issue-pulls', {}, { cost: 1, nodeCount: 5100 }],
    ['pull-request', {}, { cost: 1, nodeCount: 50 }],
    // 100 search hits + 100 × 50 labels
    ['pull-search', {}, { cost: 1, nodeCount: 5100 }],
  ];
  it.each(cases)('%s', (name, variables, expected) => {
    const cost = queryCost(githubSchema(), parse(files.get(name)!), variables);
    expect({ cost: cost.cost, nodeCount: cost.nodeCount }).toEqual(expected);
  });

  it('charges nested connections by the requests they need', () => {
    const query =
      '{ repository(owner: "a", name: "b") { issues(first: 100) { nodes { comments(first: 100) { nodes { id } } labels(first: 100) { nodes { id } } } } } }';
    // 1 + 100 + 100 requests → 2 points; 100 + 10,000 + 10,000 nodes
    expect(queryCost(githubSchema(), parse(query), {})).toMatchObject({ cost: 2, nodeCount: 20_100 });
  });

  it('reports page sizes given in variables that exceed 100', () => {
    const query =
      'query($n: Int) { repository(owner: "a", name: "b") { issues(first: $n) { nodes { id } } } }';
    expect(queryCost(githubSchema(), parse(query), { n: 250 }).problems[0]).toMatch(/250 records/);
  });
});
