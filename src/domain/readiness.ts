/**
 * Which KEPs of a release are not ready for a milestone, and why: the freeze requirements of
 * `freeze-readiness.ts` (sig-release's release_phases.md) evaluated from what the store holds
 * (kep.yaml, PRR files, the SIG's reports and, where a recent custody reading holds them, the linked
 * pull requests; no README, no GitHub issue, so those requirements are unverified and never count). A KEP is listed when its tracking Status is At Risk or
 * Exception Pending: the synced board's Status where it has one (the release team's word), else the
 * computed one (a requirement unmet); a KEP its SIG reported `dropped` (Deferred) is not.
 * Milestones that are not freezes have no readiness check.
 */
import type { LinkedPull } from './custody.ts';
import type { ExceptionStatus } from './exception.ts';
import {
  evaluateFreeze,
  type FreezeKind,
  isFreezeKind,
  type ReadinessKep,
  withOutcome,
} from './freeze-readiness.ts';
import type { KepState } from './kep-state.ts';
import { boardStatusForFreeze, isAtRisk, type TrackingStatus, trackingStatus } from './tracking-status.ts';
import type { MilestoneKind } from './types.ts';

export type { ReadinessKep } from './freeze-readiness.ts';

export interface NotReadyKep {
  kep: ReadinessKep;
  /** The handbook Status (At Risk For <freeze>, or Exception Pending). */
  status: TrackingStatus;
  /** The SIG's own latest report, shown next to the Status. */
  selfReport: KepState | null;
  /** Plain sentences (kep.yaml field names in backticks), one per unmet requirement. */
  reasons: string[];
}

/** What else is known: exception requests by KEP number (for this freeze). */
export interface ReadinessContext {
  exceptions?: ReadonlyMap<number, ExceptionStatus>;
  /** Paths of KEPs the release team removed from the milestone (never listed as not ready). */
  removed?: ReadonlySet<string>;
  /** The synced tracking board's Status by KEP number: where present, it decides instead of the computation. */
  board?: ReadonlyMap<number, TrackingStatus>;
  /**
   * The code repository's pull requests linked to each KEP issue, by KEP number, where a recent
   * custody reading holds them: Code Freeze and Test Freeze are judged from them.
   */
  pulls?: ReadonlyMap<number, readonly LinkedPull[]>;
}

function notReadyKep(
  freeze: FreezeKind,
  kep: ReadinessKep,
  release: string,
  state: KepState | null,
  context: ReadinessContext,
): NotReadyKep | null {
  const pulls = context.pulls?.get(kep.number) ?? null;
  const facts = {
    kep,
    release,
    issue: null,
    optedInLabel: 'lead-opted-in',
    readme: null,
    selfReport: state,
    pulls,
  };
  const results = evaluateFreeze(freeze, facts);
  const onBoard = context.board?.get(kep.number);
  const status =
    (onBoard && boardStatusForFreeze(onBoard, freeze)) ||
    trackingStatus({
      freeze,
      readiness: results,
      selfReport: state,
      exception: context.exceptions?.get(kep.number) ?? null,
      removedFromMilestone: context.removed?.has(kep.path) ?? false,
    });
  if (!isAtRisk(status)) return null;
  const reasons = withOutcome(results, 'unmet').map((r) => r.reason);
  return {
    kep,
    status,
    selfReport: state,
    reasons: reasons.length > 0 ? reasons : [`the tracking board says ${status}`],
  };
}

/**
 * The KEPs not ready for a milestone of `kind` in `release`, with every reason, ordered by KEP
 * number. `latestStates` maps KEP paths to their latest reported state. Empty for milestones that
 * are not freezes (see {@link hasReadinessChecks}).
 */
export function notReadyFor(
  kind: MilestoneKind | null,
  keps: readonly ReadinessKep[],
  release: string,
  latestStates: ReadonlyMap<string, KepState>,
  context: ReadinessContext = {},
): NotReadyKep[] {
  if (!isFreezeKind(kind)) return [];
  const out: NotReadyKep[] = [];
  for (const kep of keps) {
    const item = notReadyKep(kind, kep, release, latestStates.get(kep.path) ?? null, context);
    if (item) out.push(item);
  }
  return out.sort((a, b) => a.kep.number - b.kep.number || a.kep.path.localeCompare(b.kep.path));
}

/** True when the milestone kind has readiness checks (the four freezes). */
export function hasReadinessChecks(kind: MilestoneKind | null): boolean {
  return isFreezeKind(kind);
}
