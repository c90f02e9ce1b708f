import { releaseMembers } from '../domain/release-membership.ts';
import type { StatusUpdate } from '../domain/status.ts';
import type { TrackingStatus } from '../domain/tracking-status.ts';
import type { Store, StoredKep } from '../ports/store.ts';
import type { RemovalReadRepo } from './removed-keps.ts';
import { trackingStatusesOf } from './track-release.ts';

/** The repos `listSigKeps` reads. */
export type SigKepsStore = Pick<
  Store,
  'custody' | 'keps' | 'milestones' | 'planning' | 'sigs' | 'statusUpdates' | RemovalReadRepo
>;

/** One row of `/kep-status sig-node`: a KEP of the SIG in the release and its latest update. */
export interface SigKepRow {
  kep: StoredKep;
  latest: StatusUpdate | null;
  /** The release team's tracking Status. */
  tracking: TrackingStatus | null;
}

export type SigKepsResult = { ok: true; rows: SigKepRow[] } | { ok: false; reason: 'unknown-sig' };

/** The KEPs a SIG owns in the release (the one membership rule), each with its latest status update (none yet: null). */
export function listSigKeps(
  store: SigKepsStore,
  input: { sig: string; release: string; now: Date },
): SigKepsResult {
  const { sig, release } = input;
  if (!store.sigs.get(sig)) return { ok: false, reason: 'unknown-sig' };
  const latest = store.statusUpdates.latestBySig(sig, release);
  const keps = releaseMembers(store.keps.list({ owningSig: sig, latestMilestone: release }), release);
  const tracking = trackingStatusesOf(store, release, keps, input.now);
  const rows = keps.map((kep) => ({
    kep,
    latest: latest.get(kep.path) ?? null,
    tracking: tracking.get(kep.path) ?? null,
  }));
  return { ok: true, rows };
}
