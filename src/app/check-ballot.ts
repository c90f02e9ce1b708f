import { isRoundOpenAt } from '../domain/vote.ts';
import type { RoundRecord, VoteRecord, VoteRepo } from '../ports/vote-store.ts';

/** Why a ballot is refused. */
export type BallotRefusal = 'no-vote' | 'not-elector' | 'closed';

export type BallotCheck =
  | { ok: true; vote: VoteRecord; round: RoundRecord }
  | { ok: false; reason: BallotRefusal; message: string };

/** May `voter` vote in this round at `now`: it exists, they are in its electorate, it is open. */
export function checkBallot(votes: VoteRepo, roundId: number, voter: string, now: Date): BallotCheck {
  const round = votes.getRound(roundId);
  const vote = round ? votes.get(round.voteId) : null;
  if (!round || !vote) return { ok: false, reason: 'no-vote', message: 'This vote no longer exists.' };
  if (!votes.isElector(vote.id, voter)) {
    return {
      ok: false,
      reason: 'not-elector',
      message: 'You are not in this vote’s electorate, so your click changed nothing.',
    };
  }
  if (!isRoundOpenAt(round, now)) {
    const later = votes.rounds(vote.id).at(-1);
    const hint = later && later.id !== round.id ? ' A re-vote is open in the thread.' : '';
    return { ok: false, reason: 'closed', message: `This vote is closed; ballots no longer change.${hint}` };
  }
  return { ok: true, vote, round };
}
