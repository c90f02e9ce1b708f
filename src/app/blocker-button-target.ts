import type { Blocker } from '../domain/status.ts';
import type { EscalationDeps } from '../ports/escalation.ts';

export type ButtonTarget = { ok: true; key: string; open: Blocker[] } | { ok: false; message: string };

/** The open blockers of the escalation message a button was on (its value is the message key). */
export function blockersOfMessage(deps: EscalationDeps, key: string): ButtonTarget {
  const message = deps.store.escalations.message(key);
  if (!message)
    return {
      ok: false,
      message: 'Drumbeat has no record of this escalation; it may come from another install.',
    };
  const open = message.blockerIds.flatMap((id) => {
    const b = deps.store.blockers.get(id);
    return b && b.closedAt === null ? [b] : [];
  });
  if (open.length === 0)
    return { ok: false, message: 'Every blocker in this escalation is already resolved.' };
  return { ok: true, key, open };
}
