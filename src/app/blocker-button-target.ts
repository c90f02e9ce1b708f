import { blockingParty } from '../domain/escalation-ladder.ts';
import type { Blocker } from '../domain/status.ts';
import type { EscalationDeps } from '../ports/escalation.ts';
import type { WithStore } from '../ports/store.ts';
import { authorize } from './authorize.ts';
import { owningSigOf } from './describe-blocker.ts';

/** What `blockersOfMessage` takes: the escalation ports, with the repos it uses. */
export type BlockerButtonDeps = WithStore<EscalationDeps, 'blockers' | 'escalations' | 'keps' | 'people'>;

export type ButtonTarget = { ok: true; key: string; open: Blocker[] } | { ok: false; message: string };

/** Who pressed which blocker button. */
export interface BlockerPress {
  messageKey: string;
  /** Slack user id. */
  by: string;
  verb: 'acknowledge' | 'snooze' | 'resolve';
}

/**
 * The open blockers of the escalation message a button was on (its value is the message key),
 * when the person who pressed it may act on every one of them: the reporters of the blocked and
 * of the blocking SIG, the release lead or the release team.
 */
export function blockersOfMessage(deps: BlockerButtonDeps, press: BlockerPress): ButtonTarget {
  const message = deps.store.escalations.message(press.messageKey);
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
  for (const blocker of open) {
    const allowed = mayPress(deps, blocker, press);
    if (!allowed.ok) return allowed;
  }
  return { ok: true, key: press.messageKey, open };
}

function mayPress(deps: WithStore<EscalationDeps, 'keps' | 'people'>, blocker: Blocker, press: BlockerPress) {
  const { store, settings } = deps;
  const party = blockingParty(blocker.target, (n) => owningSigOf(store, settings.release, n));
  return authorize(store.people, settings.permissions, press.by, {
    kind: 'blocker',
    verb: press.verb,
    blockedSig: blocker.sig,
    blockingSig: party.kind === 'sig' ? party.sig : null,
  });
}
