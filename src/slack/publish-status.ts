import type { RecordStatusResult } from '../app/record-status.ts';
import { buildStatusPost } from './blocks/kep-status-blocks.ts';
import type { BotContext } from './context.ts';

type Recorded = Extract<RecordStatusResult, { ok: true }>;

/**
 * Where a SIG's status updates go: the thread of its open drumbeat round when there is one,
 * else its channel. Returns null when the SIG has no channel the bot could resolve.
 */
export function statusDestination(
  ctx: BotContext,
  sig: string,
): { channel: string; threadOf?: string } | null {
  const channel = ctx.channels.sig(sig);
  if (!channel) return null;
  const thread = ctx.roundThreads?.(sig) ?? null;
  return thread ? { channel, threadOf: thread } : { channel };
}

/** The outbox key of a status update's channel post. */
export const statusPostKey = (updateId: number) => `status:${updateId}`;

/**
 * Posts a recorded update through the outbox, keyed on the update's id: a retried delivery or a
 * restart never posts it twice. Returns the channel it went to, or null.
 */
export async function publishStatusUpdate(ctx: BotContext, result: Recorded): Promise<string | null> {
  const destination = statusDestination(ctx, result.kep.owningSig ?? '');
  if (!destination) return null;
  await ctx.chat.post({
    key: statusPostKey(result.update.id),
    lane: 'interactive',
    ...destination,
    ...buildStatusPost(result),
  });
  return destination.channel;
}
