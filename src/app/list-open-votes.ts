import type { Store } from '../ports/store.ts';
import type { VoteView } from '../ports/vote-messages.ts';
import type { StoredBallot } from '../ports/vote-store.ts';
import { loadVoteView } from './load-vote-view.ts';

/** An open round `user` may vote in, with their ballot so far. */
export interface OpenVoteForUser {
  view: VoteView;
  ballot: StoredBallot | null;
}

/** The open rounds whose electorate includes `user`, by deadline (`/fist-to-five list`). */
export function listOpenVotes(store: Pick<Store, 'votes'>, user: string, now: Date): OpenVoteForUser[] {
  const { votes } = store;
  return votes
    .openRoundsFor(user)
    .filter((round) => Date.parse(round.closesAt) > now.getTime())
    .map((round) => loadVoteView(votes, round.id))
    .filter((view): view is VoteView => view !== null)
    .map((view) => ({ view, ballot: view.ballots.find((b) => b.voter === user) ?? null }));
}
