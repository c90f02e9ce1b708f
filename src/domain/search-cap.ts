/** GitHub's search answers at most this many hits for one query, however many match. */
export const searchResultCap = 1000;

/** What one pass of a search, sorted by update (oldest first), has read. */
export interface SearchPass {
  /** Hits read in this pass (since it started from `since`). */
  read: number;
  /** How many the search said matched. */
  total: number | undefined;
  /** The `updatedAt` of the last hit read. */
  lastUpdatedAt: string | null | undefined;
  /** Where this pass started (`updated:>=since`); null: from the beginning. */
  since: string | null;
}

/**
 * Where the next pass of a search sorted by update starts, once a pass has read every page GitHub
 * gives: the last hit's update time when more matched than were read (GitHub stopped at its cap);
 * `stuck` when more matched but the last hit's time is where this pass began (over 1,000 hits
 * updated in the same second: no `updated:` bound can reach past them); null when all were read.
 */
export function nextSearchPass(pass: SearchPass): { since: string } | 'stuck' | null {
  if (pass.total === undefined || pass.read >= pass.total) return null;
  const last = pass.lastUpdatedAt;
  if (!last || (pass.since !== null && last <= pass.since)) return 'stuck';
  return { since: last };
}
