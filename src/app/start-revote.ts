import { decidePermission, emptyRoster } from '../domain/permissions.ts';
import { votePostKey, voteThread } from '../domain/vote-keys.ts';
import type { WithStore } from '../ports/store.ts';
import type { VoteDeps } from '../ports/vote-messages.ts';
import type { RoundRecord } from '../ports/vote-store.ts';
import { loadVoteView } from './load-vote-view.ts';

/** What `startRevote` takes: the vote ports, with the repos it uses. */
export type StartRevoteDeps = WithStore<VoteDeps, 'votes'>;

export interface StartRevoteInput {
  /** The closed round to vote again on. */
  roundId: number;
  /** Who asked: the vote's owner or one of `settings.closers`. */
  by: string;
}

export type StartRevoteResult =
  | { ok: true; round: RoundRecord; created: boolean }
  | { ok: false; message: string };

/**
 * Starts the next round of a vote that was not approved: the same question and electorate, a new
 * deadline, posted in the same thread and linked to the round before. A second click starts nothing new.
 */
export async function startRevote(
  deps: StartRevoteDeps,
  input: StartRevoteInput,
): Promise<StartRevoteResult> {
  const { votes } = deps.store;
  const previous = votes.getRound(input.roundId);
  const vote = previous ? votes.get(previous.voteId) : null;
  if (!previous || !vote) return { ok: false, message: 'This vote no longer exists.' };
  const act = { kind: 'vote-management', ownerSlack: vote.owner, teamSlack: deps.settings.closers } as const;
  if (!decidePermission(emptyRoster, { slack: input.by, github: null }, act).allowed)
    return {
      ok: false,
      message: 'Only the person who started this vote (or the release team) can start a re-vote.',
    };
  if (previous.closedAt === null)
    return { ok: false, message: 'This round is still open: close it first, then start a re-vote.' };
  if (previous.outcome === 'approved')
    return { ok: false, message: 'This round was approved; there is nothing to re-vote.' };
  const latest = votes.rounds(vote.id).at(-1)!;
  if (
    latest.number > previous.number + 1 ||
    (latest.number === previous.number + 1 && latest.previousRoundId !== previous.id)
  )
    return { ok: false, message: `Round ${latest.number} already followed; vote there.` };
  const now = deps.clock.now();
  const closesAt = new Date(now.getTime() + vote.durationMs).toISOString();
  const { round, created } = votes.addRound(previous, now.toISOString(), closesAt);
  if (created) {
    const view = loadVoteView(votes, round.id)!;
    await deps.chat.post({
      key: votePostKey(vote.id, round.number),
      lane: 'interactive',
      ...voteThread(vote),
      ...deps.messages.voteMessage(view, now),
    });
    deps.logger.info('vote re-vote started', { vote: vote.id, round: round.number });
  }
  return { ok: true, round, created };
}
