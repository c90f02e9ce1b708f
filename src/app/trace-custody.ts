/**
 * The chain of custody of a release, read from GitHub and kept in the store, so each report reads
 * only what changed since the last: for each KEP its issue's cross-referencing pull requests (every
 * timeline page) and the pull requests its body links, then, for the whole release, the pre-freeze
 * check's merged `kind/feature` pull requests.
 *
 * A KEP issue never read (or last read whole longer ago than `fullRescanMs`) is read whole. For the
 * others two searches sorted by update find what changed since they were last checked: pull
 * requests of the code repository (their stored facts are refreshed; one that names a KEP of the
 * report in its title or description has that KEP re-read) and issues of the enhancements
 * repository (a changed KEP issue is re-read: its description may link new pull requests). A
 * re-run with nothing changed costs those two searches. The periodic whole read catches what the
 * searches cannot see (a KEP named only in a pull request's comment).
 */
import { kepReferencesIn, type LinkSource, type PullRequestFacts, pullLinksIn } from '../domain/custody.ts';
import {
  type CustodyKep,
  type CustodyReport,
  isPreFreezeCandidate,
  type KepIssueReading,
  kepCustody,
  type PreFreezeCheck,
  unaccountedPulls,
} from '../domain/custody-report.ts';
import { type IssueMilestones, releaseMembers } from '../domain/release-membership.ts';
import { nextSearchPass } from '../domain/search-cap.ts';
import type { Kep } from '../domain/types.ts';
import type { Clock } from '../ports/clock.ts';
import type { GithubSpend, Page, PullRequestSource, RepoRef } from '../ports/github.ts';
import type { Store } from '../ports/store.ts';
import { custodyReposCursor } from './stored-custody.ts';

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
  /** Read every KEP issue (and the pre-freeze search) whole, whatever is stored. */
  full?: boolean;
  /** Read a KEP issue whole again when its last whole read is older than this (default 24 h). */
  fullRescanMs?: number;
}

export interface TraceCustodyDeps {
  github: PullRequestSource;
  store: Pick<Store, 'custody' | 'githubSync'>;
  clock: Clock;
}

/** How a report was read: which KEP issues were read whole and from when changes were looked for. */
export interface CustodyReads {
  /** KEP issues read whole because nothing (or nothing recent enough) was stored. */
  whole: number;
  /** KEP issues read again because a search found them or a pull request naming them changed. */
  reread: number;
  /** The instant changes were looked for from (null when every issue was read whole). */
  changedSince: string | null;
  /** Whether the pre-freeze search was run whole (false: its pull requests came from the store). */
  featureSearch: boolean;
}

export interface TracedCustody {
  report: CustodyReport;
  spend: GithubSpend;
  reads: CustodyReads;
}

const defaultFullRescanMs = 24 * 3_600_000;
/** Changes are looked for from a little before the last check, for clocks that disagree with GitHub's. */
const clockMarginMs = 2 * 60_000;
const defaultFeatureLabel = 'kind/feature';

function repoRef(nameWithOwner: string): RepoRef {
  const [owner = '', name = ''] = nameWithOwner.split('/');
  return { owner, name };
}

const sameRepo = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

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

/** One KEP issue's timeline read whole, and the code repository's pull requests its body links. */
interface TimelineReading {
  number: number;
  found: boolean;
  timeline: PullRequestFacts[];
  bodyLinks: number[];
}

async function readTimeline(
  deps: TraceCustodyDeps,
  kepNumber: number,
  input: TraceCustodyInput,
): Promise<TimelineReading> {
  const pages = await allPages((after) =>
    deps.github.kepIssuePulls(repoRef(input.enhancementsRepo), kepNumber, after),
  );
  const first = pages[0]!;
  const timeline = pages.flatMap((p) => p.items).filter((p) => sameRepo(p.repo, input.codeRepo));
  return {
    number: kepNumber,
    found: first.found,
    timeline,
    bodyLinks: pullLinksIn(first.body, input.codeRepo),
  };
}

/** KEP issues read whole and stored this many at a time (what was read stays if a later group fails). */
const issuesPerGroup = 50;

/**
 * KEP issues read whole and stored: every timeline page of each, then the pull requests only their
 * bodies link, those neither a timeline of the group nor the store has read several a request.
 */
async function readKepIssues(
  deps: TraceCustodyDeps,
  numbers: readonly number[],
  input: TraceCustodyInput,
  now: Date,
): Promise<void> {
  for (let at = 0; at < numbers.length; at += issuesPerGroup) {
    const readings: TimelineReading[] = [];
    for (const n of numbers.slice(at, at + issuesPerGroup)) readings.push(await readTimeline(deps, n, input));
    const known = new Map(readings.flatMap((r) => r.timeline.map((p) => [p.number, p] as const)));
    const wanted = readings.flatMap((r) => r.bodyLinks).filter((n) => !known.has(n));
    for (const n of wanted) {
      const pull = deps.store.custody.pull(input.codeRepo, n);
      if (pull) known.set(n, pull);
    }
    const missing = wanted.filter((n) => !known.has(n));
    if (missing.length > 0)
      for (const [n, pull] of await deps.github.pullRequests(repoRef(input.codeRepo), missing))
        known.set(n, pull);
    for (const r of readings) {
      const links: { pull: PullRequestFacts; via: LinkSource }[] = r.timeline.map((pull) => ({
        pull,
        via: 'timeline',
      }));
      for (const n of r.bodyLinks) {
        const pull = known.get(n);
        if (pull) links.push({ pull, via: 'body' });
      }
      deps.store.custody.saveIssue(input.enhancementsRepo, { number: r.number, found: r.found, links }, now);
    }
  }
}

/** The search of the handbook's pre-freeze check. */
export function featurePullsQuery(codeRepo: string, release: string, label = defaultFeatureLabel): string {
  return `repo:${codeRepo} is:pr is:merged milestone:${release} label:${label}`;
}

/**
 * Every hit of a search (from `from` on when given), oldest update first. GitHub answers 1,000 hits
 * at most per search, so a search that matched more goes on from the last hit's update time (hits
 * read twice at that instant are kept once). `incomplete` says when more than the cap share one
 * update instant.
 */
async function searchPastCap<T extends { number: number; repo: string }>(
  search: (query: string, after: string | null) => Promise<Page<T>>,
  query: string,
  from: string | null,
): Promise<{ hits: T[]; incomplete: PreFreezeCheck['incomplete'] }> {
  const byNumber = new Map<string, T>();
  let since = from;
  for (;;) {
    const bounded = since === null ? query : `${query} updated:>=${since}`;
    const pages = await allPages((after) => search(`${bounded} sort:updated-asc`, after));
    for (const hit of pages.flatMap((p) => p.items)) byNumber.set(`${hit.repo}#${hit.number}`, hit);
    const last = pages.at(-1)!;
    const read = pages.reduce((n, p) => n + p.items.length, 0);
    const next = nextSearchPass({ read, total: last.searchTotal, lastUpdatedAt: last.lastUpdatedAt, since });
    const hits = [...byNumber.values()];
    if (next === null) return { hits, incomplete: null };
    if (next === 'stuck')
      return {
        hits,
        incomplete: { matched: last.searchTotal ?? read, at: last.lastUpdatedAt ?? since ?? '' },
      };
    since = next.since;
  }
}

/**
 * What changed on GitHub since `since`: pull requests of the code repository (stored ones and new
 * pre-freeze candidates are kept) and the KEP numbers to re-read. Null when a search cannot be read
 * whole (over 1,000 hits in one second): then every KEP is read whole instead.
 */
async function readChanges(
  deps: TraceCustodyDeps,
  input: TraceCustodyInput,
  since: string,
  now: Date,
): Promise<Set<number> | null> {
  const check = { ...input, featureLabel: input.featureLabel ?? defaultFeatureLabel };
  const pulls = await searchPastCap(
    (q, after) => deps.github.searchPulls(q, after),
    `repo:${input.codeRepo} is:pr`,
    since,
  );
  const issues = await searchPastCap(
    (q, after) => deps.github.searchIssues(q, after),
    `repo:${input.enhancementsRepo} is:issue`,
    since,
  );
  if (pulls.incomplete || issues.incomplete) return null;
  const custody = deps.store.custody;
  const kept = pulls.hits.filter(
    (p) => custody.hasPull(p.repo, p.number) || (input.preFreeze && isPreFreezeCandidate(p, check)),
  );
  custody.savePulls(kept, now);
  const named = pulls.hits.flatMap((p) => kepReferencesIn(`${p.title}\n${p.body}`, input.enhancementsRepo));
  const changed = issues.hits.filter((i) => sameRepo(i.repo, input.enhancementsRepo)).map((i) => i.number);
  return new Set([...named, ...changed]);
}

/** The stored reading of one KEP issue, for the pure report. */
function storedReading(deps: TraceCustodyDeps, input: TraceCustodyInput, kep: number): KepIssueReading {
  const issue = deps.store.custody.issues(input.enhancementsRepo, [kep]).get(kep);
  const links = deps.store.custody.links(input.enhancementsRepo, kep);
  return {
    found: issue?.found ?? false,
    timeline: links.filter((l) => l.via === 'timeline').map((l) => l.pull),
    body: links.filter((l) => l.via === 'body').map((l) => l.pull),
  };
}

const featureCursor = (release: string) => `custody:features:${release}`;

/** The pre-freeze search's cursor: its last whole read, and the instant changes are looked for from. */
interface FeatureReads {
  readAt: string;
  checkedAt: string;
}

function featureReads(deps: TraceCustodyDeps, release: string): FeatureReads | null {
  const value = deps.store.githubSync.getCursor(featureCursor(release));
  if (!value) return null;
  try {
    const parsed = JSON.parse(value) as Partial<FeatureReads>;
    return typeof parsed.readAt === 'string' && typeof parsed.checkedAt === 'string'
      ? { readAt: parsed.readAt, checkedAt: parsed.checkedAt }
      : null;
  } catch {
    return null;
  }
}

/**
 * Brings the stored chain of custody of `input.keps` up to date and reports it; GitHub failures
 * (`GithubError`) are thrown, and what was read before one stays stored (the next run goes on).
 */
export async function traceCustody(deps: TraceCustodyDeps, input: TraceCustodyInput): Promise<TracedCustody> {
  const now = deps.clock.now();
  const checkedAt = new Date(now.getTime() - clockMarginMs).toISOString();
  const rescan = input.fullRescanMs ?? defaultFullRescanMs;
  const numbers = input.keps.map((k) => k.number);
  const stored = deps.store.custody.issues(input.enhancementsRepo, numbers);
  const fresh = (n: number) => {
    const issue = stored.get(n);
    return !input.full && issue !== undefined && now.getTime() - Date.parse(issue.readAt) < rescan;
  };
  const whole = new Set(numbers.filter((n) => !fresh(n)));
  const features = featureReads(deps, input.release);
  let featureSearch =
    input.preFreeze &&
    (input.full || features === null || now.getTime() - Date.parse(features.readAt) >= rescan);
  const sinces = [
    ...numbers.filter((n) => !whole.has(n)).map((n) => stored.get(n)!.checkedAt),
    ...(input.preFreeze && !featureSearch && features ? [features.checkedAt] : []),
  ].sort();
  const changedSince = sinces[0] ?? null;
  const reread = new Set<number>();
  if (changedSince !== null) {
    const changed = await readChanges(deps, input, changedSince, now);
    // a change search that cannot be read whole: read everything whole instead
    if (changed === null) featureSearch = input.preFreeze;
    for (const n of numbers)
      if (!whole.has(n) && (changed === null || changed.has(n))) (changed === null ? whole : reread).add(n);
  }
  await readKepIssues(
    deps,
    numbers.filter((n) => whole.has(n) || reread.has(n)),
    input,
    now,
  );
  deps.store.custody.markChecked(input.enhancementsRepo, numbers, checkedAt);
  const repos = { enhancementsRepo: input.enhancementsRepo, codeRepo: input.codeRepo };
  deps.store.githubSync.setCursor(custodyReposCursor, JSON.stringify(repos), now);

  const keps = input.keps.map((kep) => kepCustody(kep, storedReading(deps, input, kep.number), repos));
  const preFreeze = input.preFreeze
    ? await preFreezeCheck(deps, input, keps, featureSearch ? null : features, checkedAt)
    : null;
  const report: CustodyReport = { release: input.release, ...repos, keps, preFreeze };
  const reads = { whole: whole.size, reread: reread.size, changedSince, featureSearch };
  return { report, spend: deps.github.spend(), reads };
}

/**
 * The pre-freeze check over the stored pull requests: the search is run whole the first time (and
 * after `fullRescanMs`: `last` is null then); between, the changed-pull-request search keeps the
 * stored ones current.
 */
async function preFreezeCheck(
  deps: TraceCustodyDeps,
  input: TraceCustodyInput,
  keps: CustodyReport['keps'],
  last: FeatureReads | null,
  checkedAt: string,
): Promise<PreFreezeCheck> {
  const featureLabel = input.featureLabel ?? defaultFeatureLabel;
  const query = featurePullsQuery(input.codeRepo, input.release, featureLabel);
  let incomplete: PreFreezeCheck['incomplete'] = null;
  let readAt = last?.readAt ?? null;
  if (!last) {
    const found = await searchPastCap((q, after) => deps.github.searchPulls(q, after), query, null);
    deps.store.custody.savePulls(found.hits, deps.clock.now());
    incomplete = found.incomplete;
    if (!incomplete) readAt = checkedAt;
  }
  if (readAt !== null)
    deps.store.githubSync.setCursor(
      featureCursor(input.release),
      JSON.stringify({ readAt, checkedAt }),
      deps.clock.now(),
    );
  const check = { codeRepo: input.codeRepo, release: input.release, featureLabel };
  const pulls = deps.store.custody
    .mergedInMilestone(input.codeRepo, input.release)
    .filter((p) => isPreFreezeCandidate(p, check));
  const unaccounted = unaccountedPulls(pulls, keps, input.enhancementsRepo);
  return { query, read: pulls.length, unaccounted, incomplete };
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

/**
 * The whole release's chain of custody brought up to date (the bot runs it after each scheduled
 * sync): the release's KEPs by the membership rule over the synced issues, and the pre-freeze check.
 */
export async function traceReleaseCustody(
  deps: Omit<TraceCustodyDeps, 'store'> & {
    store: TraceCustodyDeps['store'] & Pick<Store, 'githubSnapshots' | 'keps'>;
  },
  input: Omit<TraceCustodyInput, 'keps' | 'preFreeze'>,
): Promise<TracedCustody> {
  const issues = deps.store.githubSnapshots.listIssues(input.enhancementsRepo);
  const milestones = new Map(issues.map((i) => [i.number, i.milestone]));
  const keps = custodyKeps(deps.store.keps.list(), input.release, milestones, {});
  return traceCustody(deps, { ...input, keps, preFreeze: true });
}
