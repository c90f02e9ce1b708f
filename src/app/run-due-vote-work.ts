import type { RoundOutcome } from '../domain/vote.ts';
import type { WithStore } from '../ports/store.ts';
import type { VoteDeps } from '../ports/vote-messages.ts';
import { closeVote } from './close-vote.ts';
import { type ReminderSent, sendVoteReminders } from './send-vote-reminders.ts';

/** What `runDueVoteWork` takes: the vote ports, with the repos it uses. */
export type DueVoteWorkDeps = WithStore<VoteDeps, 'githubWriteBack' | 'people' | 'votes'>;

export interface DueVoteWork {
  /** Rounds closed at their deadline by this run. */
  closed: Array<{ voteId: number; round: number; outcome: RoundOutcome }>;
  reminders: ReminderSent[];
  /** Rounds whose work failed (logged; tried again on the next run). */
  failed: number[];
}

/**
 * The vote work that is due at `clock.now()`: closes every round past its deadline, then sends the
 * reminders that are due. Idempotent: call it as often as you like (the scheduler calls it every
 * minute); a closed round or a handled reminder is never done twice.
 */
export async function runDueVoteWork(deps: DueVoteWorkDeps): Promise<DueVoteWork> {
  const now = deps.clock.now();
  const work: DueVoteWork = { closed: [], reminders: [], failed: [] };
  const open = deps.store.votes.openRounds();
  for (const round of open.filter((r) => Date.parse(r.closesAt) <= now.getTime())) {
    try {
      const result = await closeVote(deps, { roundId: round.id, reason: 'deadline' });
      if (result.ok && result.closed)
        work.closed.push({ voteId: round.voteId, round: round.number, outcome: result.view.round.outcome! });
    } catch (error) {
      work.failed.push(round.id);
      deps.logger.error('could not close a vote round at its deadline', { round: round.id, error });
    }
  }
  try {
    work.reminders = await sendVoteReminders(deps);
  } catch (error) {
    deps.logger.error('could not send vote reminders', { error });
  }
  return work;
}
