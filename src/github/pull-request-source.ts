import type { PullRequestFacts } from '../domain/custody.ts';
import type { PullRequestSource } from '../ports/github.ts';
import type { GithubClient } from './client.ts';
import { GithubError } from './github-error.ts';
import { type MaybePullNode, type PullRequestNode, pullsPerRequest } from './queries.ts';

function toPull(node: PullRequestNode): PullRequestFacts {
  return {
    repo: node.repository.nameWithOwner,
    number: node.number,
    title: node.title,
    url: node.url,
    state: node.state,
    mergedAt: node.mergedAt,
    labels: (node.labels?.nodes ?? []).flatMap((l) => (l ? [l.name] : [])).sort(),
    milestone: node.milestone?.title ?? null,
    body: node.body,
  };
}

/** The pull requests among search hits or cross-reference sources (issues are left out). */
function pullsOf(nodes: readonly (MaybePullNode | null | undefined)[]): PullRequestFacts[] {
  return nodes.flatMap((n) => (n && n.__typename === 'PullRequest' && 'number' in n ? [toPull(n)] : []));
}

/** Null when GitHub says the object does not exist; any other failure is thrown. */
async function unlessMissing<T>(read: () => Promise<T>): Promise<T | null> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof GithubError && error.kind === 'not-found') return null;
    throw error;
  }
}

/** The chain of custody's reads over the GraphQL client. */
export function createPullRequestSource(client: GithubClient): PullRequestSource {
  return {
    async kepIssuePulls(repo, issueNumber, after) {
      const data = await unlessMissing(() =>
        client.run('kep-issue-pulls', { ...repo, number: issueNumber, after }),
      );
      const issue = data?.repository?.issue;
      if (!issue) return { found: false, body: '', items: [], hasNextPage: false, endCursor: null };
      const { hasNextPage, endCursor } = issue.timelineItems.pageInfo;
      const sources = issue.timelineItems.nodes.map((n) => n?.source);
      return { found: true, body: issue.body, items: pullsOf(sources), hasNextPage, endCursor };
    },
    async pullRequests(repo, numbers) {
      const found = new Map<number, PullRequestFacts>();
      const unique = [...new Set(numbers)];
      for (let at = 0; at < unique.length; at += pullsPerRequest) {
        const chunk = unique.slice(at, at + pullsPerRequest);
        const slots = Object.fromEntries(
          Array.from({ length: pullsPerRequest }, (_, i) => [`n${i}`, chunk[i] ?? chunk[0]!]),
        );
        const data = await unlessMissing(() => client.run('pulls-by-number', { ...repo, ...slots }));
        if (data) {
          const answered = (data.repository ?? {}) as Record<string, PullRequestNode | null | undefined>;
          for (const node of Object.values(answered)) if (node) found.set(node.number, toPull(node));
          continue;
        }
        // one of them does not exist (GitHub then answers NOT_FOUND): read them one by one
        for (const number of chunk) {
          const single = await unlessMissing(() => client.run('pull-request', { ...repo, number }));
          const node = single?.repository?.pullRequest;
          if (node) found.set(number, toPull(node));
        }
      }
      return found;
    },
    async searchPulls(query, after) {
      const data = await client.run('pull-search', { searchQuery: query, after });
      const { hasNextPage, endCursor } = data.search.pageInfo;
      const lastUpdatedAt = data.search.nodes.findLast((n) => n?.updatedAt)?.updatedAt ?? null;
      const searchTotal = data.search.issueCount;
      return { items: pullsOf(data.search.nodes), hasNextPage, endCursor, searchTotal, lastUpdatedAt };
    },
    async searchIssues(query, after) {
      const data = await client.run('issue-search', { searchQuery: query, after });
      const { hasNextPage, endCursor } = data.search.pageInfo;
      const items = data.search.nodes.flatMap((n) =>
        n && n.__typename === 'Issue' && 'number' in n
          ? [{ repo: n.repository.nameWithOwner, number: n.number, updatedAt: n.updatedAt }]
          : [],
      );
      const lastUpdatedAt = items.at(-1)?.updatedAt ?? null;
      return { items, hasNextPage, endCursor, searchTotal: data.search.issueCount, lastUpdatedAt };
    },
    spend() {
      const usage = client.usage();
      return {
        requests: usage.requests,
        points: usage.points,
        retries: usage.retries,
        remaining: usage.rateLimit?.remaining ?? null,
        resetAt: usage.rateLimit?.resetAt ?? null,
      };
    },
  };
}
