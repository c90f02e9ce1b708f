/**
 * node-cron wiring, and nothing more: it decides nothing itself. Each pass calls the injected
 * `run(now)` (the `runDueJobs` use case) with `clock.now()`; the job ledger behind it makes passes
 * idempotent, so a pass that overlaps, repeats or comes late does no harm.
 *
 * Two ways to drive the passes:
 * - `cron` (production): ONE node-cron task, every minute, UTC. Time zones and DST are handled by
 *   the use case's own cron evaluator, not by node-cron.
 * - `timer` (fake clocks: tests, `drumbeat simulate`): a loop that sleeps on the injected `sleep`
 *   until the next due instant the pass reported, so a fake clock can step weeks in milliseconds.
 * Both run a first pass on `start()`: the catch-up of whatever was missed while the bot was down.
 */
import cron, { type ScheduledTask } from 'node-cron';
import type { Clock } from '../ports/clock.ts';
import type { Logger } from '../ports/logger.ts';
import type { Sleep } from '../ports/sleep.ts';

export interface SchedulerOptions {
  /** One scheduler pass at `now`; returns when anything is next due (timer mode sleeps until then). */
  run: (now: Date) => Promise<{ nextDueAt: Date | null }>;
  clock: Clock;
  logger: Logger;
  mode: 'cron' | 'timer';
  /** Timer mode: how to wait (a fake clock's sleep in tests). */
  sleep?: Sleep;
  /** Timer mode: wait after a failed pass before trying again (default 60 s). */
  retryMs?: number;
}

export interface Scheduler {
  /** Runs the catch-up pass, then starts the cron task or the timer loop. */
  start(): Promise<void>;
  /** Stops scheduling and waits for a pass in flight. */
  stop(): Promise<void>;
  /** Runs one pass now (after any pass in flight). */
  runNow(): Promise<void>;
  /** Resolves when no pass is running or queued. */
  idle(): Promise<void>;
  /** Passes completed so far. */
  readonly passes: number;
}

export function createScheduler(options: SchedulerOptions): Scheduler {
  const { clock, logger } = options;
  let chain: Promise<unknown> = Promise.resolve();
  let passes = 0;
  let lastResult: { nextDueAt: Date | null } | null = null;
  let task: ScheduledTask | null = null;
  let loop: Promise<void> | null = null;
  const stopCtrl = new AbortController();

  const pass = async (): Promise<boolean> => {
    try {
      lastResult = await options.run(clock.now());
      passes++;
      return true;
    } catch (error) {
      logger.error('scheduler: pass failed; trying again later', { error });
      return false;
    }
  };
  const enqueue = (): Promise<boolean> => {
    const next = chain.then(pass);
    chain = next;
    return next;
  };

  async function timerLoop(sleep: Sleep): Promise<void> {
    while (!stopCtrl.signal.aborted) {
      const ok = await enqueue();
      if (stopCtrl.signal.aborted) break;
      const next = ok
        ? (lastResult?.nextDueAt ?? null)
        : new Date(clock.now().getTime() + (options.retryMs ?? 60_000));
      if (next === null) {
        await new Promise<void>((resolve) =>
          stopCtrl.signal.addEventListener('abort', () => resolve(), { once: true }),
        );
      } else {
        await sleep(Math.max(1, next.getTime() - clock.now().getTime()), stopCtrl.signal);
      }
    }
  }

  return {
    get passes() {
      return passes;
    },
    async start() {
      if (options.mode === 'timer') {
        const sleep = options.sleep;
        if (!sleep) throw new Error('createScheduler: timer mode needs `sleep` (e.g. the fake clock’s)');
        loop = timerLoop(sleep);
        await chain;
        return;
      }
      await enqueue();
      task = cron.schedule('* * * * *', () => enqueue().then(() => undefined), {
        timezone: 'UTC',
        name: 'drumbeat-scheduler',
        noOverlap: true,
      });
    },
    async stop() {
      stopCtrl.abort();
      if (task) {
        await task.destroy();
        task = null;
      }
      await loop;
      await chain;
    },
    runNow: async () => {
      await enqueue();
    },
    idle: async () => {
      let seen: Promise<unknown>;
      do {
        seen = chain;
        await seen;
      } while (seen !== chain);
    },
  };
}
