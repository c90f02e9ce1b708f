import { type PulseSummary, summarizePulse } from '../domain/nps.ts';
import { releaseMetrics } from '../domain/program-metrics.ts';
import type { ReleaseReport } from '../domain/release-report.ts';
import { groupRetroItems, type RetroSummary } from '../domain/retro.ts';
import type { PulseRepo, RetroRepo } from '../ports/feedback-store.ts';
import type { ProcessFactsRepo } from '../ports/process-store.ts';
import type { ReleaseRepo } from '../ports/store.ts';

export interface ReportStore {
  releases: ReleaseRepo;
  processFacts: ProcessFactsRepo;
  pulses: PulseRepo;
  retros: RetroRepo;
}

/** The release's pulse results (hidden below the threshold and while open); null without a pulse. */
export function pulseSummary(store: ReportStore, release: string): PulseSummary | null {
  const pulse = store.pulses.get(release);
  if (!pulse) return null;
  return summarizePulse({
    release,
    state: pulse.closedAt ? 'closed' : 'open',
    invited: store.pulses.invitedCount(release),
    answers: store.pulses.answers(release),
    minimum: pulse.minimum,
  });
}

function retroSummary(store: ReportStore, release: string): RetroSummary | null {
  const prompts = store.retros.prompts(release);
  if (prompts.length === 0) return null;
  return groupRetroItems(release, prompts[0]?.postedAt ?? '', store.retros.items(release));
}

/** NPS of every stored release up to this one whose pulse shows results, oldest first. */
function npsTrend(store: ReportStore, release: string): ReleaseReport['npsTrend'] {
  const names = store.releases.list().map((r) => r.name);
  return names.slice(0, names.indexOf(release) + 1).flatMap((name) => {
    const pulse = pulseSummary(store, name);
    return pulse?.shown && pulse.nps !== null
      ? [{ release: name, nps: pulse.nps, answered: pulse.answered }]
      : [];
  });
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
    pulse: pulseSummary(store, release),
    npsTrend: npsTrend(store, release),
    retro: retroSummary(store, release),
  };
}
