/**
 * The tracking board's Status as the KEPs' tracking Status: once a board is synced, its Status is
 * the source of truth (enhancements handbook, "Status"); Drumbeat's own computation fills in only
 * for KEPs the board has no item or no recognisable Status for.
 */
import { boardTrackingStatus, type TrackingStatus } from '../domain/tracking-status.ts';
import type { Store } from '../ports/store.ts';

/**
 * The sync cursor naming the board (`org/number`) the last successful board read came from; '' once
 * a sync ran with no board configured.
 */
export const trackingBoardCursor = 'board:tracking';

export type BoardTrackingStore = Pick<Store, 'githubSnapshots' | 'githubSync'>;

/**
 * The synced board's Status of each KEP issue, by issue number: null when no board was synced, or
 * the last sync ran without one.
 * Archived items, drafts and Status values outside the handbook's are left out (the sync warns about those).
 */
export function boardTrackingStatuses(store: BoardTrackingStore): ReadonlyMap<number, TrackingStatus> | null {
  const board = store.githubSync.getCursor(trackingBoardCursor);
  if (!board) return null;
  const statuses = new Map<number, TrackingStatus>();
  for (const item of store.githubSnapshots.listBoardItems(board)) {
    const status = boardTrackingStatus(item.status);
    if (item.archived || item.issueNumber === null || status === null) continue;
    statuses.set(item.issueNumber, status);
  }
  return statuses;
}
