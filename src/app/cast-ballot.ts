import { needsConcern, shouldCloseEarly, type VoteValue } from '../domain/vote.ts';
import { voteResolvedKey, voteThread } from '../domain/vote-keys.ts';
import type { WithStore } from '../ports/store.ts';
import type { VoteDeps } from '../ports/vote-messages.ts';
import type { StoredBallot, StoredConcern } from '../ports/vote-store.ts';
import { type BallotRefusal, checkBallot } from './check-ballot.ts';
import { type CloseVoteResult, closeVote } from './close-vote.ts';
import { loadVoteView } from './load-vote-view.ts';

/** What `castBallot` takes: the vote ports, with the repos it uses. */
export type CastBallotDeps = WithStore<VoteDeps, 'githubWriteBack' | 'transaction' | 'votes'>;

export interface CastBallotInput {
  roundId: number;
  voter: string;
  value: VoteValue;
  /** Unique per click (its trigger id): a retried delivery records nothing new. */
  idempotencyKey: string;
}

export type CastBallotResult =
  | {
      ok: true;
      /** False when the ballot already had this value (nothing recorded). */
      changed: boolean;
      previous: StoredBallot | null;
      /** The history event id of the change (0 when unchanged). */
      eventId: number;
      /** The voter's concerns this raise resolved. */
      resolved: StoredConcern[];
      /** Set when this ballot completed the vote and it closed. */
      closed: CloseVoteResult | null;
    }
  | { ok: false; reason: BallotRefusal | 'needs-concern'; message: string };

/**
 * Records a ballot of 3, 4 or 5 (a 0, 1 or 2 needs a concern: see stateConcern; this answers
 * `needs-concern` after the same checks). Raising a ballot resolves the voter's open concern; the
 * last ballot of a vote with no concern open closes it.
 */
export async function castBallot(deps: CastBallotDeps, input: CastBallotInput): Promise<CastBallotResult> {
  const { votes } = deps.store;
  const now = deps.clock.now();
  const check = checkBallot(votes, input.roundId, input.voter, now);
  if (!check.ok) return check;
  if (needsConcern(input.value)) {
    return { ok: false, reason: 'needs-concern', message: 'A 0, 1 or 2 counts only with a stated concern.' };
  }
  const current = votes.ballot(input.roundId, input.voter);
  if (current?.value === input.value) {
    return { ok: true, changed: false, previous: current, eventId: 0, resolved: [], closed: null };
  }
  const at = now.toISOString();
  const { event, previous, resolved, created } = deps.store.transaction(() => {
    const recorded = votes.recordBallot({ ...input, concernId: null, at });
    const raised = recorded.created ? votes.resolveConcerns(input.roundId, input.voter, 'raised', at) : [];
    return { ...recorded, resolved: raised };
  });
  if (!created) return { ok: true, changed: false, previous, eventId: event.id, resolved: [], closed: null };
  // the whole round is read only when it matters: a resolved concern, or possibly the last ballot
  const maybeLast = votes.ballotCount(input.roundId) >= votes.electorateSize(check.vote.id);
  if (resolved.length === 0 && !maybeLast)
    return { ok: true, changed: true, previous, eventId: event.id, resolved, closed: null };
  const view = loadVoteView(votes, input.roundId)!;
  for (const concern of resolved) {
    await deps.chat.post({
      key: voteResolvedKey(view.vote.id, view.round.number, concern.id),
      lane: 'interactive',
      ...voteThread(view.vote),
      ...deps.messages.concernResolved(view, concern, input.value),
    });
  }
  const closed = shouldCloseEarly({
    electorate: view.electors,
    ballots: view.ballots,
    closesAt: view.round.closesAt,
  })
    ? await closeVote(deps, { roundId: input.roundId, reason: 'all-voted' })
    : null;
  return { ok: true, changed: true, previous, eventId: event.id, resolved, closed };
}
