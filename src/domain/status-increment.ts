/**
 * Which increment a status update's confidence is capped by: the one named on the line, else the
 * last increment of the SIG's approved plan for the KEP, else the previous update's, else the
 * current one. A planned or inherited increment that has ended moves to the current one (the work
 * lands there at the earliest); a named one is taken as written and refused later when it ended.
 */
import { type CodingPeriod, currentIncrement } from './confidence.ts';
import type { PlanEntry } from './plan.ts';

export type IncrementSource = 'line' | 'plan' | 'previous' | 'current';

export interface IncrementChoice {
  /** 1-based; null only without a coding period and with nothing known. */
  increment: number | null;
  source: IncrementSource;
}

export interface KnownIncrements {
  /** Named on the line or in the form. */
  given: number | null;
  /** The last increment the approved plan puts the KEP's work in. */
  planned: number | null;
  /** The increment of the KEP's previous update. */
  previous: number | null;
}

export function chooseIncrement(
  period: CodingPeriod | null,
  now: Date,
  known: KnownIncrements,
): IncrementChoice {
  if (known.given !== null) return { increment: known.given, source: 'line' };
  const current = period ? currentIncrement(period, now) : null;
  const atLeastNow = (n: number) => (current === null ? n : Math.max(n, current));
  if (known.planned !== null) return { increment: atLeastNow(known.planned), source: 'plan' };
  if (known.previous !== null) return { increment: atLeastNow(known.previous), source: 'previous' };
  return { increment: current, source: 'current' };
}

/** The last increment a plan entry commits work to, or null when it commits none. */
export function plannedIncrement(entry: PlanEntry | undefined): number | null {
  if (!entry || entry.increments.length === 0) return null;
  return Math.max(...entry.increments.map((i) => i.increment));
}

/** Why an update is capped where it is: "KEP-5593 is planned for increment 3 in sig-node's approved plan: cap 60%". */
export function explainCap(kep: number, sig: string, choice: IncrementChoice, cap: number): string {
  const n = choice.increment;
  switch (choice.source) {
    case 'line':
      return `KEP-${kep} is reported for increment ${n}: cap ${cap}%`;
    case 'plan':
      return `KEP-${kep} is planned for increment ${n} in ${sig}'s approved plan: cap ${cap}%`;
    case 'previous':
      return `KEP-${kep}'s previous update put its work in increment ${n}: cap ${cap}%`;
    case 'current':
      return `KEP-${kep} is in no approved plan, so the current increment ${n} applies: cap ${cap}%`;
  }
}
