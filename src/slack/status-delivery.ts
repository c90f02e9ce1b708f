import type { DeliveryRef } from '../ports/chat.ts';
import type { RecordedStatus } from './blocks/kep-status-blocks.ts';
import type { BotContext } from './context.ts';
import { statusPostKey } from './publish-status.ts';

type Delivery = NonNullable<RecordedStatus['delivery']>;

/** How long a reply may still be replaced: a response_url works for 30 minutes. */
export const followUpMs = 25 * 60_000;

/** What a delivery means for the person: posted, refused, or still on its way. */
export function deliveryState(ref: DeliveryRef | null): Delivery {
  if (ref?.status === 'sent') return { state: 'posted' };
  if (ref?.status === 'failed' || ref?.status === 'expired')
    return { state: 'failed', error: reasonOf(ref.error) };
  return { state: 'posting' };
}

/** Slack's error without the method in front (`chat.postMessage: token_revoked` → `token_revoked`). */
function reasonOf(error: string | null): string {
  return (error ?? 'unknown error').replace(/^[\w.]+: /, '');
}

/**
 * Waits (up to `timeoutMs`, or until the bot stops) for a status update's channel post to be
 * confirmed or refused, then hands its final state to `tell`; nothing is told while it is still on
 * its way. Never throws: a failure to tell is logged.
 */
export async function followStatusPost(
  ctx: Pick<BotContext, 'chat' | 'logger'>,
  updateId: number,
  tell: (delivery: Delivery) => Promise<unknown>,
  timeoutMs = followUpMs,
): Promise<void> {
  try {
    const delivery = deliveryState(await ctx.chat.waitFor(statusPostKey(updateId), timeoutMs));
    if (delivery.state !== 'posting') await tell(delivery);
  } catch (error) {
    ctx.logger.warn('could not tell the person how their status post went', { updateId, error });
  }
}
