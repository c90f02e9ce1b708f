import { type SyncGithubDeps, type SyncGithubOptions, syncGithub } from '../app/sync-github.ts';
import type { ScheduledTask } from '../ports/scheduled-task.ts';

/** How often the bot syncs KEPs from GitHub (a sync with nothing changed costs a few points). */
export const githubSyncIntervalMs = 30 * 60_000;

/**
 * The scheduled GitHub sync: one run every `intervalMs` after the last one finished (or failed),
 * counted from the stored sync runs so a restart does not sync again at once. Never two at once:
 * the scheduler runs passes one after the other. `afterSync` runs after each successful sync (the
 * chain of custody, which reads the KEPs the sync stored).
 */
export function githubSyncTask(
  deps: SyncGithubDeps,
  options: SyncGithubOptions,
  intervalMs = githubSyncIntervalMs,
  afterSync?: () => Promise<void>,
): ScheduledTask {
  return {
    name: 'github-sync',
    async run(now) {
      const last = deps.store.githubSync.lastRun();
      const lastAt = last ? Date.parse(last.finishedAt ?? last.startedAt) : Number.NEGATIVE_INFINITY;
      if (now.getTime() - lastAt >= intervalMs) {
        const summary = await syncGithub(deps, options);
        const level = summary.ok ? 'info' : 'warn';
        deps.logger[level]('github sync finished', { ok: summary.ok, error: summary.error ?? null });
        if (summary.ok && afterSync) await afterSync();
        return { nextDueAt: new Date(now.getTime() + intervalMs) };
      }
      return { nextDueAt: new Date(lastAt + intervalMs) };
    },
  };
}
