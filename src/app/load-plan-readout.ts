import { listIncrements } from '../domain/confidence.ts';
import { entryRisks, findUncommittedDependencies, type SigPlan } from '../domain/plan.ts';
import type { PlanningSettings, PlanReplyModel, ReadoutModel } from '../ports/planning.ts';
import type { Store } from '../ports/store.ts';

/** The repos the readout is loaded from. */
export type PlanReadoutStore = Pick<Store, 'keps' | 'planning'>;

/** The owning SIG of a KEP number (the first KEP with that number), or null. */
export function kepOwner(store: Pick<Store, 'keps'>, kep: number): string | null {
  return store.keps.findByNumber(kep)[0]?.owningSig ?? null;
}

/** The release's latest plans, with dependencies no plan commits to, and SIGs without a plan. */
export function loadPlanReadout(store: PlanReadoutStore, settings: PlanningSettings): ReadoutModel {
  const plans = store.planning.latestPlans(settings.release);
  const uncommitted = findUncommittedDependencies(plans, (kep) => kepOwner(store, kep));
  const planned = new Set(plans.map((p) => p.sig));
  const missing = Object.entries(settings.facilitators)
    .filter(([sig, people]) => people.length > 0 && !planned.has(sig))
    .map(([sig]) => sig)
    .sort();
  return { release: settings.release, plans, uncommitted, missing };
}

/** One SIG's plan as a readout reply: its risks and its uncommitted dependencies. */
export function planReplyModel(
  plan: SigPlan,
  readout: ReadoutModel,
  settings: PlanningSettings,
  updated: boolean,
): PlanReplyModel {
  const period = settings.codingPeriod;
  const uncommitted = readout.uncommitted.filter((u) => u.sig === plan.sig);
  const risks = new Map(
    plan.entries.map((e) => [e.kep, entryRisks(e, period?.increments ?? 0, uncommitted)] as const),
  );
  return { plan, increments: period ? listIncrements(period) : null, risks, uncommitted, updated };
}

/** The outbox key of a plan version's reply in the readout thread. */
export function planReplyKey(release: string, sig: string, version: number): string {
  return `planning:${release}:plan:${sig}:v${version}`;
}

/** The outbox key of the readout's parent message. */
export function readoutParentKey(release: string): string {
  return `planning:${release}:readout`;
}
