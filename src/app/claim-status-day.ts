import type { ChatNow } from '../ports/chat.ts';
import type { Clock } from '../ports/clock.ts';
import type { Store } from '../ports/store.ts';

/** What `claimStatusDay` takes: the day's status posts, and the delivery of the one that claimed it. */
export interface ClaimStatusDayDeps {
  store: Pick<Store, 'statusDays'>;
  chat: Pick<ChatNow, 'deliveryNow'>;
  clock: Clock;
}

/**
 * The post a SIG's status post of `day` replies under: the day's top-level post once Slack has it.
 * One that failed or expired gives the day to this post (`key`); one still on its way leaves this
 * post top-level (a reply to a parent that may yet fail would fail with it). Synchronous, so it
 * joins the transaction that records the update.
 */
export function claimStatusDay(
  deps: ClaimStatusDayDeps,
  input: { sig: string; day: string; key: string },
): string {
  const { sig, day, key } = input;
  const now = deps.clock.now();
  const parent = deps.store.statusDays.claim(sig, day, key, now);
  if (parent === key) return key;
  const delivery = deps.chat.deliveryNow(parent);
  if (delivery?.status === 'sent') return parent;
  if (!delivery || delivery.status === 'failed' || delivery.status === 'expired')
    deps.store.statusDays.replace(sig, day, key, now);
  return key;
}
