/**
 * What the tracking Status and the "not ready for this freeze" lists read of a release besides
 * kep.yaml and the SIGs' reports: the KEPs the release team removed, the synced board's Status and
 * the pull requests a recent custody reading linked to each KEP. A surface that shows both (a
 * digest, App Home) reads them once and hands them to each.
 */
import type { LinkedPull } from '../domain/custody.ts';
import type { TrackingStatus } from '../domain/tracking-status.ts';
import type { Store } from '../ports/store.ts';
import { boardTrackingStatuses } from './board-tracking.ts';
import { type RemovalReadRepo, removedKepPaths } from './removed-keps.ts';
import { storedCustodyPulls } from './stored-custody.ts';

export type ReleaseReadingsStore = Pick<Store, 'custody' | RemovalReadRepo>;

export interface ReleaseReadings {
  /** KEP paths the release team removed from the milestone. */
  removed: ReadonlySet<string>;
  /** The synced tracking board's Status by KEP number; null when no board was synced. */
  board: ReadonlyMap<number, TrackingStatus> | null;
  /** Linked pull requests by KEP number, where a custody reading is recent; null when never read. */
  pulls: ReadonlyMap<number, readonly LinkedPull[]> | null;
}

/** The readings of `release` as of `now`; without `now`, no pull requests (`pulls` null). */
export function releaseReadings(
  store: ReleaseReadingsStore,
  release: string,
  now: Date | null,
): ReleaseReadings {
  return {
    removed: removedKepPaths(store, release),
    board: boardTrackingStatuses(store),
    pulls: now ? storedCustodyPulls(store, now) : null,
  };
}
