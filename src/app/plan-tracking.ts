import { parseBoardStatus } from '../domain/board.ts';
import { boardFieldPresent } from '../domain/board-exception.ts';
import type { BoardItemSnapshot, GithubEvent, IssueSnapshot } from '../domain/github-snapshots.ts';
import { effectPresent, planTrackingChanges } from '../domain/issue-commands.ts';
import type { WriteAction } from '../domain/write-back-plan.ts';
import type {
  GithubSnapshotRepo,
  GithubSyncRepo,
  GithubWriteBackRepo,
  StoredWriteAction,
} from '../ports/github-store.ts';
import type { DriftScope } from './find-drift.ts';

export interface TrackingStore {
  githubSnapshots: GithubSnapshotRepo;
  githubSync: Pick<GithubSyncRepo, 'getCursor'>;
  githubWriteBack: GithubWriteBackRepo;
}

function sameChange(a: WriteAction, b: WriteAction): boolean {
  return a.kind === b.kind && a.repo === b.repo && a.issueNumber === b.issueNumber && a.label === b.label;
}

function isRemoved(text: string | null): boolean {
  return text !== null && parseBoardStatus(text) === 'Removed From Milestone';
}

/** KEPs whose board Status moved to or away from Removed From Milestone in these events. */
export function removalTransitions(events: GithubEvent[]): Set<number> {
  const numbers = events
    .filter((e) => e.kind === 'board-field' && e.field === 'Status' && e.kepNumber !== null)
    .filter((e) => isRemoved(e.before) !== isRemoved(e.after))
    .map((e) => e.kepNumber!);
  return new Set(numbers);
}

/**
 * Plans the label and milestone changes of the handbook's "Label and milestone updates when removing
 * or re-adding a KEP" for KEPs whose board Status moved to or away from Removed From Milestone in
 * this sync (`events`). A change already planned under another key is not planned again. Returns how
 * many actions were added.
 */
export function planTrackingWriteBack(
  store: TrackingStore,
  scope: DriftScope,
  events: GithubEvent[],
  now: Date,
): number {
  const moved = removalTransitions(events);
  if (!scope.board || moved.size === 0) return 0;
  const boardKey = `${scope.board.org}/${scope.board.number}`;
  const board = store.githubSnapshots
    .listBoardItems(boardKey)
    .filter((item) => item.issueNumber !== null && moved.has(item.issueNumber));
  const issues = new Map<number, IssueSnapshot>();
  for (const item of board) {
    if (item.issueNumber === null || (item.issueRepo !== null && item.issueRepo !== scope.repo)) continue;
    const issue = store.githubSnapshots.getIssue(scope.repo, item.issueNumber);
    if (issue) issues.set(issue.number, issue);
  }
  const planned = store.githubWriteBack.list('planned');
  const actions = planTrackingChanges({
    repo: scope.repo,
    release: scope.release,
    labels: scope.labels,
    issues,
    board,
  });
  const fresh = actions.filter((a) => !planned.some((p) => sameChange(p, a)));
  return store.githubWriteBack.plan(fresh, now).filter((p) => p.created).length;
}

/** Marks applied actions whose effect the synced issue now shows; returns how many are still unseen. */
export function verifyWriteBack(
  store: TrackingStore,
  now: Date,
  boardKey: string | null = null,
): { verified: number; awaiting: number } {
  let verified = 0;
  let awaiting = 0;
  const boardItems = boardKey ? store.githubSnapshots.listBoardItems(boardKey) : [];
  for (const action of store.githubWriteBack.listUnverified()) {
    if (effectSeen(store, action, boardItems)) {
      store.githubWriteBack.markVerified(action.key, now);
      verified++;
    } else awaiting++;
  }
  return { verified, awaiting };
}

/** Whether the last sync saw the action's effect: on the issue, or on its board item. */
function effectSeen(
  store: TrackingStore,
  action: StoredWriteAction,
  boardItems: BoardItemSnapshot[],
): boolean {
  if (action.kind === 'set-board-field') {
    const item = boardItems.find((i) => i.issueNumber === action.issueNumber && !i.archived);
    return item !== undefined && boardFieldPresent(action, item.fields);
  }
  const issue = store.githubSnapshots.getIssue(action.repo, action.issueNumber);
  return issue !== null && effectPresent(action, issue);
}
