/**
 * Spending GitHub's GraphQL points without running out: after each answer, how long to wait before the
 * next request. Pure; `now` is an argument.
 */

/** What GitHub reported in `rateLimit { cost remaining resetAt limit }`. */
export interface RateLimitReading {
  cost: number;
  remaining: number;
  /** ISO-8601 instant when `remaining` goes back to `limit`. */
  resetAt: string;
  limit: number;
}

export interface BudgetPolicy {
  /** Points never spent by the sync: left for people and other tools using the same token. */
  reserve: number;
  /** Below this share of `limit`, requests are spread evenly over the time left until the reset. */
  slowBelowShare: number;
}

export const defaultBudgetPolicy: BudgetPolicy = { reserve: 50, slowBelowShare: 0.1 };

export type PaceDecision =
  | { kind: 'go' }
  | { kind: 'slow'; waitMs: number }
  | { kind: 'pause'; waitMs: number; until: string };

/**
 * `go` while the budget is comfortable; `slow` (spread the points left over the time left) once
 * `remaining` falls below `slowBelowShare` of the limit; `pause` until `resetAt` when the next request
 * (assumed to cost what the last one did) would dip into the reserve.
 */
export function paceAfter(
  reading: RateLimitReading,
  now: Date,
  policy: BudgetPolicy = defaultBudgetPolicy,
): PaceDecision {
  const resetMs = Date.parse(reading.resetAt);
  const untilReset = Number.isNaN(resetMs) ? 0 : Math.max(0, resetMs - now.getTime());
  const cost = Math.max(1, reading.cost);
  const spendable = reading.remaining - policy.reserve;
  if (spendable < cost)
    return { kind: 'pause', waitMs: untilReset, until: new Date(now.getTime() + untilReset).toISOString() };
  if (reading.remaining >= reading.limit * policy.slowBelowShare) return { kind: 'go' };
  const requestsLeft = Math.floor(spendable / cost);
  return { kind: 'slow', waitMs: Math.ceil(untilReset / Math.max(1, requestsLeft)) };
}
