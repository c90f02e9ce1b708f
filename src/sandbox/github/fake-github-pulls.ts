import { searchResultCap } from '../../domain/search-cap.ts';
import { connection, FakeGithubError, type PageArgs } from './fake-github-connection.ts';
import { type FakeGithubState, type FakeIssue, type FakePullRequest, nodeId } from './fake-github-state.ts';

export type { FakeCodeRepo, FakePullRequest } from './fake-github-state.ts';

/**
 * The code repository of the fake GitHub (`kubernetes/kubernetes`): pull requests, the issue
 * timeline's cross-reference events they cause, `repository.pullRequest(number:)` and `search`.
 * A pull request cross-references an issue of the main repository when its title or description
 * links it (`https://github.com/o/n/issues/N` or `o/n#N`), as GitHub records it.
 */

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** True when the pull request's title or description links issue `number` of `repo`. */
export function pullMentions(pull: FakePullRequest, repo: string, number: number): boolean {
  const name = escapeRegExp(repo);
  const pattern = new RegExp(`(?:github\\.com/${name}/issues/|(?<![\\w/.-])${name}#)${number}(?!\\d)`, 'i');
  return pattern.test(`${pull.title}\n${pull.body}`);
}

/** A search query split into qualifiers and free words (`milestone:"v1.35"` quotes allowed). */
export function parseSearch(query: string): { qualifiers: [string, string][]; words: string[] } {
  const tokens = [...query.matchAll(/(\S+?:"[^"]*"|\S+)/g)].map((m) => m[1]!);
  const qualifiers: [string, string][] = [];
  const words: string[] = [];
  for (const token of tokens) {
    const at = token.indexOf(':');
    if (at > 0)
      qualifiers.push([token.slice(0, at).toLowerCase(), token.slice(at + 1).replace(/^"|"$/g, '')]);
    else words.push(token.toLowerCase());
  }
  return { qualifiers, words };
}

/** What a search can match: a pull request of the code repository or an issue of the main one. */
interface Candidate {
  repo: string;
  kind: 'pr' | 'issue';
  state: 'OPEN' | 'CLOSED' | 'MERGED';
  milestone: string | null;
  labels: readonly string[];
  text: string;
  updatedAt: string;
  node: () => object;
}

/** `updated:>=ISO` (and `>`, `<=`, `<`, or a bare date for that day on). */
function matchesUpdated(updatedAt: string, value: string): boolean {
  const [, op = '>=', at = ''] = /^(>=|<=|>|<)?(.+)$/.exec(value) ?? [];
  const t = Date.parse(updatedAt);
  const bound = Date.parse(at);
  if (Number.isNaN(bound)) throw new FakeGithubError('INVALID_SEARCH', `updated:${value} is not a date`);
  if (op === '>=') return t >= bound;
  if (op === '>') return t > bound;
  return op === '<=' ? t <= bound : t < bound;
}

function matchesQualifier(c: Candidate, key: string, value: string): boolean {
  const v = value.toLowerCase();
  if (key.startsWith('-')) return !matchesQualifier(c, key.slice(1), value);
  if (key === 'sort') return true;
  if (key === 'updated') return matchesUpdated(c.updatedAt, value);
  if (key === 'repo') return c.repo.toLowerCase() === v;
  if (key === 'milestone') return c.milestone === value;
  if (key === 'label') return c.labels.includes(value);
  if (key === 'is' && (v === 'pr' || v === 'issue')) return c.kind === v;
  if (key === 'is' && v === 'merged') return c.state === 'MERGED';
  if (key === 'is' && v === 'open') return c.state === 'OPEN';
  if (key === 'is' && v === 'closed') return c.state !== 'OPEN';
  throw new FakeGithubError('INVALID_SEARCH', `the fake GitHub does not search by ${key}:${value}`);
}

export function buildPullResolvers(state: FakeGithubState, issueObject: (issue: FakeIssue) => object) {
  const code = state.code;
  const codeName = code ? `${code.owner}/${code.name}` : '';
  const labelObject = (name: string) => ({ __typename: 'Label', id: nodeId('Label', name), name });
  const repositoryObject = () => ({
    __typename: 'Repository',
    id: nodeId('Repository', codeName),
    name: code?.name ?? '',
    nameWithOwner: codeName,
    pullRequest: ({ number }: { number: number }) => {
      const pull = code?.pullRequests.find((p) => p.number === number);
      if (!pull)
        throw new FakeGithubError(
          'NOT_FOUND',
          `Could not resolve to a PullRequest with the number of ${number}.`,
        );
      return pullObject(pull);
    },
  });
  const pullObject = (pull: FakePullRequest): object => ({
    __typename: 'PullRequest',
    id: nodeId('PullRequest', `${codeName}#${pull.number}`),
    number: pull.number,
    title: pull.title,
    body: pull.body,
    url: `https://github.com/${codeName}/pull/${pull.number}`,
    state: pull.state,
    merged: pull.state === 'MERGED',
    mergedAt: pull.mergedAt,
    updatedAt: pull.updatedAt,
    milestone: pull.milestone ? { __typename: 'Milestone', title: pull.milestone, number: 1 } : null,
    labels: (args: PageArgs) => connection(pull.labels, args, labelObject),
    repository: repositoryObject,
  });
  const crossReference = (pull: FakePullRequest, issue: FakeIssue) => ({
    __typename: 'CrossReferencedEvent',
    id: nodeId('CrossReferencedEvent', `${pull.number}:${issue.number}`),
    isCrossRepository: true,
    willCloseTarget: false,
    referencedAt: pull.updatedAt,
    createdAt: pull.updatedAt,
    source: pullObject(pull),
  });
  const timelineItems = (issue: FakeIssue) => (args: PageArgs & { itemTypes?: string[] | null }) => {
    const wanted = !args.itemTypes || args.itemTypes.includes('CROSS_REFERENCED_EVENT');
    const pulls = wanted
      ? (code?.pullRequests ?? []).filter((p) => pullMentions(p, state.nameWithOwner, issue.number))
      : [];
    const all = [...pulls].sort((a, b) => a.number - b.number).map((p) => crossReference(p, issue));
    return { ...connection(all, args), filteredCount: all.length, pageCount: all.length };
  };
  const candidates = (): Candidate[] => [
    ...(code?.pullRequests ?? []).map((p) => ({
      repo: codeName,
      kind: 'pr' as const,
      state: p.state,
      milestone: p.milestone,
      labels: p.labels,
      text: `${p.title}\n${p.body}`.toLowerCase(),
      updatedAt: p.updatedAt,
      node: () => pullObject(p),
    })),
    ...[...state.issues.values()].map((i) => ({
      repo: state.nameWithOwner,
      kind: 'issue' as const,
      state: i.state,
      milestone: i.milestone,
      labels: i.labels,
      text: `${i.title}\n${i.body ?? ''}`.toLowerCase(),
      updatedAt: i.updatedAt,
      node: () => issueObject(i),
    })),
  ];
  const search = (args: PageArgs & { query: string; type: string }) => {
    if (args.type !== 'ISSUE') return { ...connection([], args), issueCount: 0 };
    const { qualifiers, words } = parseSearch(args.query);
    const found = candidates().filter(
      (c) =>
        qualifiers.every(([key, value]) => matchesQualifier(c, key, value)) &&
        words.every((w) => c.text.includes(w)),
    );
    const sort = qualifiers.find(([key]) => key === 'sort')?.[1];
    if (sort === 'updated-asc') found.sort((a, b) => a.updatedAt.localeCompare(b.updatedAt));
    else if (sort !== undefined)
      throw new FakeGithubError('INVALID_SEARCH', `the fake GitHub does not sort by ${sort}`);
    // Like GitHub: every match is counted, only the first 1,000 can be paged through.
    return {
      ...connection(found.slice(0, searchResultCap), args, (c) => c.node()),
      issueCount: found.length,
    };
  };
  return { codeName, repositoryObject, timelineItems, search };
}
