import { describeBlockerAge, nextStepAt, stepReached } from '../domain/escalation-ladder.ts';
import type { Blocker } from '../domain/status.ts';
import type { EscalationSettings } from '../ports/escalation.ts';
import type { Store } from '../ports/store.ts';

/** The repos the blocker list is read from. */
export type BlockerListStore = Pick<Store, 'blockers' | 'escalations'>;

/** An open blocker with its place on the ladder: what `/kep-status blockers` and the digest show. */
export interface BlockerRow {
  blocker: Blocker;
  /** Highest ladder step done (0-based), -1 before the first. */
  step: number;
  /** Steps in the ladder. */
  steps: number;
  /** `3d (business days)`. */
  age: string;
  /** When the next step is due; null when every step is done or the blocker is in a cycle. */
  nextStepAt: Date | null;
  acknowledgedBy: string | null;
  snoozedUntil: Date | null;
  /** Part of a dependency cycle (called out once; climbs no further). */
  inCycle: boolean;
  /** Was part of a cycle that is gone: it climbs again. */
  cycleBroken: boolean;
}

/** Open blockers of the release, oldest first, with their ladder step and (business) age. */
export function listBlockers(store: BlockerListStore, settings: EscalationSettings, now: Date): BlockerRow[] {
  return store.blockers.listOpen({ release: settings.release }).map((blocker) => {
    const state = store.escalations.get(blocker.id);
    const done = new Set(state?.steps ?? []);
    const snoozedUntil = state?.snoozedUntil ? new Date(state.snoozedUntil) : null;
    const openedAt = new Date(blocker.openedAt);
    const inCycle = (state?.cycleKey ?? null) !== null;
    return {
      blocker,
      step: stepReached(done),
      steps: settings.ladder.length,
      age: describeBlockerAge(openedAt, now, settings.businessDays),
      nextStepAt: inCycle
        ? null
        : nextStepAt(settings.ladder, { openedAt, done, snoozedUntil }, now, settings.businessDays),
      acknowledgedBy: state?.acknowledgedBy ?? null,
      snoozedUntil: snoozedUntil && snoozedUntil > now ? snoozedUntil : null,
      inCycle,
      cycleBroken: !inCycle && wasInCycle(store, blocker.id),
    };
  });
}

function wasInCycle(store: Pick<Store, 'escalations'>, blockerId: number): boolean {
  return store.escalations.events(blockerId).some((e) => e.kind === 'cycle');
}
