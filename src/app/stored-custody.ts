/**
 * The chain of custody as last read (`trace-custody.ts`), for readiness: Code Freeze and Test Freeze
 * are judged from the pull requests linked to each KEP issue wherever the stored reading is recent.
 */
import type { LinkedPull } from '../domain/custody.ts';
import { linkedPulls } from '../domain/custody-report.ts';
import type { Store } from '../ports/store.ts';

/** The sync cursor naming the repositories the last custody run read (`{ enhancementsRepo, codeRepo }`). */
export const custodyReposCursor = 'custody:repos';

/** How recent a KEP issue's reading must be to judge readiness from it. */
export const custodyFreshMs = 24 * 3_600_000;

export type StoredCustodyStore = Pick<Store, 'custody' | 'githubSync'>;

/** The repositories of the last custody run, or null when there was none. */
export function custodyRepos(
  store: StoredCustodyStore,
): { enhancementsRepo: string; codeRepo: string } | null {
  const value = store.githubSync.getCursor(custodyReposCursor);
  if (!value) return null;
  try {
    const parsed = JSON.parse(value) as { enhancementsRepo?: unknown; codeRepo?: unknown };
    return typeof parsed.enhancementsRepo === 'string' && typeof parsed.codeRepo === 'string'
      ? { enhancementsRepo: parsed.enhancementsRepo, codeRepo: parsed.codeRepo }
      : null;
  } catch {
    return null;
  }
}

/**
 * The code repository's pull requests linked to each KEP issue, by KEP number, for the issues read
 * (or checked for changes) within `custodyFreshMs` of `now`; null when custody was never read.
 * A KEP absent from the map has no recent reading (its readiness stays unverified).
 */
export function storedCustodyPulls(
  store: StoredCustodyStore,
  now: Date,
): ReadonlyMap<number, readonly LinkedPull[]> | null {
  const repos = custodyRepos(store);
  if (!repos) return null;
  const since = new Date(now.getTime() - custodyFreshMs).toISOString();
  const pulls = new Map<number, readonly LinkedPull[]>();
  for (const [number, links] of store.custody.linksCheckedSince(repos.enhancementsRepo, since)) {
    const reading = {
      found: true,
      timeline: links.filter((l) => l.via === 'timeline').map((l) => l.pull),
      body: links.filter((l) => l.via === 'body').map((l) => l.pull),
    };
    pulls.set(number, linkedPulls(reading, repos.codeRepo));
  }
  return pulls;
}
