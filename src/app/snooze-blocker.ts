import { addElapsed } from '../domain/escalation-ladder.ts';
import type { EscalationDeps } from '../ports/escalation.ts';
import type { WithStore } from '../ports/store.ts';
import type { BlockerActionResult } from './acknowledge-blocker.ts';
import { blockersOfMessage } from './blocker-button-target.ts';
import { deliverEscalationMessages } from './deliver-escalation-messages.ts';

/** What `snoozeBlocker` takes: the escalation ports, with the repos it uses. */
export type SnoozeBlockerDeps = WithStore<
  EscalationDeps,
  'blockers' | 'escalations' | 'keps' | 'milestones' | 'people' | 'sigs' | 'transaction'
>;

/**
 * "Snooze 1 day": the next ladder step of each open blocker the post lists waits one more (business)
 * day from now, or from the end of a snooze already running. Recorded, and the post says until when.
 */
export async function snoozeBlocker(
  deps: SnoozeBlockerDeps,
  input: { messageKey: string; by: string },
): Promise<BlockerActionResult> {
  const target = blockersOfMessage(deps, { ...input, verb: 'snooze' });
  if (!target.ok) return target;
  const now = deps.clock.now();
  const { store, settings } = deps;
  let latest = now;
  store.transaction(() => {
    for (const blocker of target.open) {
      const current = store.escalations.get(blocker.id)?.snoozedUntil;
      const from = current && new Date(current) > now ? new Date(current) : now;
      const until = addElapsed(from, settings.snoozeMs, settings.businessDays);
      store.escalations.snooze([blocker.id], until, input.by, now);
      if (until > latest) latest = until;
    }
    store.escalations.revise([input.messageKey]);
  });
  await deliverEscalationMessages(deps, 'interactive');
  return {
    ok: true,
    blockerIds: target.open.map((b) => b.id),
    note: `Snoozed: the next step waits until ${latest.toISOString().slice(0, 16).replace('T', ' ')} UTC.`,
  };
}
