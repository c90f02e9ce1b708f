/**
 * The KEP side of the program metrics: how many KEPs opted in, were tracked at each freeze, were
 * removed, deferred or shipped (by stage), and the exception requests per freeze. Derived from the
 * self-reported states and the records Drumbeat keeps (no tracking-board Status is stored), so a
 * KEP counts as "tracked" at a freeze when it had been seen in the release before the freeze and its
 * latest reported state then was not `dropped`. Pure.
 */
import { type ExceptionFreeze, exceptionFreezes } from './exception.ts';
import { releaseParts } from './milestone-version.ts';
import type { FactException, FactKep, FactUpdate, ReleaseFacts, ReportedState } from './program-facts.ts';

export interface FreezeCount {
  freeze: ExceptionFreeze;
  /** The calendar's name for it and its instant; null when the calendar has none. */
  name: string | null;
  at: string | null;
  /** KEPs tracked at that instant; null when the freeze is not in the calendar or still ahead. */
  tracked: number | null;
}

export interface KepMetrics {
  optedIn: number;
  trackedAtFreeze: FreezeCount[];
  /** Latest reported state `dropped`. */
  removed: number;
  /**
   * Not reported done, and kep.yaml now says `deferred` or names a later release as its latest
   * milestone.
   */
  deferred: number;
  /**
   * Latest reported state `done`, by stage: the stage kep.yaml's milestones give this release, else
   * its current stage (`unknown` when none).
   */
  shippedByStage: Record<string, number>;
}

export interface ExceptionCount {
  freeze: ExceptionFreeze;
  requested: number;
  approved: number;
  rejected: number;
  open: number;
}

/** The latest reported state of each KEP at (or before) `at`; all updates when `at` is null. */
export function latestStates(updates: readonly FactUpdate[], at: string | null): Map<number, ReportedState> {
  const latest = new Map<number, FactUpdate>();
  for (const update of updates) {
    if (at !== null && update.createdAt > at) continue;
    const seen = latest.get(update.kep);
    if (!seen || update.createdAt >= seen.createdAt) latest.set(update.kep, update);
  }
  return new Map([...latest].map(([kep, update]) => [kep, update.state]));
}

/** KEP numbers first seen in the release's records at or before `at` (all when null). */
function keysSeen(facts: ReleaseFacts, at: string | null): Set<number> {
  return new Set(facts.sightings.filter((s) => at === null || s.at <= at).map((s) => s.kep));
}

function trackedAt(facts: ReleaseFacts, freeze: ExceptionFreeze, now: string): FreezeCount {
  const row = facts.freezes.find((f) => f.kind === freeze);
  if (!row) return { freeze, name: null, at: null, tracked: null };
  if (row.at > now) return { freeze, name: row.name, at: row.at, tracked: null };
  const states = latestStates(facts.updates, row.at);
  const tracked = [...keysSeen(facts, row.at)].filter((kep) => states.get(kep) !== 'dropped').length;
  return { freeze, name: row.name, at: row.at, tracked };
}

/** True when kep.yaml moved the KEP out of `release`. */
function isDeferred(kep: FactKep, release: string): boolean {
  if (kep.status === 'deferred') return true;
  const later = kep.latestMilestone ? releaseParts(kep.latestMilestone) : null;
  const current = releaseParts(release);
  if (!later || !current) return false;
  return later[0] > current[0] || (later[0] === current[0] && later[1] > current[1]);
}

/** The stage a KEP targeted in `release`: kep.yaml's milestone for it, else its current stage. */
function stageIn(kep: FactKep, release: string): string {
  const planned = Object.entries(kep.milestones).find(([, version]) => version === release);
  return planned?.[0] ?? kep.stage ?? 'unknown';
}

export function kepMetrics(facts: ReleaseFacts, now: string): KepMetrics {
  const opted = keysSeen(facts, null);
  const states = latestStates(facts.updates, null);
  const stageOf = new Map(facts.keps.map((k) => [k.number, stageIn(k, facts.release)]));
  const shippedByStage: Record<string, number> = {};
  for (const [kep, state] of states) {
    if (state !== 'done' || !opted.has(kep)) continue;
    const stage = stageOf.get(kep) ?? 'unknown';
    shippedByStage[stage] = (shippedByStage[stage] ?? 0) + 1;
  }
  return {
    optedIn: opted.size,
    trackedAtFreeze: exceptionFreezes.map((freeze) => trackedAt(facts, freeze, now)),
    removed: [...states.values()].filter((s) => s === 'dropped').length,
    deferred: facts.keps.filter(
      (k) => opted.has(k.number) && states.get(k.number) !== 'done' && isDeferred(k, facts.release),
    ).length,
    shippedByStage,
  };
}

export function exceptionMetrics(exceptions: readonly FactException[]): ExceptionCount[] {
  return exceptionFreezes.map((freeze) => {
    const rows = exceptions.filter((e) => e.freeze === freeze);
    const count = (status: FactException['status']) => rows.filter((e) => e.status === status).length;
    return {
      freeze,
      requested: rows.length,
      approved: count('approved'),
      rejected: count('rejected'),
      open: count('open'),
    };
  });
}
