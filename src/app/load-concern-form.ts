import type { Store } from '../ports/store.ts';

/** What the concern form shows: the vote's question and the voter's open concern in the round. */
export interface ConcernForm {
  roundId: number;
  question: string;
  /** The voter's latest unresolved concern, to edit; undefined when none. */
  openConcern: string | undefined;
}

/** The concern form of `voter` in round `roundId`; null when the round is unknown. */
export function loadConcernForm(
  store: Pick<Store, 'votes'>,
  roundId: number,
  voter: string,
): ConcernForm | null {
  const round = store.votes.getRound(roundId);
  const vote = round ? store.votes.get(round.voteId) : null;
  if (!round || !vote) return null;
  const open = store.votes
    .concerns(round.id)
    .filter((c) => c.voter === voter && c.resolvedAt === null)
    .at(-1);
  return { roundId: round.id, question: vote.question, openConcern: open?.text };
}
