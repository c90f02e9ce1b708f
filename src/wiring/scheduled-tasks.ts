import { escalateBlockers } from '../app/escalate-blockers.ts';
import { importBoardExceptions } from '../app/import-board-exceptions.ts';
import { noticeDrift } from '../app/notice-drift.ts';
import { postReadout } from '../app/post-readout.ts';
import { runDueJobs } from '../app/run-due-jobs.ts';
import { runDueVoteWork } from '../app/run-due-vote-work.ts';
import { runFeedback } from '../app/run-feedback.ts';
import { sendDueDigests } from '../app/send-due-digests.ts';
import type { ScheduledTask } from '../ports/scheduled-task.ts';
import type { Features } from './features.ts';

const minute = 60_000;

/**
 * Everything the scheduler runs on each pass, in order: each feature's scheduled work is one entry
 * here. Every task is idempotent (ledgers, outbox keys).
 */
export function scheduledTasks(features: Features, github: ScheduledTask | null): ScheduledTask[] {
  const { votes, escalation, digest, planning, schedule } = features;
  return [
    // KEPs, board and labels from GitHub, when GITHUB_TOKEN is set.
    ...(github ? [github] : []),
    // Drift the last sync found, told to the PM channel once per finding.
    {
      name: 'drift-notices',
      async run(now) {
        await noticeDrift(features.driftNotice, now);
        return { nextDueAt: null };
      },
    },
    // Exception requests made on the tracking board, as last synced: each new one recorded and
    // posted in the release channel once.
    {
      name: 'board-exceptions',
      async run(now) {
        await importBoardExceptions(planning, now);
        return { nextDueAt: null };
      },
    },
    // Drumbeat rounds (open, nudge, close) and deadline alerts, on their cron cadences.
    {
      name: 'rounds-and-alerts',
      run: (now) => runDueJobs(schedule, { settings: features.scheduleSettings, now }),
    },
    // Votes: close rounds at their deadline, send due reminders; looked at every minute while a
    // vote is open, not at all otherwise (a fake clock then skips straight ahead).
    {
      name: 'votes',
      async run(now) {
        await runDueVoteWork(votes);
        const open = votes.store.votes.openRounds().length > 0;
        return { nextDueAt: open ? new Date(now.getTime() + minute) : null };
      },
    },
    // Blockers: each escalation ladder step once per blocker, cycles, dropped KEPs, resolutions.
    { name: 'escalations', run: (now) => escalateBlockers(escalation, now) },
    // Weekly digests: each SIG's digest on its cron, once per chair (or channel) across restarts.
    {
      name: 'digests',
      run: (now) => sendDueDigests(digest, { settings: features.digestSettings, now }),
    },
    // Release planning: the readout thread on the planning event's date, its vote, approval → labels.
    { name: 'planning-readout', run: (now) => postReadout(planning, now) },
    // After the release: the satisfaction pulse DMs (outside quiet hours), the retrospective prompts,
    // and the pulse's close, which forgets who gave which answer.
    { name: 'feedback', run: (now) => runFeedback(features.feedback, now) },
  ];
}
