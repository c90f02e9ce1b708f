import type { View } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import type { OutboxRecord, OutboxRepo } from '../../db/repos/outbox-repo.ts';
import type { ResolvedTarget } from './resolve-target.ts';
import { callSlack } from './slack-call-error.ts';
import { outboxEventType } from './types.ts';

/** Where Slack put a message. */
export interface DeliveryResult {
  channel: string | null;
  ts: string | null;
}

/** What delivering a row needs besides the client. */
export interface DeliverContext {
  repo: Pick<OutboxRepo, 'saveDmChannel' | 'setChannel'>;
  now: () => Date;
}

/**
 * Makes the Web API call(s) for one row: postMessage (with the outbox metadata key), update,
 * conversations.open + postMessage for a DM (remembering the DM channel before posting),
 * postEphemeral or views.publish. A failure throws `SlackCallError` naming the method.
 */
export async function deliverRow(
  client: WebClient,
  row: OutboxRecord,
  target: ResolvedTarget,
  ctx: DeliverContext,
): Promise<DeliveryResult> {
  const { text = '', blocks } = row.payload;
  switch (row.kind) {
    case 'post':
      return postMessage(client, row, target.channel!, target.threadTs);
    case 'dm':
      return postMessage(client, row, target.channel ?? (await openDm(client, row, ctx)), target.threadTs);
    case 'update': {
      const args = { channel: target.channel!, ts: target.ts!, text, ...(blocks ? { blocks } : {}) };
      const res = await callSlack('chat.update', () => client.chat.update(args));
      return { channel: res.channel ?? args.channel, ts: res.ts ?? args.ts };
    }
    case 'ephemeral': {
      const thread = target.threadTs ? { thread_ts: target.threadTs } : {};
      const args = {
        channel: target.channel!,
        user: row.userId!,
        text,
        ...(blocks ? { blocks } : {}),
        ...thread,
      };
      const res = await callSlack('chat.postEphemeral', () => client.chat.postEphemeral(args));
      return { channel: args.channel, ts: res.message_ts ?? null };
    }
    case 'publish': {
      const view = row.payload.view as unknown as View;
      await callSlack('views.publish', () => client.views.publish({ user_id: row.userId!, view }));
      return { channel: null, ts: null };
    }
  }
}

async function postMessage(
  client: WebClient,
  row: OutboxRecord,
  channel: string,
  threadTs: string | null,
): Promise<DeliveryResult> {
  const { text = '', blocks } = row.payload;
  const args = {
    channel,
    text,
    ...(blocks ? { blocks } : {}),
    ...(threadTs ? { thread_ts: threadTs } : {}),
    metadata: { event_type: outboxEventType, event_payload: { key: row.key } },
  };
  const res = await callSlack('chat.postMessage', () => client.chat.postMessage(args));
  return { channel: res.channel ?? channel, ts: res.ts ?? null };
}

async function openDm(client: WebClient, row: OutboxRecord, ctx: DeliverContext): Promise<string> {
  const res = await callSlack('conversations.open', () => client.conversations.open({ users: row.userId! }));
  const channel = res.channel?.id;
  if (!channel) throw new Error(`conversations.open for ${row.userId} returned no channel id`);
  ctx.repo.saveDmChannel(row.userId!, channel, ctx.now());
  ctx.repo.setChannel(row.key, channel, ctx.now());
  return channel;
}
