import type { WebClient } from '@slack/web-api';
import { callSlack } from './slack-call-error.ts';
import { outboxEventType } from './types.ts';

export interface FindPostedMessage {
  channel: string;
  /** Look among the replies of this thread instead of the channel's history. */
  threadTs: string | null;
  /** The outbox key in the message metadata. */
  key: string;
  /** Only messages after this instant are read. */
  oldest: Date;
}

/** Pages read at most (200 messages each) before concluding the message is not there. */
const maxPages = 20;

/**
 * Looks for a message the outbox posted under `key` (its metadata `event_payload.key`), reading
 * conversations.history (or conversations.replies for a thread) from `oldest` on, with
 * `include_all_metadata`. Returns its ts, or null when Slack does not have it. Failures throw
 * `SlackCallError`.
 */
export async function findPostedMessage(client: WebClient, find: FindPostedMessage): Promise<string | null> {
  const oldest = (find.oldest.getTime() / 1000).toFixed(6);
  let cursor: string | undefined;
  for (let page = 0; page < maxPages; page++) {
    const base = { channel: find.channel, oldest, include_all_metadata: true, limit: 200, cursor };
    const response = find.threadTs
      ? await callSlack('conversations.replies', () =>
          client.conversations.replies({ ...base, ts: find.threadTs! }),
        )
      : await callSlack('conversations.history', () => client.conversations.history(base));
    const hit = (response.messages ?? []).find((m) => hasKey(m, find.key));
    if (hit?.ts) return hit.ts;
    cursor = response.response_metadata?.next_cursor || undefined;
    if (!cursor) return null;
  }
  return null;
}

function hasKey(message: unknown, key: string): boolean {
  const metadata = (message as { metadata?: { event_type?: unknown; event_payload?: { key?: unknown } } })
    .metadata;
  return metadata?.event_type === outboxEventType && metadata.event_payload?.key === key;
}
