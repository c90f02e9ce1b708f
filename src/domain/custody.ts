/**
 * The chain of custody (enhancements handbook, "Code Freeze Tasks" and "Pre-Freeze Check"): the code
 * repository's pull requests linked to each KEP issue, whether they let the KEP pass Code Freeze and
 * Test Freeze, and the merged `kind/feature` pull requests of the release that no tracked KEP accounts
 * for. A KEP with no pull request to judge is unverified, never ready. Pure.
 */

/** A pull request as GitHub reports it (`MERGED` is its own state, as in GraphQL). */
export interface PullRequestFacts {
  /** `owner/name` of its repository. */
  repo: string;
  number: number;
  title: string;
  url: string;
  state: 'OPEN' | 'CLOSED' | 'MERGED';
  mergedAt: string | null;
  labels: readonly string[];
  milestone: string | null;
  /** The description; empty when not read. */
  body: string;
}

/** Where the link between the KEP issue and the pull request was found. */
export type LinkSource = 'timeline' | 'body';

/** What a pull request means for a freeze. */
export type PullStanding = 'merged' | 'merge-ready' | 'not-ready' | 'closed';

/** A pull request linked to a KEP issue, judged by the handbook's rule. */
export interface LinkedPull {
  pull: PullRequestFacts;
  via: LinkSource[];
  /** Test PR (`area/test` and kin) or code PR. */
  kind: 'code' | 'test';
  standing: PullStanding;
  /** What keeps an open pull request from merging (missing labels, holds); empty otherwise. */
  missing: string[];
}

export type CustodyOutcome = 'met' | 'unmet' | 'unverified';

export interface CustodyVerdict {
  outcome: CustodyOutcome;
  reason: string;
}

/** Labels that mark a pull request as a test change in kubernetes/kubernetes. */
export const testPullLabels: readonly string[] = ['area/test', 'area/conformance', 'area/e2e-test-framework'];

const approvalLabels = ['lgtm', 'approved'] as const;

/** The labels that block a merge (`do-not-merge/hold`, `do-not-merge/work-in-progress`…). */
export function blockingLabels(labels: readonly string[]): string[] {
  return labels.filter((l) => l.startsWith('do-not-merge/'));
}

/** Merged; open with `lgtm` and `approved` and no `do-not-merge/*`; open and not ready; or closed unmerged. */
export function pullStanding(pull: PullRequestFacts): { standing: PullStanding; missing: string[] } {
  if (pull.state === 'MERGED' || pull.mergedAt !== null) return { standing: 'merged', missing: [] };
  if (pull.state === 'CLOSED') return { standing: 'closed', missing: [] };
  const missing = [
    ...approvalLabels.filter((l) => !pull.labels.includes(l)).map((l) => `no \`${l}\``),
    ...blockingLabels(pull.labels).map((l) => `\`${l}\``),
  ];
  return { standing: missing.length === 0 ? 'merge-ready' : 'not-ready', missing };
}

export function isTestPull(pull: PullRequestFacts): boolean {
  return pull.labels.some((l) => testPullLabels.includes(l));
}

/** One linked pull request, judged. */
export function linkPull(pull: PullRequestFacts, via: readonly LinkSource[]): LinkedPull {
  const { standing, missing } = pullStanding(pull);
  return { pull, via: [...new Set(via)].sort(), kind: isTestPull(pull) ? 'test' : 'code', standing, missing };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Pull request numbers of `repo` linked in `text`: `https://github.com/o/n/pull/N` and `o/n#N`. */
export function pullLinksIn(text: string, repo: string): number[] {
  const name = escapeRegExp(repo);
  const pattern = new RegExp(`(?:github\\.com/${name}/pull/|(?<![\\w/.-])${name}#)(\\d+)`, 'gi');
  const numbers = [...text.matchAll(pattern)].map((m) => Number(m[1]));
  return [...new Set(numbers)].sort((a, b) => a - b);
}

/**
 * KEP numbers a pull request's title or description refers to: a link to an issue of the
 * enhancements repository (`…/issues/N`, `o/n#N`), a KEP directory (`keps/sig-x/N-name`) or the
 * words `KEP-N`, `KEP N`, `KEP #N`.
 */
export function kepReferencesIn(text: string, enhancementsRepo: string): number[] {
  const name = escapeRegExp(enhancementsRepo);
  const patterns = [
    new RegExp(`github\\.com/${name}/issues/(\\d+)`, 'gi'),
    new RegExp(`(?<![\\w/.-])${name}#(\\d+)`, 'gi'),
    /keps\/[\w-]+\/(\d+)-/gi,
    /\bKEP[\s-]*#?(\d+)\b/gi,
  ];
  const numbers = patterns.flatMap((p) => [...text.matchAll(p)].map((m) => Number(m[1])));
  return [...new Set(numbers)].sort((a, b) => a - b);
}

const standingWords: Readonly<Record<PullStanding, string>> = {
  merged: 'merged',
  'merge-ready': 'open with `lgtm` and `approved`',
  'not-ready': 'not ready',
  closed: 'closed without merging',
};

/** The wording of a pull request's standing, with what it misses. */
export function standingText(linked: LinkedPull): string {
  const words = standingWords[linked.standing];
  return linked.missing.length > 0 ? `${words} (${linked.missing.join(', ')})` : words;
}

const noneLinked: Readonly<Record<'code' | 'test', string>> = {
  code: 'no code pull request linked',
  test: `no test pull request linked (none labelled ${testPullLabels.map((l) => `\`${l}\``).join(', ')})`,
};

/**
 * Code Freeze (`code`) or Test Freeze (`test`) from the linked pull requests of that kind: met when
 * every one still open or merged is merged or merge-ready, unmet when any is not, unverified when
 * none is linked (closed unmerged ones do not count).
 */
export function freezeVerdict(pulls: readonly LinkedPull[], kind: 'code' | 'test'): CustodyVerdict {
  const counted = pulls.filter((p) => p.kind === kind && p.standing !== 'closed');
  if (counted.length === 0) return { outcome: 'unverified', reason: noneLinked[kind] };
  const blocking = counted.filter((p) => p.standing === 'not-ready');
  if (blocking.length === 0) {
    const merged = counted.filter((p) => p.standing === 'merged').length;
    const ready = counted.length - merged;
    return { outcome: 'met', reason: `${kind} pull requests: ${merged} merged, ${ready} merge-ready` };
  }
  const listed = blocking.map((p) => `#${p.pull.number} ${p.missing.join(', ')}`).join('; ');
  return { outcome: 'unmet', reason: `not merge-ready: ${listed}` };
}
