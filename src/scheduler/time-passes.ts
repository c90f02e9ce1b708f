import { performance } from 'node:perf_hooks';
import type { BotMetrics } from '../ports/metrics.ts';

type Pass = (now: Date) => Promise<{ nextDueAt: Date | null }>;

/**
 * Measures each scheduler pass: how long it ran, and its lag, how late it started after the
 * instant it was due. That instant is what the previous pass said was next due when it has come;
 * otherwise the start of the minute (the cron driver's pass every minute, at second 0).
 */
export function timePasses(run: Pass, metrics: Pick<BotMetrics, 'schedulerPass'>): Pass {
  let nextDueAt: Date | null = null;
  return async (now) => {
    const t = now.getTime();
    const due = nextDueAt && nextDueAt.getTime() <= t ? nextDueAt.getTime() : t - (t % 60_000);
    const started = performance.now();
    try {
      const result = await run(now);
      nextDueAt = result.nextDueAt;
      return result;
    } finally {
      metrics.schedulerPass((performance.now() - started) / 1000, (t - due) / 1000);
    }
  };
}
