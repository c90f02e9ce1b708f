import type { Logger } from '../ports/logger.ts';
import type { ScheduledTask } from '../ports/scheduled-task.ts';

export type { ScheduledTask };

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
