import { claimStatusDay } from '../app/claim-status-day.ts';
import { type RecordStatusInput, type RecordStatusResult, recordStatus } from '../app/record-status.ts';
import { statusDay, statusThread } from '../domain/status-thread.ts';
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
 * Records a status update and stores its channel post in one transaction: an update is never kept
 * without the post that announces it, whatever moment the process dies at. A refused update
 * stores nothing. Returns the result and the channel the post goes to (null: no post).
 */
export function recordAndPublishStatus(
  ctx: BotContext,
  input: RecordStatusInput,
): { result: RecordStatusResult; postedTo: string | null } {
  return ctx.store.transaction(() => {
    const result = recordStatus(ctx, ctx.statusPolicy, input);
    return { result, postedTo: result.ok ? publishStatusUpdate(ctx, result) : null };
  });
}

/**
 * Posts a recorded update through the outbox, keyed on the update's id: a retried delivery or a
 * restart never posts it twice. In a round it replies in the round's thread; outside one, the
 * day's first update is the SIG channel's one top-level status post of that day and later ones
 * reply in its thread (once Slack has that post). Returns the channel it went to, or null.
 * Synchronous: run inside the transaction that records the update (`recordAndPublishStatus`).
 */
function publishStatusUpdate(ctx: BotContext, result: Recorded): string | null {
  const sig = result.kep.owningSig ?? '';
  const channel = ctx.channels.sig(sig);
  if (!channel) return null;
  const key = statusPostKey(result.update.id);
  const roundThread = ctx.roundThreads?.(sig) ?? null;
  const day = statusDay(new Date(result.update.createdAt));
  const dayParent = roundThread ? null : claimStatusDay(ctx, { sig, day, key });
  const threadOf = statusThread({ roundThread, dayParent, ownKey: key });
  ctx.chat.postNow({
    key,
    lane: 'interactive',
    channel,
    ...(threadOf ? { threadOf } : {}),
    ...buildStatusPost(result, ctx.repo),
  });
  return channel;
}
