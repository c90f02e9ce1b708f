import { releaseMetrics } from '../domain/program-metrics.ts';
import type { ReleaseReport } from '../domain/release-report.ts';
import type { ProcessFactsRepo } from '../ports/process-store.ts';
import type { ReleaseRepo } from '../ports/store.ts';

export interface ReportStore {
  releases: ReleaseRepo;
  processFacts: ProcessFactsRepo;
}

/** Names that are not stored releases, with the stored ones to say what would be valid. */
export function unknownReleases(store: ReportStore, names: readonly string[]): string | null {
  const stored = store.releases.list().map((r) => r.name);
  const missing = names.filter((n) => !stored.includes(n));
  if (missing.length === 0) return null;
  const known = stored.length > 0 ? stored.join(', ') : 'none yet';
  return `no release ${missing.join(', ')} in the database (stored releases: ${known})`;
}

/** The release report of one stored release, as of `now`. */
export function buildReleaseReport(store: ReportStore, release: string, now: Date): ReleaseReport {
  const asOf = now.toISOString();
  return {
    release,
    asOf,
    metrics: releaseMetrics(store.processFacts.factsFor(release), asOf),
    pulse: null,
    retro: null,
  };
}
