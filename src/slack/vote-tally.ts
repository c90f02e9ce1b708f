import { loadVoteView } from '../app/load-vote-view.ts';
import { voteTallyIntervalMs } from '../domain/vote.ts';
import { votePostKey, voteTallyKey } from '../domain/vote-keys.ts';
import type { VoteDeps } from '../ports/vote-messages.ts';

/** Keeps vote messages' tallies current without flooding Slack. */
export interface VoteTally {
  /** A ballot of this round changed: its message will show it (coalesced with other changes). */
  changed(roundId: number): void;
  /** Resolves when no update is being prepared (tests, shutdown). */
  idle(): Promise<void>;
}

export interface VoteTallyOptions {
  /** Shortest gap between two updates of one vote message (default 1000 ms). */
  intervalMs?: number;
  /** How long to wait for an update to reach Slack before preparing the next (default 30 s). */
  deliveryTimeoutMs?: number;
}

interface RoundState {
  running: Promise<void> | null;
  dirty: boolean;
  /** Earliest instant (ms) the next update may go. */
  nextAt: number;
  /** The ballot change the last update showed. */
  shown: number;
}

/**
 * The tally-update coalescer: however fast clicks come, each vote message gets at most one
 * `chat.update` per interval. The first change of a burst is shown at once; changes during an update
 * are folded into one more update, scheduled (through the outbox's `notBefore`) one interval after the
 * previous one and rendered from the store, so the message always ends on the latest tally. Keys
 * (`vote:<id>:r<n>:tally:<event id>`) name the ballot change shown, so a restart never re-sends one.
 */
export function createVoteTally(deps: VoteDeps, options: VoteTallyOptions = {}): VoteTally {
  const intervalMs = options.intervalMs ?? voteTallyIntervalMs;
  const timeoutMs = options.deliveryTimeoutMs ?? 30_000;
  const rounds = new Map<number, RoundState>();

  async function flush(roundId: number, state: RoundState): Promise<void> {
    while (state.dirty) {
      state.dirty = false;
      const view = loadVoteView(deps.store.votes, roundId);
      if (!view || view.round.closedAt !== null) {
        rounds.delete(roundId); // closing shows the final tally itself
        break;
      }
      const eventId = deps.store.votes.lastEventId(roundId);
      if (eventId === state.shown) continue;
      const now = deps.clock.now();
      const at = Math.max(now.getTime(), state.nextAt);
      state.nextAt = at + intervalMs;
      state.shown = eventId;
      await deps.chat.update({
        key: voteTallyKey(view.vote.id, view.round.number, eventId),
        lane: 'interactive',
        target: { key: votePostKey(view.vote.id, view.round.number) },
        ...(at > now.getTime() ? { notBefore: new Date(at) } : {}),
        wait: { timeoutMs },
        ...deps.messages.voteMessage(view, now),
      });
      // a late send still keeps a full interval before the next one
      state.nextAt = Math.max(state.nextAt, deps.clock.now().getTime() + intervalMs);
    }
  }

  function run(roundId: number, state: RoundState): void {
    state.running = flush(roundId, state)
      .catch((error: unknown) =>
        deps.logger.error('could not update a vote tally', { round: roundId, error }),
      )
      .finally(() => {
        state.running = null;
        if (state.dirty) run(roundId, state);
      });
  }

  return {
    changed(roundId) {
      let state = rounds.get(roundId);
      if (!state) {
        state = { running: null, dirty: false, nextAt: 0, shown: -1 };
        rounds.set(roundId, state);
      }
      state.dirty = true;
      if (!state.running) run(roundId, state);
    },
    async idle() {
      while ([...rounds.values()].some((s) => s.running)) {
        await Promise.all([...rounds.values()].map((s) => s.running));
      }
    },
  };
}
