/**
 * Which KEPs of a release are out of its milestone by a removal recorded from Slack, with the
 * tracking board taken into account: once the board a removal was recorded against is synced, the
 * board's Status for the KEP decides (the source of truth).
 */
import { type MilestoneRemoval, removalHolds } from '../domain/milestone-removal.ts';
import type { Store } from '../ports/store.ts';

/** The repos a removal is read from, with the board that may overrule it. */
export type RemovalReadRepo = 'milestoneRemovals' | 'githubSnapshots' | 'githubSync';
export type RemovalReadStore = Pick<Store, RemovalReadRepo>;

/**
 * The board's Status text for a KEP: undefined when there is no board or it was never synced, null
 * when the synced board has no item (or no Status) for the KEP.
 */
export function boardStatusFor(
  store: Pick<Store, 'githubSnapshots' | 'githubSync'>,
  board: string | null,
  kepNumber: number,
): string | null | undefined {
  if (!board || store.githubSync.getCursor(`board:${board}:updatedAt`) === null) return undefined;
  const item = store.githubSnapshots
    .listBoardItems(board)
    .find((i) => i.issueNumber === kepNumber && !i.archived);
  return item?.status ?? null;
}

/** The latest removal of each KEP of the release, with the board's Status next to it. */
export function removalsWithBoard(
  store: RemovalReadStore,
  release: string,
): Array<{ removal: MilestoneRemoval; boardStatus: string | null | undefined }> {
  return store.milestoneRemovals
    .latestByKep(release)
    .map((removal) => ({ removal, boardStatus: boardStatusFor(store, removal.board, removal.kepNumber) }));
}

/** Paths of the release's KEPs whose removal holds (in force, and not contradicted by the synced board). */
export function removedKepPaths(store: RemovalReadStore, release: string): Set<string> {
  return new Set(
    removalsWithBoard(store, release)
      .filter(({ removal, boardStatus }) => removalHolds(removal, boardStatus))
      .map(({ removal }) => removal.kepPath),
  );
}
