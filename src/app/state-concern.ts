import { needsConcern, type VoteValue } from '../domain/vote.ts';
import { maxConcernLength } from '../domain/vote-command.ts';
import { voteConcernKey, voteThread } from '../domain/vote-keys.ts';
import type { WithStore } from '../ports/store.ts';
import type { VoteDeps } from '../ports/vote-messages.ts';
import type { StoredConcern } from '../ports/vote-store.ts';
import { type BallotRefusal, checkBallot } from './check-ballot.ts';
import { loadVoteView } from './load-vote-view.ts';

/** What `stateConcern` takes: the vote ports, with the repos it uses. */
export type StateConcernDeps = WithStore<VoteDeps, 'transaction' | 'votes'>;

export interface StateConcernInput {
  roundId: number;
  voter: string;
  /** 0, 1 or 2. */
  value: VoteValue;
  text: string;
  /** Unique per submission (the concern modal's view id). */
  idempotencyKey: string;
}

export type StateConcernResult =
  | { ok: true; created: boolean; concern: StoredConcern | null; eventId: number }
  | { ok: false; reason: BallotRefusal | 'bad-input'; message: string };

/**
 * Records a 0, 1 or 2 with its concern, and posts the concern in the vote's thread under the voter's
 * name. A concern the voter stated before in this round is replaced by the new one.
 */
export async function stateConcern(
  deps: StateConcernDeps,
  input: StateConcernInput,
): Promise<StateConcernResult> {
  const text = input.text.trim();
  if (!needsConcern(input.value))
    return { ok: false, reason: 'bad-input', message: 'Only a 0, 1 or 2 comes with a concern.' };
  if (text === '')
    return {
      ok: false,
      reason: 'bad-input',
      message: 'Say what your concern is: a 0, 1 or 2 counts only with one.',
    };
  if ([...text].length > maxConcernLength)
    return {
      ok: false,
      reason: 'bad-input',
      message: `Keep the concern under ${maxConcernLength} characters (link a doc for more).`,
    };
  const { votes } = deps.store;
  const now = deps.clock.now();
  const check = checkBallot(votes, input.roundId, input.voter, now);
  if (!check.ok) return check;
  const at = now.toISOString();
  const stored = recordConcern(deps, { ...input, text }, at);
  if (stored === null) return { ok: true, created: false, concern: null, eventId: 0 };
  const view = loadVoteView(votes, input.roundId)!;
  await deps.chat.post({
    key: voteConcernKey(check.vote.id, check.round.number, stored.concern.id),
    lane: 'interactive',
    ...voteThread(check.vote),
    ...deps.messages.concern(view, stored.concern),
  });
  return { ok: true, created: true, concern: stored.concern, eventId: stored.eventId };
}

class AlreadyRecorded extends Error {}

/** Replaces the voter's open concern and records the ballot with the new one; null for a known key. */
function recordConcern(deps: StateConcernDeps, input: StateConcernInput, at: string) {
  const { votes } = deps.store;
  try {
    return deps.store.transaction(() => {
      votes.resolveConcerns(input.roundId, input.voter, 'replaced', at);
      const concern = votes.addConcern({
        roundId: input.roundId,
        voter: input.voter,
        value: input.value,
        text: input.text,
        at,
      });
      const recorded = votes.recordBallot({ ...input, concernId: concern.id, at });
      // a retried submission: undo the concern added above
      if (!recorded.created) throw new AlreadyRecorded();
      return { concern, eventId: recorded.event.id };
    });
  } catch (error) {
    if (error instanceof AlreadyRecorded) return null;
    throw error;
  }
}
