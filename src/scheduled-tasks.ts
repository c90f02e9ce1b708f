import { escalateBlockers } from './app/escalate-blockers.ts';
import { postReadout } from './app/post-readout.ts';
import { runDueVoteWork } from './app/run-due-vote-work.ts';
import { sendDueDigests } from './app/send-due-digests.ts';
import type { ScheduledTask } from './scheduler/scheduled-task.ts';
import type { BotContext } from './slack/context.ts';
import { digestDepsFrom, digestSettingsFrom } from './slack/digest-deps.ts';
import { escalationDepsFrom } from './slack/escalation-deps.ts';
import { planningDepsFrom } from './slack/planning-deps.ts';
import { voteDepsFrom } from './slack/vote-deps.ts';

const minute = 60_000;

/**
 * Everything the scheduler runs on each pass, in order. Part of the composition root: each
 * feature's scheduled work is one entry here. Every task is idempotent (ledgers, outbox keys).
 */
export function scheduledTasks(
  ctx: BotContext,
  core: { rounds: (now: Date) => Promise<{ nextDueAt: Date | null }>; github: ScheduledTask | null },
): ScheduledTask[] {
  return [
    // KEPs, board and labels from GitHub, when GITHUB_TOKEN is set.
    ...(core.github ? [core.github] : []),
    // Drumbeat rounds (open, nudge, close) and deadline alerts, on their cron cadences.
    { name: 'rounds-and-alerts', run: core.rounds },
    // Votes: close rounds at their deadline, send due reminders; looked at every minute while a
    // vote is open, not at all otherwise (a fake clock then skips straight ahead).
    {
      name: 'votes',
      async run(now) {
        await runDueVoteWork(voteDepsFrom(ctx));
        const open = ctx.store.votes.openRounds().length > 0;
        return { nextDueAt: open ? new Date(now.getTime() + minute) : null };
      },
    },
    // Blockers: each escalation ladder step once per blocker, cycles, dropped KEPs, resolutions.
    { name: 'escalations', run: (now) => escalateBlockers(escalationDepsFrom(ctx), now) },
    // Weekly digests: each SIG's digest on its cron, once per chair (or channel) across restarts.
    {
      name: 'digests',
      run: (now) => sendDueDigests(digestDepsFrom(ctx), { settings: digestSettingsFrom(ctx.config), now }),
    },
    // Release planning: the readout thread on the planning event's date, its vote, approval → labels.
    { name: 'planning-readout', run: (now) => postReadout(planningDepsFrom(ctx), now) },
  ];
}
