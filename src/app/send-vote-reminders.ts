import { nextDmInstant } from '../domain/quiet-hours.ts';
import { isRoundOpenAt } from '../domain/vote.ts';
import { votePostKey, voteReminderKey } from '../domain/vote-keys.ts';
import { dueReminders, reminderInstants } from '../domain/vote-reminders.ts';
import type { WithStore } from '../ports/store.ts';
import type { VoteDeps, VoteView } from '../ports/vote-messages.ts';
import type { RoundRecord } from '../ports/vote-store.ts';
import { loadVoteView } from './load-vote-view.ts';

/** What `sendVoteReminders` takes: the vote ports, with the repos it uses. */
export type VoteReminderDeps = WithStore<VoteDeps, 'people' | 'votes'>;

/** One reminder handled: who got a DM (or will, after their quiet hours), and who was left out. */
export interface ReminderSent {
  voteId: number;
  round: number;
  index: number;
  /** Slack ids sent a DM, with when it goes (later than now during quiet hours). */
  sent: Array<{ user: string; notBefore: string }>;
  /** Out of office, or quiet until after the vote closes. */
  skipped: string[];
}

/**
 * DMs the electors who have not voted when a round's reminder is due (a share of the voting time,
 * or a time before the deadline). Quiet hours move a DM to their end (skipped, with a log line, when
 * that is after the close); people out of office are skipped. Every reminder expires at the close
 * (and is withdrawn when the vote closes early), so none arrives after the vote. Each reminder is
 * handled once per round.
 */
export async function sendVoteReminders(
  deps: VoteReminderDeps,
  rounds?: RoundRecord[],
): Promise<ReminderSent[]> {
  const now = deps.clock.now();
  const done: ReminderSent[] = [];
  for (const round of rounds ?? deps.store.votes.openRounds()) {
    if (!isRoundOpenAt(round, now)) continue;
    const view = loadVoteView(deps.store.votes, round.id);
    if (!view) continue;
    const sent = await remindRound(deps, view, now);
    if (sent) done.push(sent);
  }
  return done;
}

async function remindRound(deps: VoteReminderDeps, view: VoteView, now: Date): Promise<ReminderSent | null> {
  const { votes } = deps.store;
  const { vote, round } = view;
  const instants = reminderInstants(vote.remindAt, new Date(round.opensAt), new Date(round.closesAt));
  const { send, skipped } = dueReminders(instants, new Set(votes.remindersSent(round.id)), now);
  for (const s of skipped) votes.recordReminder(round.id, s.index, now.toISOString(), 0);
  if (!send) return null;
  const posted = await deps.chat.getDelivery(votePostKey(vote.id, round.number));
  const where = posted?.channel && posted.ts ? { channel: posted.channel, ts: posted.ts } : null;
  const result: ReminderSent = {
    voteId: vote.id,
    round: round.number,
    index: send.index,
    sent: [],
    skipped: [],
  };
  for (const user of view.decision.missing) {
    const notBefore = whenToRemind(deps, user, now, round.closesAt);
    if (notBefore === null) {
      deps.logger.info('vote reminder not sent: the voter is away or quiet until after the vote closes', {
        vote: vote.id,
        round: round.number,
        user,
        closesAt: round.closesAt,
      });
      result.skipped.push(user);
      continue;
    }
    await deps.chat.dm({
      key: voteReminderKey(vote.id, round.number, send.index, user),
      lane: 'scheduled',
      user,
      // a reminder held up (quiet hours, Slack) past the close is dropped, never sent late
      expiresAt: new Date(round.closesAt),
      ...(notBefore > now ? { notBefore } : {}),
      ...deps.messages.reminder(view, where, now),
    });
    result.sent.push({ user, notBefore: notBefore.toISOString() });
  }
  votes.recordReminder(round.id, send.index, now.toISOString(), result.sent.length);
  return result;
}

/** When a reminder may reach `user`: now, the end of their quiet hours, or null (away, or quiet until the close). */
function whenToRemind(
  deps: WithStore<VoteDeps, 'people'>,
  user: string,
  now: Date,
  closesAt: string,
): Date | null {
  const person = deps.store.people.getBySlackId(user);
  if (!person) return now;
  const timing = nextDmInstant(now, person);
  if (timing.kind === 'away') return null;
  return timing.at.getTime() < Date.parse(closesAt) ? timing.at : null;
}
