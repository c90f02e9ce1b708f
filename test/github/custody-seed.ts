import type { FakePullRequest } from '../../src/sandbox/github/fake-github-pulls.ts';
import type { FakeGithubSeed } from '../../src/sandbox/github/fake-github-state.ts';
import { cachedFixtureSeed } from './github-harness.ts';

/**
 * The fixture release (v1.35, 14 KEPs) with kubernetes/kubernetes pull requests: linked by the
 * timeline (a PR description links the KEP issue) and by the issue body, merged, open with `lgtm` and
 * `approved`, held, unlabelled, closed; plus merged `kind/feature` PRs with and without KEP references
 * and PRs the pre-freeze search must not find.
 */

const issueUrl = (n: number) => `https://github.com/kubernetes/enhancements/issues/${n}`;
const merged = '2025-10-20T10:00:00Z';

function pull(number: number, change: Partial<FakePullRequest>): FakePullRequest {
  return {
    number,
    title: `Change ${number}`,
    body: '',
    state: 'OPEN',
    mergedAt: null,
    labels: [],
    milestone: 'v1.35',
    updatedAt: '2025-10-20T09:00:00Z',
    ...change,
  };
}

const isMerged = { state: 'MERGED' as const, mergedAt: merged };

export const custodyPulls: FakePullRequest[] = [
  // KEP 1287: one merged code PR through the timeline, one merge-ready test PR through the body.
  pull(130001, {
    ...isMerged,
    body: `Implements ${issueUrl(1287)}`,
    labels: ['kind/feature', 'lgtm', 'approved'],
  }),
  pull(130002, { labels: ['approved', 'area/test', 'lgtm'] }),
  // KEP 3673: a held PR in the body.
  pull(130010, { labels: ['approved', 'do-not-merge/hold', 'lgtm'] }),
  // KEP 4742: an unlabelled open PR and a closed one, both through the timeline (short form).
  pull(130020, { body: 'Part of kubernetes/enhancements#4742' }),
  pull(130021, { state: 'CLOSED', body: 'Superseded; was for kubernetes/enhancements#4742' }),
  // KEP 3983: a merged kind/feature PR that only the issue body lists.
  pull(130036, { ...isMerged, title: 'kubelet: drop-in dir', labels: ['kind/feature'] }),
  // The pre-freeze check.
  pull(130030, { ...isMerged, title: 'Add a shiny flag', labels: ['kind/feature'] }),
  pull(130031, { ...isMerged, title: 'KEP-5593: configurable max backoff', labels: ['kind/feature'] }),
  pull(130032, { ...isMerged, title: 'Implement KEP-9999 early', labels: ['kind/feature'] }),
  pull(130033, { ...isMerged, labels: ['kind/feature'], milestone: 'v1.34' }),
  pull(130034, { labels: ['kind/feature'] }),
  pull(130035, { ...isMerged, labels: ['kind/bug'] }),
];

const bodies: Record<number, string> = {
  1287: '- Code: https://github.com/kubernetes/kubernetes/pull/130001\n- Tests: kubernetes/kubernetes#130002',
  3673: 'k/k: https://github.com/kubernetes/kubernetes/pull/130010\nDocs: https://github.com/kubernetes/website/pull/1',
  3983: 'Implementation: https://github.com/kubernetes/kubernetes/pull/130036',
};

export function custodySeed(): FakeGithubSeed {
  const seed = cachedFixtureSeed();
  return {
    ...seed,
    issues: seed.issues?.map((i) => ({ ...i, body: bodies[i.number] ?? '' })),
    codeRepo: { owner: 'kubernetes', name: 'kubernetes', pullRequests: custodyPulls },
  };
}
