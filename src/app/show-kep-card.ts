import { isInRelease } from '../domain/release-membership.ts';
import type { Blocker, StatusUpdate } from '../domain/status.ts';
import type { TrackingStatus } from '../domain/tracking-status.ts';
import type { Store, StoredKep } from '../ports/store.ts';
import type { RemovalReadRepo } from './removed-keps.ts';
import { resolveKep } from './resolve-kep.ts';
import { trackingStatusesOf } from './track-release.ts';

/** The repos a KEP card is read from. */
export type KepCardStore = Pick<
  Store,
  'blockers' | 'custody' | 'keps' | 'milestones' | 'planning' | 'statusUpdates' | RemovalReadRepo
>;

/** What `/kep-status 4222` shows: the KEP, its last updates in the release and its open blockers. */
export interface KepCardModel {
  kep: StoredKep;
  release: string;
  history: StatusUpdate[];
  blockers: Blocker[];
  /** Other folders with the same KEP number, not in the release (named on the card). */
  alsoNumbered: StoredKep[];
  /** The release team's tracking Status, when the KEP is in the release. */
  tracking: TrackingStatus | null;
}

export type KepCardResult = { ok: true; card: KepCardModel } | { ok: false; message: string };

/** How many of the KEP's latest updates the card lists. */
const historyLength = 5;

/** The card of the KEP a person names by number (the one in the release when numbers repeat). */
export function showKepCard(
  store: KepCardStore,
  input: { kep: number; release: string; now: Date; repo: string },
): KepCardResult {
  const { release } = input;
  const lookup = resolveKep(store, input.kep, release, input.repo);
  if (!lookup.ok) return { ok: false, message: lookup.message };
  const { kep } = lookup;
  const history = store.statusUpdates.history(kep.path, release, historyLength);
  const blockers = store.blockers.listOpen({ release, kepPath: kep.path });
  const tracking = isInRelease(kep, release)
    ? (trackingStatusesOf(store, release, [kep], input.now).get(kep.path) ?? null)
    : null;
  return { ok: true, card: { kep, release, history, blockers, alsoNumbered: lookup.alsoNumbered, tracking } };
}
