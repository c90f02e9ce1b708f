/**
 * One kind of scheduled work, run on every scheduler pass. A task decides from `now` and its own
 * stored state what is due (it must be idempotent: passes repeat and come late), and says when it
 * next has something to do so the timer loop can sleep until then.
 */
export interface ScheduledTask {
  name: string;
  run(now: Date): Promise<{ nextDueAt: Date | null }>;
}
