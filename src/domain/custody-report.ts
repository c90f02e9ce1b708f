/**
 * The custody report: KEP → issue → pull requests with the Code Freeze and Test Freeze verdicts,
 * and the pre-freeze check's merged `kind/feature` pull requests no tracked KEP accounts for. Pure:
 * built from what the GitHub reads returned.
 */
import {
  type CustodyVerdict,
  freezeVerdict,
  kepReferencesIn,
  type LinkedPull,
  type LinkSource,
  linkPull,
  type PullRequestFacts,
} from './custody.ts';

/** The KEP fields the report shows. */
export interface CustodyKep {
  number: number;
  title: string;
  owningSig: string | null;
  path: string;
}

/** What GitHub holds about one KEP issue: whether it exists, its body's links, its cross-references. */
export interface KepIssueReading {
  found: boolean;
  /** Pull requests whose timeline cross-reference events point at the issue (any repository). */
  timeline: readonly PullRequestFacts[];
  /** Pull requests of the code repository linked in the issue body. */
  body: readonly PullRequestFacts[];
}

export interface KepCustody {
  kep: CustodyKep;
  issue: { repo: string; number: number; url: string; found: boolean };
  /** The code repository's pull requests linked to the issue, by number. */
  pulls: LinkedPull[];
  codeFreeze: CustodyVerdict;
  testFreeze: CustodyVerdict;
}

export interface CustodyReport {
  release: string;
  enhancementsRepo: string;
  codeRepo: string;
  keps: KepCustody[];
  /** The pre-freeze check over the whole release; null when the report covers one KEP or SIG only. */
  preFreeze: PreFreezeCheck | null;
}

export interface PreFreezeCheck {
  /** The search run: merged `kind/feature` pull requests of the release milestone. */
  query: string;
  /** How many it found. */
  read: number;
  /** Those no tracked KEP accounts for, by number. */
  unaccounted: PullRequestFacts[];
  /**
   * Set when the search could not be read whole: it matched `matched` but more than GitHub's
   * 1,000-hit cap were updated at the same instant `at`, which no `updated:` bound reaches past.
   */
  incomplete?: { matched: number; at: string } | null;
}

/** The code repository's pull requests from both sources, each once, with where it was linked. */
export function linkedPulls(reading: KepIssueReading, codeRepo: string): LinkedPull[] {
  const found = new Map<number, { pull: PullRequestFacts; via: LinkSource[] }>();
  const add = (pull: PullRequestFacts, via: LinkSource) => {
    if (pull.repo.toLowerCase() !== codeRepo.toLowerCase()) return;
    const known = found.get(pull.number);
    if (known) known.via.push(via);
    else found.set(pull.number, { pull, via: [via] });
  };
  for (const pull of reading.timeline) add(pull, 'timeline');
  for (const pull of reading.body) add(pull, 'body');
  return [...found.values()]
    .sort((a, b) => a.pull.number - b.pull.number)
    .map((f) => linkPull(f.pull, f.via));
}

/** One KEP's custody: its issue (numbered like the KEP), pull requests and freeze verdicts. */
export function kepCustody(
  kep: CustodyKep,
  reading: KepIssueReading,
  repos: { enhancementsRepo: string; codeRepo: string },
): KepCustody {
  const pulls = linkedPulls(reading, repos.codeRepo);
  const url = `https://github.com/${repos.enhancementsRepo}/issues/${kep.number}`;
  return {
    kep,
    issue: { repo: repos.enhancementsRepo, number: kep.number, url, found: reading.found },
    pulls,
    codeFreeze: freezeVerdict(pulls, 'code'),
    testFreeze: freezeVerdict(pulls, 'test'),
  };
}

/**
 * True when the pre-freeze check's search finds the pull request: merged, of the code repository,
 * in the release milestone, with the feature label.
 */
export function isPreFreezeCandidate(
  pull: PullRequestFacts,
  check: { codeRepo: string; release: string; featureLabel: string },
): boolean {
  return (
    pull.state === 'MERGED' &&
    pull.repo.toLowerCase() === check.codeRepo.toLowerCase() &&
    pull.milestone === check.release &&
    pull.labels.includes(check.featureLabel)
  );
}

/**
 * The pre-freeze check: merged feature pull requests that neither refer to a tracked KEP (title or
 * description) nor are linked from a tracked KEP's issue, by number.
 */
export function unaccountedPulls(
  featurePulls: readonly PullRequestFacts[],
  keps: readonly KepCustody[],
  enhancementsRepo: string,
): PullRequestFacts[] {
  const tracked = new Set(keps.map((k) => k.kep.number));
  const linked = new Set(keps.flatMap((k) => k.pulls.map((p) => p.pull.number)));
  const accounted = (pull: PullRequestFacts) =>
    linked.has(pull.number) ||
    kepReferencesIn(`${pull.title}\n${pull.body}`, enhancementsRepo).some((n) => tracked.has(n));
  const seen = new Set<number>();
  return [...featurePulls]
    .filter((p) => !accounted(p) && !seen.has(p.number) && seen.add(p.number))
    .sort((a, b) => a.number - b.number);
}
