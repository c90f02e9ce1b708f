import type { PlanEntry } from '../domain/plan.ts';
import type { PlanningSettings } from '../ports/planning.ts';
import type { Store, StoredKep } from '../ports/store.ts';
import { listReleaseKeps } from './list-release-keps.ts';

/** The repos `listPlanCandidates` reads. */
export type PlanCandidatesStore = Pick<Store, 'githubSnapshots' | 'keps' | 'planning' | 'statusUpdates'>;

export interface PlanCandidate {
  kep: StoredKep;
  /** The row in the SIG's latest plan, to pre-fill the form; null when not planned yet. */
  planned: PlanEntry | null;
}

/**
 * The KEPs a SIG can commit this release: those targeting it (latest-milestone, the stage's
 * milestone, or reported on), those opted in on GitHub (the opted-in label, as last synced), and
 * those already in its latest plan. One per KEP number, by number.
 */
export function listPlanCandidates(
  store: PlanCandidatesStore,
  settings: PlanningSettings,
  sig: string,
): PlanCandidate[] {
  const byNumber = new Map<number, StoredKep>();
  for (const kep of listReleaseKeps(store, settings.release, sig).keps) byNumber.set(kep.number, kep);
  const optedIn = store.githubSnapshots.listIssues(settings.github.repo, {
    label: settings.github.optedInLabel,
  });
  for (const issue of optedIn) {
    const kep = store.keps.findByNumber(issue.number).find((k) => k.owningSig === sig);
    if (kep && !byNumber.has(kep.number)) byNumber.set(kep.number, kep);
  }
  const latest = store.planning.latestPlan(settings.release, sig);
  for (const entry of latest?.entries ?? []) {
    const kep = store.keps.findByNumber(entry.kep)[0];
    if (kep && !byNumber.has(kep.number)) byNumber.set(kep.number, kep);
  }
  return [...byNumber.values()]
    .sort((a, b) => a.number - b.number)
    .map((kep) => ({ kep, planned: latest?.entries.find((e) => e.kep === kep.number) ?? null }));
}
