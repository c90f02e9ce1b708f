import type { ChatLane } from '../../ports/chat.ts';
import type { OutboxState } from './outbox-state.ts';
import type { LaneStats, OutboxStats } from './types.ts';

/** The outbox's counts by lane and status, with what is in flight and what is paused now. */
export function outboxStats(state: OutboxState): OutboxStats {
  const counts = state.repo.counts();
  const now = state.clock.now().getTime();
  const lane = (name: ChatLane): LaneStats => {
    const { pacer, busy } = state.lanes[name];
    const paused = Object.entries(pacer.pausedMethods(now));
    return {
      ...counts[name],
      inFlight: busy.size,
      pausedMethods: Object.fromEntries(paused.map(([method, at]) => [method, new Date(at)])),
      rateLimited: pacer.rateLimitedKeys(now),
    };
  };
  return {
    running: state.running,
    inFlight: state.tasks.size,
    lanes: { interactive: lane('interactive'), scheduled: lane('scheduled') },
  };
}
