/**
 * The Enhancements team's tracking Status of a KEP, with the handbook's exact values
 * (enhancements handbook, "Working with the Release Tracking Board" → "Status"). Computed per KEP
 * and freeze from readiness, exception requests and the SIG's own report; a board that is synced
 * can supply the value instead (see `boardTrackingStatus`). Pure.
 */
import type { ExceptionStatus } from './exception.ts';
import type { FreezeKind, RequirementResult } from './freeze-readiness.ts';
import type { KepState } from './kep-state.ts';

export const trackingStatuses = [
  'Tracked For PRR Freeze',
  'At Risk For PRR Freeze',
  'Tracked For Enhancement Freeze',
  'At Risk For Enhancement Freeze',
  'Tracked For Code Freeze',
  'At Risk For Code Freeze',
  'Tracked For Docs Freeze',
  'At Risk For Docs Freeze',
  'Exception Pending',
  'Exception Approved',
  'Deferred',
  'Removed From Milestone',
] as const;
export type TrackingStatus = (typeof trackingStatuses)[number];

/** The handbook's name of each freeze as it appears in the Status values. */
const freezeWords: Readonly<Record<FreezeKind, string>> = {
  'prr-freeze': 'PRR Freeze',
  'enhancements-freeze': 'Enhancement Freeze',
  'code-freeze': 'Code Freeze',
  'docs-freeze': 'Docs Freeze',
};

export interface TrackingInput {
  /** The freeze the KEP is tracked for: the next one, or the last one once all have passed. */
  freeze: FreezeKind;
  readiness: readonly RequirementResult[];
  /** The SIG's latest self-reported state; `dropped` means the SIG deferred it. */
  selfReport: KepState | null;
  /** The latest exception request's status for this KEP and freeze, if any. */
  exception: ExceptionStatus | null;
  /** The release team recorded that it removed the KEP from the milestone. */
  removedFromMilestone: boolean;
}

/**
 * The Status: Removed From Milestone (a release-team decision) first, then Deferred (the SIG
 * reported `dropped`), then, when a requirement of the freeze is unmet, Exception Approved /
 * Exception Pending when an exception was requested, else At Risk For <freeze>; otherwise Tracked
 * For <freeze>. Unverified requirements never make a KEP at risk.
 */
export function trackingStatus(input: TrackingInput): TrackingStatus {
  if (input.removedFromMilestone) return 'Removed From Milestone';
  if (input.selfReport === 'dropped') return 'Deferred';
  const words = freezeWords[input.freeze];
  if (!input.readiness.some((r) => r.outcome === 'unmet')) return `Tracked For ${words}` as TrackingStatus;
  if (input.exception === 'approved') return 'Exception Approved';
  if (input.exception === 'open') return 'Exception Pending';
  return `At Risk For ${words}` as TrackingStatus;
}

/** True for the Status values that mean "the KEP needs attention for this freeze". */
export function isAtRisk(status: TrackingStatus): boolean {
  return status.startsWith('At Risk') || status === 'Exception Pending';
}

/** The board's Status text as one of the handbook values (case and spacing forgiven), or null. */
export function boardTrackingStatus(text: string | null): TrackingStatus | null {
  if (!text) return null;
  const wanted = text.replace(/\s+/g, ' ').trim().toLowerCase();
  const aliases: Record<string, TrackingStatus> = {
    'tracked for enhancements freeze': 'Tracked For Enhancement Freeze',
    'at risk for enhancements freeze': 'At Risk For Enhancement Freeze',
  };
  return aliases[wanted] ?? trackingStatuses.find((s) => s.toLowerCase() === wanted) ?? null;
}

/**
 * A board Status as the Status for `freeze`: the board's word when it names that freeze or no freeze
 * at all (Exception Pending / Approved, Deferred, Removed From Milestone); null when it names another
 * freeze (e.g. still *Tracked For Enhancement Freeze* when Code Freeze is asked about: the board has
 * not been moved on to that freeze yet, so it says nothing about it).
 */
export function boardStatusForFreeze(status: TrackingStatus, freeze: FreezeKind): TrackingStatus | null {
  const named = Object.values(freezeWords).find((words) => status.endsWith(words));
  return named === undefined || named === freezeWords[freeze] ? status : null;
}
