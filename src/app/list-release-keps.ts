import type { KepState } from '../domain/kep-state.ts';
import { type IssueMilestones, releaseMembers } from '../domain/release-membership.ts';
import type { Store, StoredKep } from '../ports/store.ts';

/** The repos the release's KEPs are read from. */
export type ReleaseKepsStore = Pick<Store, 'keps' | 'statusUpdates'>;

export interface ReleaseKeps {
  keps: StoredKep[];
  /** Latest reported state by KEP path (KEPs of the release only). */
  states: Map<string, KepState>;
}

/**
 * The KEPs of a release by the one membership rule (`isInRelease`: `latest-milestone` is the
 * release and the status has not left the release process), ordered by number then path. With
 * `sig`, only that SIG's (owning) KEPs. Every surface that lists or counts "the KEPs of the
 * release" goes through here, so they all agree.
 */
export function listReleaseKeps(store: ReleaseKepsStore, release: string, sig?: string): ReleaseKeps {
  const filter =
    sig === undefined ? { latestMilestone: release } : { latestMilestone: release, owningSig: sig };
  const keps = releaseMembers(store.keps.list(filter), release);
  return { keps, states: latestStates(store, release, keps) };
}

/** The SIGs among `sigs` that own no KEP of the release (no round, nudge or digest for them), in order. */
export function sigsWithoutKeps(store: ReleaseKepsStore, release: string, sigs: readonly string[]): string[] {
  return sigs.filter((sig) => listReleaseKeps(store, release, sig).keps.length === 0);
}

/**
 * The release's KEPs with the synced GitHub issues taken into account too: a KEP whose issue is in
 * the release milestone is in the release even when its kep.yaml lags behind.
 */
export function listReleaseKepsWithIssues(
  store: ReleaseKepsStore,
  release: string,
  issues: IssueMilestones,
  sig?: string,
): ReleaseKeps {
  const all = store.keps.list(sig === undefined ? {} : { owningSig: sig });
  const keps = releaseMembers(all, release, issues);
  return { keps, states: latestStates(store, release, keps) };
}

function latestStates(
  store: Pick<Store, 'statusUpdates'>,
  release: string,
  keps: readonly StoredKep[],
): Map<string, KepState> {
  const states = new Map<string, KepState>();
  const paths = new Set(keps.map((k) => k.path));
  const sigs = new Set(keps.map((k) => k.owningSig).filter((s): s is string => s !== null));
  for (const dir of sigs)
    for (const [path, update] of store.statusUpdates.latestBySig(dir, release))
      if (paths.has(path)) states.set(path, update.state);
  return states;
}
