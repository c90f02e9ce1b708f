import { releaseMembers } from '../domain/release-membership.ts';
import type { StatusUpdate } from '../domain/status.ts';
import type { Store, StoredKep } from '../ports/store.ts';

/** One row of `/kep-status sig-node`: a KEP of the SIG in the release and its latest update. */
export interface SigKepRow {
  kep: StoredKep;
  latest: StatusUpdate | null;
}

export type SigKepsResult = { ok: true; rows: SigKepRow[] } | { ok: false; reason: 'unknown-sig' };

/** The KEPs a SIG owns in the release (the one membership rule), each with its latest status update (none yet: null). */
export function listSigKeps(
  store: Pick<Store, 'sigs' | 'keps' | 'statusUpdates'>,
  input: { sig: string; release: string },
): SigKepsResult {
  const { sig, release } = input;
  if (!store.sigs.get(sig)) return { ok: false, reason: 'unknown-sig' };
  const latest = store.statusUpdates.latestBySig(sig, release);
  const rows = releaseMembers(store.keps.list({ owningSig: sig, latestMilestone: release }), release).map(
    (kep) => ({ kep, latest: latest.get(kep.path) ?? null }),
  );
  return { ok: true, rows };
}
