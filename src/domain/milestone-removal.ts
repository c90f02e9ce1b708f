/**
 * Removing a KEP from the release milestone, a release-team decision (enhancements handbook,
 * "Status": Removed From Milestone), recorded from Slack and undone by a restore. What the command
 * says, how the reason is kept, whether the record is in force once the tracking board is synced
 * (the board's Status wins), and the handbook's label and milestone changes. Pure.
 */
import { boardTrackingStatus, type TrackingStatus } from './tracking-status.ts';
import type { GithubLabels, WriteAction, WriteActionKind } from './write-back-plan.ts';

/** One removal as recorded: who, when and why, and when and by whom it was undone. */
export interface MilestoneRemoval {
  id: number;
  release: string;
  kepNumber: number;
  kepPath: string;
  sig: string | null;
  reason: string;
  /** Slack user id of who removed it. */
  removedBy: string;
  removedAt: string;
  /** The tracking board (`org/number`) configured when it was recorded, or null. */
  board: string | null;
  undoneAt: string | null;
  undoneBy: string | null;
}

/** The longest reason kept: it is shown in a confirm dialog (300 characters in all) and in notices. */
export const reasonMaxLength = 200;

/** The reason as kept: control characters and runs of blanks become one space, cut at the limit with `…`. */
export function shortenReason(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed
  const flat = text.replace(/[\u0000-\u001f\u007f\s]+/g, ' ').trim();
  const chars = [...flat];
  if (chars.length <= reasonMaxLength) return flat;
  return `${chars
    .slice(0, reasonMaxLength - 1)
    .join('')
    .trimEnd()}…`;
}

export type RemovalArgs = { ok: true; kep: number; reason: string } | { ok: false; message: string };

const kepPattern = /^(?:kep-?|#)?(\d{1,6})\b[\s,:;-]*/i;

/** `5593 reason: missed enhancements freeze` (also `#5593`, `KEP-5593`; `reason:` may be left out). */
export function parseRemoveArgs(text: string): RemovalArgs {
  const trimmed = text.trim();
  const match = kepPattern.exec(trimmed);
  if (!match) return { ok: false, message: removeUsage };
  const reason = shortenReason(trimmed.slice(match[0].length).replace(/^reason\s*:?\s*/i, ''));
  if (reason === '') return { ok: false, message: `Say why the KEP is removed. ${removeUsage}` };
  return { ok: true, kep: Number(match[1]), reason };
}

/** `5593` (also `#5593`, `KEP-5593`). */
export function parseRestoreArgs(text: string): { ok: true; kep: number } | { ok: false; message: string } {
  const match = /^(?:kep-?|#)?(\d{1,6})$/i.exec(text.trim());
  return match ? { ok: true, kep: Number(match[1]) } : { ok: false, message: restoreUsage };
}

export const removeUsage = 'Usage: `/drumbeat remove 5593 reason: missed enhancements freeze`.';
export const restoreUsage = 'Usage: `/drumbeat restore 5593`.';

/**
 * Whether a removal in force takes the KEP out of the milestone: yes, unless the synced tracking
 * board gives the KEP another Status (`boardStatus`: the board item's Status text, undefined when
 * the board is not synced or has no item for the KEP). The board's Status is the source of truth.
 */
export function removalHolds(
  removal: Pick<MilestoneRemoval, 'undoneAt'>,
  boardStatus?: string | null,
): boolean {
  if (removal.undoneAt !== null) return false;
  const board = boardTrackingStatus(boardStatus ?? null);
  return board === null || board === 'Removed From Milestone';
}

/** The board's Status when it disagrees with the recorded removal or restore, else null. */
export function boardDisagreement(
  removal: Pick<MilestoneRemoval, 'undoneAt'>,
  boardStatus: string | null,
): TrackingStatus | null {
  const board = boardTrackingStatus(boardStatus);
  if (board === null) return null;
  const removedOnBoard = board === 'Removed From Milestone';
  return removedOnBoard === (removal.undoneAt === null) ? null : board;
}

type TrackedLabels = Pick<GithubLabels, 'trackedYes' | 'trackedNo'>;

interface Change {
  kind: WriteActionKind;
  label: string;
}

/** The handbook's commands: removing (`/remove-label tracked/yes`, `/label tracked/no`, `/milestone clear`) or re-adding. */
export function milestoneChanges(
  direction: 'remove' | 'restore',
  release: string,
  labels: TrackedLabels,
): Change[] {
  if (direction === 'remove')
    return [
      { kind: 'remove-label', label: labels.trackedYes },
      { kind: 'add-label', label: labels.trackedNo },
      { kind: 'clear-milestone', label: '' },
    ];
  return [
    { kind: 'add-label', label: labels.trackedYes },
    { kind: 'remove-label', label: labels.trackedNo },
    { kind: 'set-milestone', label: release },
  ];
}

function describe(change: Change, ref: string): string {
  if (change.kind === 'add-label') return `add label ${change.label} to ${ref}`;
  if (change.kind === 'remove-label') return `remove label ${change.label} from ${ref}`;
  if (change.kind === 'set-milestone') return `set the milestone of ${ref} to ${change.label}`;
  return `clear the milestone of ${ref}`;
}

export interface RemovalPlanInput {
  direction: 'remove' | 'restore';
  repo: string;
  release: string;
  labels: TrackedLabels;
  removal: Pick<MilestoneRemoval, 'id' | 'kepNumber'>;
}

/** The write-back actions of a removal or its restore; keys name the removal, so each is planned once. */
export function planRemovalActions(input: RemovalPlanInput): WriteAction[] {
  const { removal, repo, direction } = input;
  const ref = `${repo}#${removal.kepNumber}`;
  const verb = direction === 'remove' ? 'removed from' : 'restored to';
  return milestoneChanges(direction, input.release, input.labels).map((change) => ({
    key: `${change.kind}:${ref}:${change.label}@${direction}:${removal.id}`,
    kind: change.kind,
    repo,
    issueNumber: removal.kepNumber,
    label: change.label,
    reason: `${verb} the ${input.release} milestone in Slack (removal #${removal.id})`,
    description: describe(change, ref),
  }));
}

/** The keys `planRemovalActions` gives a removal's (or its restore's) actions. */
export function removalActionKeys(input: RemovalPlanInput): string[] {
  return planRemovalActions(input).map((a) => a.key);
}
