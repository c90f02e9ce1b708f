import type { KepState } from '../domain/kep-state.ts';
import type { Store, StoredKep } from '../ports/store.ts';

export interface ReleaseKeps {
  keps: StoredKep[];
  /** Latest reported state by KEP path. */
  states: Map<string, KepState>;
}

/**
 * The KEPs a release tracks: `latest-milestone` is the release, the milestone of its target stage
 * (`milestone.<stage>`) names it, or a facilitator reported on it in the release. With `sig`, only that SIG's (owning) KEPs.
 */
export function listReleaseKeps(store: Store, release: string, sig?: string): ReleaseKeps {
  const states = new Map<string, KepState>();
  const sigs = sig === undefined ? store.sigs.list().map((s) => s.dir) : [sig];
  for (const dir of sigs)
    for (const [path, update] of store.statusUpdates.latestBySig(dir, release))
      states.set(path, update.state);
  const all = store.keps.list(sig === undefined ? {} : { owningSig: sig });
  const keps = all.filter(
    (k) =>
      k.latestMilestone === release ||
      (k.stage !== null && k.milestones[k.stage] === release) ||
      states.has(k.path),
  );
  return { keps, states };
}
