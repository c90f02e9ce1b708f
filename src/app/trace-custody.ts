/**
 * The chain of custody of a release, read from GitHub: for each KEP its issue's cross-referencing
 * pull requests (every timeline page) and the pull requests its body links, then, for the whole
 * release, the pre-freeze check's search for merged `kind/feature` pull requests.
 */
import { type PullRequestFacts, pullLinksIn } from '../domain/custody.ts';
import {
  type CustodyKep,
  type CustodyReport,
  type KepIssueReading,
  kepCustody,
  type PreFreezeCheck,
  unaccountedPulls,
} from '../domain/custody-report.ts';
import { type IssueMilestones, releaseMembers } from '../domain/release-membership.ts';
import { nextSearchPass } from '../domain/search-cap.ts';
import type { Kep } from '../domain/types.ts';
import type { GithubSpend, Page, PullRequestSource, RepoRef } from '../ports/github.ts';

export interface TraceCustodyInput {
  /** The KEPs to report on (issue number = KEP number), in the order to report them. */
  keps: readonly CustodyKep[];
  release: string;
  /** `owner/name` of the KEP issues (`kubernetes/enhancements`). */
  enhancementsRepo: string;
  /** `owner/name` of the implementing pull requests (`kubernetes/kubernetes`). */
  codeRepo: string;
  /** Run the pre-freeze check (only meaningful when `keps` is the whole release). */
  preFreeze: boolean;
  /** The label of feature pull requests (default `kind/feature`). */
  featureLabel?: string;
}

export interface TracedCustody {
  report: CustodyReport;
  spend: GithubSpend;
}

function repoRef(nameWithOwner: string): RepoRef {
  const [owner = '', name = ''] = nameWithOwner.split('/');
  return { owner, name };
}

/** Every page of a paged read. */
async function allPages<T, P extends Page<T>>(read: (after: string | null) => Promise<P>): Promise<P[]> {
  const pages: P[] = [];
  let after: string | null = null;
  do {
    const page: P = await read(after);
    pages.push(page);
    after = page.hasNextPage ? page.endCursor : null;
  } while (after);
  return pages;
}

async function readKepIssue(
  github: PullRequestSource,
  kepNumber: number,
  input: TraceCustodyInput,
): Promise<KepIssueReading> {
  const pages = await allPages((after) =>
    github.kepIssuePulls(repoRef(input.enhancementsRepo), kepNumber, after),
  );
  const first = pages[0]!;
  const timeline = pages.flatMap((p) => p.items);
  const code = input.codeRepo.toLowerCase();
  const body: PullRequestFacts[] = [];
  for (const number of pullLinksIn(first.body, input.codeRepo)) {
    const known = timeline.find((p) => p.number === number && p.repo.toLowerCase() === code);
    const pull = known ?? (await github.pullRequest(repoRef(input.codeRepo), number));
    if (pull) body.push(pull);
  }
  return { found: first.found, timeline, body };
}

/** The search of the handbook's pre-freeze check. */
export function featurePullsQuery(codeRepo: string, release: string, label = 'kind/feature'): string {
  return `repo:${codeRepo} is:pr is:merged milestone:${release} label:${label}`;
}

async function preFreezeCheck(
  github: PullRequestSource,
  input: TraceCustodyInput,
  keps: CustodyReport['keps'],
): Promise<PreFreezeCheck> {
  const query = featurePullsQuery(input.codeRepo, input.release, input.featureLabel);
  const { pulls, incomplete } = await searchPastCap(github, query);
  const unaccounted = unaccountedPulls(pulls, keps, input.enhancementsRepo);
  return { query, read: pulls.length, unaccounted, incomplete };
}

/**
 * Every hit of a pull request search, oldest update first. GitHub answers 1,000 hits at most per
 * search, so a search that matched more goes on from the last hit's update time (hits read twice
 * at that instant are kept once). `incomplete` says when more than the cap share one update instant.
 */
async function searchPastCap(
  github: PullRequestSource,
  query: string,
): Promise<{ pulls: PullRequestFacts[]; incomplete: PreFreezeCheck['incomplete'] }> {
  const byNumber = new Map<string, PullRequestFacts>();
  let since: string | null = null;
  for (;;) {
    const bounded = since === null ? query : `${query} updated:>=${since}`;
    const pages = await allPages((after) => github.searchPulls(`${bounded} sort:updated-asc`, after));
    for (const pull of pages.flatMap((p) => p.items)) byNumber.set(`${pull.repo}#${pull.number}`, pull);
    const last = pages.at(-1)!;
    const read = pages.reduce((n, p) => n + p.items.length, 0);
    const next = nextSearchPass({ read, total: last.searchTotal, lastUpdatedAt: last.lastUpdatedAt, since });
    const pulls = [...byNumber.values()];
    if (next === null) return { pulls, incomplete: null };
    if (next === 'stuck')
      return {
        pulls,
        incomplete: { matched: last.searchTotal ?? read, at: last.lastUpdatedAt ?? since ?? '' },
      };
    since = next.since;
  }
}

/** Reads and judges the chain of custody; GitHub failures (`GithubError`) are thrown. */
export async function traceCustody(
  deps: { github: PullRequestSource },
  input: TraceCustodyInput,
): Promise<TracedCustody> {
  const repos = { enhancementsRepo: input.enhancementsRepo, codeRepo: input.codeRepo };
  const keps = [];
  for (const kep of input.keps)
    keps.push(kepCustody(kep, await readKepIssue(deps.github, kep.number, input), repos));
  const preFreeze = input.preFreeze ? await preFreezeCheck(deps.github, input, keps) : null;
  const report: CustodyReport = { release: input.release, ...repos, keps, preFreeze };
  return { report, spend: deps.github.spend() };
}

/** Which KEPs a report covers: one KEP, one SIG's, or (neither given) the whole release. */
export interface CustodyScope {
  kep?: number;
  sig?: string;
}

/**
 * The KEPs of the release by the one membership rule (`releaseMembers`, with the synced issues'
 * milestones), narrowed to the scope, by number.
 */
export function custodyKeps(
  keps: readonly Kep[],
  release: string,
  issues: IssueMilestones,
  scope: CustodyScope,
): CustodyKep[] {
  return releaseMembers(keps, release, issues)
    .filter(
      (k) => (scope.kep === undefined || k.number === scope.kep) && (!scope.sig || k.owningSig === scope.sig),
    )
    .sort((a, b) => a.number - b.number || a.path.localeCompare(b.path))
    .map((k) => ({ number: k.number, title: k.title, owningSig: k.owningSig, path: k.path }));
}
