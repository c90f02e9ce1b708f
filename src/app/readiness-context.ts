/**
 * What a "not ready for this freeze" list needs besides kep.yaml and the SIGs' reports, read once
 * from the store, so the deadline alerts, the digests' next deadlines and App Home agree: the
 * freeze's exception requests, the KEPs the release team removed, the synced board's Status and the
 * pull requests a recent custody reading linked to each KEP.
 */
import type { FreezeKind } from '../domain/freeze-readiness.ts';
import type { ReadinessContext } from '../domain/readiness.ts';
import type { Store } from '../ports/store.ts';
import { type ReleaseReadings, type ReleaseReadingsStore, releaseReadings } from './release-readings.ts';

export type ReadinessContextStore = Pick<Store, 'planning'> & ReleaseReadingsStore;

/**
 * The context of each freeze of the release as of `now`, by freeze kind (exception requests differ
 * per freeze). `readings`, when the caller already read them (for the tracking Status too).
 */
export function readinessContexts(
  store: ReadinessContextStore,
  release: string,
  now: Date,
  readings: ReleaseReadings = releaseReadings(store, release, now),
): (freeze: FreezeKind) => ReadinessContext {
  const { removed, board, pulls } = readings;
  const requests = store.planning.listExceptions(release);
  return (freeze) => ({
    exceptions: new Map(requests.filter((e) => e.freeze === freeze).map((e) => [e.kep, e.status] as const)),
    removed,
    ...(board ? { board } : {}),
    ...(pulls ? { pulls } : {}),
  });
}
