import { decideRound } from '../domain/vote.ts';
import type { VoteView } from '../ports/vote-messages.ts';
import type { VoteRepo } from '../ports/vote-store.ts';

/** Everything a vote message shows about a round, or null when the round does not exist. */
export function loadVoteView(votes: VoteRepo, roundId: number): VoteView | null {
  const round = votes.getRound(roundId);
  const vote = round ? votes.get(round.voteId) : null;
  if (!round || !vote) return null;
  const electors = votes.electors(vote.id);
  const ballots = votes.ballots(round.id);
  const decision = decideRound({
    electorate: electors,
    ballots,
    quorum: vote.quorum,
    closesAt: round.closesAt,
  });
  const previous = round.previousRoundId === null ? null : votes.getRound(round.previousRoundId);
  return { vote, round, electors, ballots, concerns: votes.concerns(round.id), decision, previous };
}
