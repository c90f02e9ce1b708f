import type { Chat } from '../ports/chat.ts';
import type { RetroRepo } from '../ports/feedback-store.ts';
import type { Store } from '../ports/store.ts';
import { placeRetroPrompts } from './place-retro-prompts.ts';

/** A message event in a channel, as the retrospective reads it. */
export type RetroMessage =
  | { kind: 'reply'; channel: string; ts: string; threadTs: string; user: string; text: string; at: string }
  | { kind: 'deleted'; channel: string; ts: string };

interface RetroDeps {
  store: { retros: RetroRepo };
  chat: Chat;
}

/**
 * A reply in a retrospective prompt's thread becomes an item (an edit replaces its text, a deletion
 * removes it). Anything else is ignored. Returns whether an item was stored or removed.
 */
export async function collectRetroMessage(deps: RetroDeps, message: RetroMessage): Promise<boolean> {
  const { retros } = deps.store;
  if (message.kind === 'deleted') {
    retros.deleteItem(message.channel, message.ts);
    return true;
  }
  let prompt = retros.promptAt(message.channel, message.threadTs);
  if (!prompt && retros.unplaced().length > 0) {
    await placeRetroPrompts(deps);
    prompt = retros.promptAt(message.channel, message.threadTs);
  }
  if (!prompt || message.text.trim() === '') return false;
  retros.saveItem({
    channelId: message.channel,
    ts: message.ts,
    release: prompt.release,
    prompt: prompt.prompt,
    author: message.user,
    text: message.text.trim().slice(0, 3000),
    at: message.at,
  });
  return true;
}

/** A reaction added to or removed from a retrospective item counts as a vote (or takes it back). */
export function countRetroReaction(
  store: Pick<Store, 'retros'>,
  reaction: { channel: string; ts: string; user: string; name: string; added: boolean },
): boolean {
  return store.retros.react(reaction.channel, reaction.ts, reaction.user, reaction.name, reaction.added);
}
