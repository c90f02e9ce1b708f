import type { Chat, ChatLane } from '../ports/chat.ts';
import type { RenderedMessage } from '../ports/schedule.ts';

/**
 * Posts a message and its overflow: the first part under `key`, the others as thread replies
 * under `<key>:part:<n>`, so a long list is spread, never cut. Each part is keyed, so a rerun
 * sends nothing twice. With `threadOf` (a reply in a round's thread) every part goes in that thread.
 */
export async function postRendered(
  chat: Chat,
  target: { channel: string; threadOf?: string } | { user: string },
  key: string,
  message: RenderedMessage,
  options: { lane: ChatLane; notBefore?: Date; expiresAt?: Date },
): Promise<string[]> {
  const keys: string[] = [];
  for (const [i, blocks] of message.parts.entries()) {
    const partKey = i === 0 ? key : `${key}:part:${i}`;
    const envelope = {
      key: partKey,
      lane: options.lane,
      text: message.text,
      blocks,
      ...when(options.notBefore),
      ...(options.expiresAt ? { expiresAt: options.expiresAt } : {}),
    };
    if ('user' in target) {
      await chat.dm({ ...envelope, user: target.user, ...(i > 0 ? { threadOf: key } : {}) });
    } else {
      const thread = target.threadOf ?? (i > 0 ? key : undefined);
      await chat.post(thread ? { ...envelope, threadOf: thread } : { ...envelope, channel: target.channel });
    }
    keys.push(partKey);
  }
  return keys;
}

function when(notBefore: Date | undefined) {
  return notBefore ? { notBefore } : {};
}
