import { describeCycle, findCycles } from '../domain/escalation-graph.ts';
import type { ChatLane } from '../ports/chat.ts';
import type { EscalationContent, EscalationDeps } from '../ports/escalation.ts';
import type { EscalationMessage } from '../ports/escalation-store.ts';
import type { WithStore } from '../ports/store.ts';
import { blockerContext, dependencyEdges, describeBlocker } from './describe-blocker.ts';

/** What `deliverEscalationMessages` takes: the escalation ports, with the repos it uses. */
export type DeliverEscalationDeps = WithStore<
  EscalationDeps,
  'blockers' | 'escalations' | 'keps' | 'milestones' | 'people' | 'sigs'
>;

/**
 * Hands every escalation message whose latest revision is not yet in the outbox to the Chat port:
 * the first revision as a post (or DM), later ones as an update keyed by revision. Content is
 * rendered from what is stored now, so a message re-sent after a crash says what is true now.
 * Idempotent: the outbox sends each key once.
 */
export async function deliverEscalationMessages(
  deps: DeliverEscalationDeps,
  lane: ChatLane,
): Promise<number> {
  const pending = deps.store.escalations.unsent();
  if (pending.length === 0) return 0;
  const context = blockerContext(deps.store, deps.settings, deps.clock.now());
  for (const message of pending) {
    const content = render(deps, message, context);
    await send(deps, message, content, lane);
    deps.store.escalations.markSent(message.key, message.revision);
  }
  return pending.length;
}

async function send(
  deps: Omit<EscalationDeps, 'store'>,
  message: EscalationMessage,
  content: EscalationContent,
  lane: ChatLane,
): Promise<void> {
  const { chat } = deps;
  const notBefore = message.notBefore ? { notBefore: new Date(message.notBefore) } : {};
  if (message.sentRevision >= 0) {
    await chat.update({
      key: `${message.key}:rev:${message.revision}`,
      lane,
      target: { key: message.key },
      ...content,
    });
  } else if (message.dmUser) {
    await chat.dm({ key: message.key, lane, user: message.dmUser, ...notBefore, ...content });
  } else {
    await chat.post({
      key: message.key,
      lane,
      ...(message.channel ? { channel: message.channel } : {}),
      ...(message.replyTo ? { threadOf: message.replyTo } : {}),
      ...notBefore,
      ...content,
    });
  }
}

function render(
  deps: WithStore<EscalationDeps, 'blockers' | 'escalations' | 'keps' | 'people' | 'sigs'>,
  message: EscalationMessage,
  context: ReturnType<typeof blockerContext>,
): EscalationContent {
  const { store, settings, messages } = deps;
  const blockers = message.blockerIds.flatMap((id) => store.blockers.get(id) ?? []);
  const items = blockers.map((b) => describeBlocker(store, settings, context, b));
  if (message.kind === 'cycle') {
    const cycle = findCycles(dependencyEdges(blockers))[0];
    const text = cycle ? describeCycle(cycle) : items.map((i) => `KEP-${i.kep.number}`).join(' → ');
    return messages.cycle({ cycle: text, items, release: settings.release });
  }
  return messages.message({
    kind: message.kind,
    key: message.key,
    step: message.step,
    release: settings.release,
    partyLabel: partyLabel(message.party, items),
    mention: mentionsFor(deps, message),
    items,
    now: context.now,
  });
}

function partyLabel(party: string, items: ReturnType<typeof describeBlocker>[]): string {
  const first = items[0];
  if (party.startsWith('sig:')) return party.slice(4);
  return first ? first.waitsOn : party.replace(/^\w+:/, '');
}

/** Who a message names: the blocking SIG's facilitators, or the release lead. */
function mentionsFor(
  deps: WithStore<EscalationDeps, 'people' | 'sigs'>,
  message: EscalationMessage,
): string[] {
  if (message.kind === 'lead') return deps.settings.leadSlack ? [deps.settings.leadSlack] : [];
  if (message.kind !== 'sig' || !message.party.startsWith('sig:')) return [];
  const sig = deps.store.sigs.get(message.party.slice(4));
  return (sig?.facilitators ?? []).map((login) => deps.store.people.getByGithub(login)?.slack ?? `@${login}`);
}
