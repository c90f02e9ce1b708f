import { type BudgetPolicy, paceAfter, type RateLimitReading } from '../domain/rate-budget.ts';
import type { Clock } from '../ports/clock.ts';
import type { Logger } from '../ports/logger.ts';
import type { Sleep } from '../ports/sleep.ts';
import { GithubError } from './github-error.ts';

/** What the client spent so far. */
export interface GithubUsage {
  requests: number;
  /** Rate-limit points, as GitHub reported them (`rateLimit.cost`; 1 for a mutation). */
  points: number;
  retries: number;
  /** Time spent waiting for rate limits and pacing, in ms. */
  waitedMs: number;
  /** The last `rateLimit` GitHub reported. */
  rateLimit: RateLimitReading | null;
}

export interface RatePacerOptions {
  clock: Clock;
  sleep: Sleep;
  logger?: Logger | undefined;
  budget: BudgetPolicy;
  maxWaitMs: number;
}

export type WaitReason = 'primary' | 'secondary';

/**
 * The client's budget keeper: counts what was spent, paces after each answer by the reported
 * `rateLimit`, and waits (or refuses to wait longer than `maxWaitMs`) for limits.
 */
export class RatePacer {
  readonly usage: GithubUsage = { requests: 0, points: 0, retries: 0, waitedMs: 0, rateLimit: null };
  private notBefore = 0;
  private readonly options: RatePacerOptions;

  constructor(options: RatePacerOptions) {
    this.options = options;
  }

  /** Waits out the pacing the last answer asked for. */
  async beforeRequest(): Promise<void> {
    const pause = this.notBefore - this.options.clock.now().getTime();
    await this.wait(pause, 'primary', new Date(this.notBefore).toISOString());
    this.notBefore = 0;
    this.usage.requests++;
  }

  /** Counts an answer's cost and sets the pace for the next request. */
  account(reading: RateLimitReading | undefined): void {
    this.usage.points += reading ? reading.cost : 1;
    if (!reading) return;
    this.usage.rateLimit = reading;
    const now = this.options.clock.now();
    const pace = paceAfter(reading, now, this.options.budget);
    this.notBefore = pace.kind === 'go' ? 0 : now.getTime() + pace.waitMs;
  }

  /** Sleeps `ms`, or throws `GithubError` when that is longer than this client may wait. */
  async wait(ms: number, why: WaitReason, retryAt: string): Promise<void> {
    if (ms <= 0) return;
    const { maxWaitMs, logger, sleep } = this.options;
    if (ms > maxWaitMs) {
      const limit = why === 'secondary' ? 'secondary rate limit' : 'rate limit';
      throw new GithubError(
        why === 'secondary' ? 'secondary-limit' : 'rate-limited',
        `GitHub's ${limit} asks to wait ${Math.ceil(ms / 60_000)} min (until ${retryAt}), longer than the ${Math.round(maxWaitMs / 60_000)} min this sync may wait; it stops here and the next sync resumes`,
        retryAt,
      );
    }
    logger?.info('waiting for the GitHub rate limit', { ms, why, until: retryAt });
    this.usage.waitedMs += ms;
    await sleep(ms);
  }

  /** The instant `ms` from now, for messages. */
  retryAt(ms: number): string {
    return new Date(this.options.clock.now().getTime() + ms).toISOString();
  }

  /** How long until the primary limit resets: the header, else the last `rateLimit.resetAt`, else 1 min. */
  resetWaitMs(headers: Record<string, string | undefined>): number {
    const reset = Number(headers['x-ratelimit-reset']);
    const fromHeader = Number.isFinite(reset) && reset > 0 ? reset * 1000 : Number.NaN;
    const fromBody = this.usage.rateLimit ? Date.parse(this.usage.rateLimit.resetAt) : Number.NaN;
    const at = Number.isNaN(fromHeader) ? fromBody : fromHeader;
    return Number.isNaN(at) ? 60_000 : Math.max(1000, at - this.options.clock.now().getTime());
  }
}
