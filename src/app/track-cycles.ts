import { describeCycle, findCycles } from '../domain/escalation-graph.ts';
import type { Blocker } from '../domain/status.ts';
import type { EscalationDeps } from '../ports/escalation.ts';
import type { WithStore } from '../ports/store.ts';
import { blockerContext, dependencyEdges, describeBlocker } from './describe-blocker.ts';

/** What the cycle call-outs take: the escalation ports, with the repos they use. */
export type TrackCyclesDeps = WithStore<
  EscalationDeps,
  'blockers' | 'escalations' | 'keps' | 'milestones' | 'transaction'
>;

/**
 * Dependency cycles, recomputed on every escalation pass from the open blockers: a new cycle is
 * called out once in the PM channel and its blockers stop climbing; when a cycle is gone (one of
 * its blockers closed or changed), the PM channel hears once, in the cycle notice's thread, and the
 * blockers still open climb the ladder again from their age.
 */

/** Calls out each new dependency cycle once in the PM channel; its blockers climb no further. */
export function callOutCycles(
  deps: WithStore<EscalationDeps, 'escalations' | 'transaction'>,
  live: Blocker[],
  now: Date,
): string[] {
  const { store } = deps;
  const called: string[] = [];
  for (const cycle of findCycles(dependencyEdges(live))) {
    const fresh = cycle.blockerIds.filter((id) => store.escalations.get(id)?.cycleKey === null);
    if (fresh.length === 0) continue;
    const ids = [...cycle.blockerIds].sort((a, b) => a - b);
    const key = `escalation:cycle:${ids.join('-')}`;
    const text = describeCycle(cycle);
    store.transaction(() => {
      if (deps.channels.pm && !store.escalations.message(key)) {
        store.escalations.createMessage(
          {
            key,
            kind: 'cycle',
            step: -1,
            target: 'cycle',
            party: `cycle:${cycle.keps.join('-')}`,
            channel: deps.channels.pm,
            dmUser: null,
            threadKey: key,
            replyTo: null,
            notBefore: null,
            blockerIds: ids,
          },
          now,
        );
      }
      store.escalations.markCycle(ids, key, now, text);
    });
    if (!deps.channels.pm)
      deps.logger.warn(`escalation: cycle ${text} not posted: the PM channel is not resolved`);
    called.push(text);
  }
  return called;
}

/** Frees the blockers of cycles that no longer loop; returns the cycles said to be broken. */
export async function releaseBrokenCycles(
  deps: WithStore<EscalationDeps, 'blockers' | 'escalations' | 'keps' | 'milestones'>,
  live: Blocker[],
  now: Date,
): Promise<string[]> {
  const { store } = deps;
  const looping = new Set(findCycles(dependencyEdges(live)).flatMap((c) => c.blockerIds));
  const stranded = new Map<string, Blocker[]>();
  for (const blocker of live) {
    const key = store.escalations.get(blocker.id)?.cycleKey ?? null;
    if (key === null || looping.has(blocker.id)) continue;
    stranded.set(key, [...(stranded.get(key) ?? []), blocker]);
  }
  const broken: string[] = [];
  for (const [key, blockers] of stranded) {
    const text = cycleText(deps, key, blockers);
    if (deps.channels.pm && store.escalations.message(key)) {
      const context = blockerContext(store, deps.settings, now);
      const items = blockers.map((b) => describeBlocker(store, deps.settings, context, b));
      const content = deps.messages.cycleBroken({ cycle: text, items, release: deps.settings.release });
      await deps.chat.post({
        key: `${key}:broken`,
        lane: 'scheduled',
        channel: deps.channels.pm,
        threadOf: key,
        ...content,
      });
    }
    store.escalations.clearCycle(
      blockers.map((b) => b.id),
      now,
      text,
    );
    deps.logger.info(`escalation: dependency cycle ${text} is broken; its blockers climb again`);
    broken.push(text);
  }
  return broken;
}

/** The cycle as it was called out (the `cycle` event of one of its blockers). */
function cycleText(deps: WithStore<EscalationDeps, 'escalations'>, key: string, blockers: Blocker[]): string {
  const events = deps.store.escalations.events(blockers[0]!.id).filter((e) => e.kind === 'cycle');
  return events.at(-1)?.detail ?? key;
}
