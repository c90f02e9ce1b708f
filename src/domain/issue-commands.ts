/**
 * Labels and milestone of KEP issues as the release team changes them: the board's Status decides,
 * and the change is written as the handbook writes it, Prow commands in one issue comment
 * (`/remove-label tracked/yes`, `/label tracked/no`, `/milestone clear`), or as API mutations. Pure.
 */
import { type BoardStatus, isTrackedStatus, parseBoardStatus } from './board.ts';
import type { BoardItemSnapshot, IssueSnapshot } from './github-snapshots.ts';
import type { GithubLabels, WriteAction, WriteActionKind } from './write-back-plan.ts';

type TrackedLabels = Pick<GithubLabels, 'trackedYes' | 'trackedNo'>;

/** The Prow command for one action, exactly as the handbook writes it. */
export function prowCommand(action: Pick<WriteAction, 'kind' | 'label'>): string {
  if (action.kind === 'add-label') return `/label ${action.label}`;
  if (action.kind === 'remove-label') return `/remove-label ${action.label}`;
  if (action.kind === 'set-milestone') return `/milestone ${action.label}`;
  return '/milestone clear';
}

/** One comment carrying every command for an issue, one a line, in plan order (no line twice). */
export function prowComment(actions: Pick<WriteAction, 'kind' | 'label'>[]): string {
  return [...new Set(actions.map(prowCommand))].join('\n');
}

/** Whether an action's effect is already on the issue (as last read). */
export function effectPresent(
  action: Pick<WriteAction, 'kind' | 'label'>,
  issue: Pick<IssueSnapshot, 'labels' | 'milestone'>,
): boolean {
  if (action.kind === 'add-label') return issue.labels.includes(action.label);
  if (action.kind === 'remove-label') return !issue.labels.includes(action.label);
  if (action.kind === 'set-milestone') return issue.milestone === action.label;
  return issue.milestone === null;
}

interface Change {
  kind: WriteActionKind;
  label: string;
}

/** The handbook's commands for a Status: removing from the milestone, or (back) in it as tracked. */
function wantedChanges(status: BoardStatus, release: string, labels: TrackedLabels): Change[] {
  if (status === 'Removed From Milestone')
    return [
      { kind: 'remove-label', label: labels.trackedYes },
      { kind: 'add-label', label: labels.trackedNo },
      { kind: 'clear-milestone', label: '' },
    ];
  if (isTrackedStatus(status))
    return [
      { kind: 'add-label', label: labels.trackedYes },
      { kind: 'remove-label', label: labels.trackedNo },
      { kind: 'set-milestone', label: release },
    ];
  return [];
}

function describe(change: Change, ref: string): string {
  if (change.kind === 'add-label') return `add label ${change.label} to ${ref}`;
  if (change.kind === 'remove-label') return `remove label ${change.label} from ${ref}`;
  if (change.kind === 'set-milestone') return `set the milestone of ${ref} to ${change.label}`;
  return `clear the milestone of ${ref}`;
}

export interface TrackingPlanInput {
  repo: string;
  release: string;
  labels: TrackedLabels;
  issues: ReadonlyMap<number, IssueSnapshot>;
  board: BoardItemSnapshot[];
}

/**
 * The label and milestone changes the board's Status asks for and the issue lacks, in the
 * handbook's order. Keys carry the board item's updatedAt: the same board state always plans the
 * same keys (nothing twice across restarts), a later transition plans new ones.
 */
export function planTrackingChanges(input: TrackingPlanInput): WriteAction[] {
  return input.board.flatMap((item) => {
    const issue = item.issueNumber === null ? undefined : input.issues.get(item.issueNumber);
    const status = item.status ? parseBoardStatus(item.status) : null;
    if (!issue || !status || item.archived || issue.state !== 'OPEN') return [];
    const ref = `${input.repo}#${issue.number}`;
    return wantedChanges(status, input.release, input.labels)
      .filter((change) => !effectPresent(change, issue))
      .map((change) => ({
        key: `${change.kind}:${ref}:${change.label}@${item.updatedAt}`,
        kind: change.kind,
        repo: input.repo,
        issueNumber: issue.number,
        label: change.label,
        reason: `board Status ${status}`,
        description: describe(change, ref),
      }));
  });
}
