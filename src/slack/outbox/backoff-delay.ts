/** Backoff settings: the first retry waits about `baseMs`, doubling up to `maxMs`. */
export interface BackoffOptions {
  baseMs: number;
  maxMs: number;
}

export const defaultBackoff: BackoffOptions = { baseMs: 1000, maxMs: 5 * 60_000 };

/**
 * How long to wait before retry number `attempt` (1 for the first retry): exponential, capped,
 * with "equal jitter" (between half and all of the step) so many failed messages do not retry
 * in lockstep. `random` returns [0, 1), as Math.random.
 */
export function backoffDelay(attempt: number, random: () => number, options = defaultBackoff): number {
  const step = Math.min(options.maxMs, options.baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(step / 2 + (step / 2) * random());
}
