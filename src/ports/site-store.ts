import type { KepState } from '../domain/kep-state.ts';
import type { Kep } from '../domain/types.ts';
import type { DatedState } from './digest-store.ts';

/** The KEP fields the release page reads (no JSON columns). */
export type SiteKep = Pick<
  Kep,
  'path' | 'number' | 'title' | 'owningSig' | 'status' | 'stage' | 'latestMilestone'
>;

/** A KEP's latest update of a release: what the page counts, without the note. */
export interface SiteLatest {
  state: KepState;
  confidence: number | null;
  increment: number | null;
  /** ISO-8601. */
  createdAt: string;
}

/**
 * The release site's own reads: narrow and index-backed, so a page costs O(KEPs) rows however long
 * the history, plus a version that says whether anything in the database changed since.
 */
export interface SiteRepo {
  /**
   * KEPs whose kep.yaml `latest-milestone` is `release`, by number then path (apply
   * `releaseMembers`), each with its latest update of the release recorded for its owning SIG (as
   * `StatusRepo.latestBySig` of that SIG has it); null when the SIG recorded none.
   */
  kepsWithLatest(release: string): Array<{ kep: SiteKep; latest: SiteLatest | null }>;
  /** Each update the SIG recorded in the release as (path, state, instant), oldest first. */
  statesOfSig(sig: string, release: string): DatedState[];
  /**
   * Changes whenever the database may have changed: a write through this connection or a commit by
   * another. Equal versions mean every read returns what it returned before.
   */
  dataVersion(): string;
}
