/**
 * Changes drumbeat wants to make on GitHub, as small actions with a unique key (planned first, applied
 * only when write-back is on, never twice). For now: add a label (`milestone-approved`) to issues.
 */

/** How write-back changes labels and milestones: Prow commands in an issue comment, or API mutations. */
export const writeBackVias = ['prow', 'api'] as const;
export type WriteBackVia = (typeof writeBackVias)[number];

/** The labels drumbeat reads and writes (config `github.labels`; defaults = the release team's). */
export interface GithubLabels {
  optedIn: string;
  approved: string;
  trackedYes: string;
  trackedNo: string;
  outOfTree: string;
}

export const writeActionKinds = [
  'add-label',
  'remove-label',
  'set-milestone',
  'clear-milestone',
  'set-board-field',
] as const;
export type WriteActionKind = (typeof writeActionKinds)[number];

/** One change on GitHub: add or remove `label`, or set (to `label`) or clear the milestone of an issue. */
export interface WriteAction {
  /** Unique per intended change: `add-label:kubernetes/enhancements#4222:milestone-approved`. */
  key: string;
  kind: WriteActionKind;
  repo: string;
  issueNumber: number;
  /**
   * The label, the milestone title for `set-milestone` (empty for `clear-milestone`), or the board
   * field's name for `set-board-field`.
   */
  label: string;
  /** The value a `set-board-field` sets (absent for the other kinds). */
  value?: string | null;
  /** Why (`vote 12 approved`). */
  reason: string;
  /** One line for people: `add label milestone-approved to kubernetes/enhancements#4222`. */
  description: string;
}

export interface LabelPlanInput {
  repo: string;
  label: string;
  reason: string;
  issueNumbers: number[];
  /** The labels each issue has now, as last synced; issues missing here are planned anyway. */
  currentLabels: ReadonlyMap<number, readonly string[]>;
}

/** The key of the action that adds `label` to an issue: the same change always has the same key. */
export function addLabelKey(repo: string, issueNumber: number, label: string): string {
  return `add-label:${repo}#${issueNumber}:${label}`;
}

/** Add-label actions for the issues that do not have the label yet, one per issue, in number order. */
export function planLabelActions(input: LabelPlanInput): WriteAction[] {
  const numbers = [...new Set(input.issueNumbers)]
    .filter((n) => Number.isInteger(n) && n > 0)
    .sort((a, b) => a - b);
  return numbers
    .filter((n) => !(input.currentLabels.get(n) ?? []).includes(input.label))
    .map((issueNumber) => ({
      key: addLabelKey(input.repo, issueNumber, input.label),
      kind: 'add-label' as const,
      repo: input.repo,
      issueNumber,
      label: input.label,
      reason: input.reason,
      description: `add label ${input.label} to ${input.repo}#${issueNumber}`,
    }));
}
