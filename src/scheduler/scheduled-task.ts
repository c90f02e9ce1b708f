import type { Logger } from '../ports/logger.ts';

/**
 * One kind of scheduled work, run on every scheduler pass. A task decides from `now` and its own
 * stored state what is due (it must be idempotent: passes repeat and come late), and says when it
 * next has something to do so the timer loop can sleep until then.
 */
export interface ScheduledTask {
  name: string;
  run(now: Date): Promise<{ nextDueAt: Date | null }>;
}

/** A task with no schedule of its own (e.g. "check open votes"): looked at every `everyMs`. */
export function pollingTask(
  name: string,
  everyMs: number,
  work: (now: Date) => Promise<unknown>,
): ScheduledTask {
  return {
    name,
    async run(now) {
      await work(now);
      return { nextDueAt: new Date(now.getTime() + everyMs) };
    },
  };
}

/**
 * One scheduler pass: every task in order. A failing task is logged and looked at again a minute
 * later; it never stops the others.
 */
export async function runTasks(
  tasks: ScheduledTask[],
  now: Date,
  logger: Logger,
): Promise<{ nextDueAt: Date | null }> {
  let next: number | null = null;
  for (const task of tasks) {
    let due: Date | null;
    try {
      due = (await task.run(now)).nextDueAt;
    } catch (error) {
      logger.error(`scheduler: ${task.name} failed; trying again in a minute`, { error });
      due = new Date(now.getTime() + 60_000);
    }
    if (due && (next === null || due.getTime() < next)) next = due.getTime();
  }
  return { nextDueAt: next === null ? null : new Date(next) };
}
