import type { ChatLane } from '../ports/chat.ts';
import type { EscalationDeps } from '../ports/escalation.ts';
import type { EscalationMessage } from '../ports/escalation-store.ts';
import type { WithStore } from '../ports/store.ts';
import { deliverEscalationMessages } from './deliver-escalation-messages.ts';
import { blockerContext, describeBlocker } from './describe-blocker.ts';

/** What `announceResolutions` takes: the escalation ports, with the repos it uses. */
export type AnnounceResolutionsDeps = WithStore<
  EscalationDeps,
  'blockers' | 'escalations' | 'keps' | 'milestones' | 'people' | 'sigs' | 'transaction'
>;

/** A close reason the ladder writes when the blocked KEP left the release. */
export const droppedReasonPrefix = 'dropped from the release';

/**
 * For each blocker closed since the ladder told people about it (a Resolved button, a status that
 * is no longer blocked, the KEP dropped from the release): a short reply in EVERY thread that heard
 * of it, keyed per blocker and thread so nothing is posted twice, then the posts themselves are
 * updated to show it resolved. Returns how many blockers were announced.
 */
export async function announceResolutions(deps: AnnounceResolutionsDeps, lane: ChatLane): Promise<number> {
  const { store } = deps;
  const ids = store.escalations.unannouncedClosed();
  if (ids.length === 0) return 0;
  const now = deps.clock.now();
  const context = blockerContext(store, deps.settings, now);
  for (const id of ids) {
    const blocker = store.blockers.get(id);
    if (!blocker) continue;
    const heard = store.escalations.messagesOf(id);
    const item = describeBlocker(store, deps.settings, context, blocker);
    const dropped =
      (blocker.closeReason ?? '').startsWith(droppedReasonPrefix) ||
      /dropped/.test(blocker.closeReason ?? '');
    const content = deps.messages.resolution({ item, dropped, release: deps.settings.release });
    for (const thread of threadsOf(heard)) {
      const key = `escalation:${id}:resolved:${thread.threadKey}`;
      if (thread.dmUser && !thread.replyTo) {
        await deps.chat.dm({ key, lane, user: thread.dmUser, threadOf: thread.threadKey, ...content });
      } else {
        await deps.chat.post({ key, lane, threadOf: thread.threadKey, ...content });
      }
    }
    store.transaction(() => {
      store.escalations.revise(heard.filter((m) => m.kind === 'post' || m.kind === 'sig').map((m) => m.key));
      store.escalations.markAnnounced(id, now);
    });
  }
  await deliverEscalationMessages(deps, lane);
  return ids.length;
}

/** One message per distinct thread (the first that lives in it). */
function threadsOf(messages: EscalationMessage[]): EscalationMessage[] {
  const seen = new Map<string, EscalationMessage>();
  for (const m of messages) if (!seen.has(m.threadKey)) seen.set(m.threadKey, m);
  return [...seen.values()];
}
