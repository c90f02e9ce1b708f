import type { EscalationDeps } from '../ports/escalation.ts';
import type { WithStore } from '../ports/store.ts';
import { blockersOfMessage } from './blocker-button-target.ts';
import { deliverEscalationMessages } from './deliver-escalation-messages.ts';

/** What `acknowledgeBlocker` takes: the escalation ports, with the repos it uses. */
export type AcknowledgeBlockerDeps = WithStore<
  EscalationDeps,
  'blockers' | 'escalations' | 'keps' | 'milestones' | 'people' | 'sigs' | 'transaction'
>;

export type BlockerActionResult =
  | { ok: true; blockerIds: number[]; note: string }
  | { ok: false; message: string };

/**
 * "Acknowledge" on an escalation post: records who is on the open blockers it lists and updates
 * the post to say so. Clicking again (anyone) records the latest person.
 */
export async function acknowledgeBlocker(
  deps: AcknowledgeBlockerDeps,
  input: { messageKey: string; by: string },
): Promise<BlockerActionResult> {
  const target = blockersOfMessage(deps, { ...input, verb: 'acknowledge' });
  if (!target.ok) return target;
  const ids = target.open.map((b) => b.id);
  const now = deps.clock.now();
  deps.store.transaction(() => {
    deps.store.escalations.acknowledge(ids, input.by, now);
    deps.store.escalations.revise([input.messageKey]);
  });
  await deliverEscalationMessages(deps, 'interactive');
  return { ok: true, blockerIds: ids, note: `You are on it: ${ids.length} blocker(s) acknowledged.` };
}
