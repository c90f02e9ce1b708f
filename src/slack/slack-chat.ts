import type { Chat, ChatEnvelope, ChatNow, DeliveryRef } from '../ports/chat.ts';
import type { Clock } from '../ports/clock.ts';
import type { Outbox, OutboxMessage } from './outbox/types.ts';

export interface SlackChatOptions {
  outbox: Pick<Outbox, 'enqueue' | 'getDelivery' | 'waitFor' | 'withdraw'>;
  clock: Clock;
}

/**
 * The Chat port on the durable outbox: each call stores the message under its key (the outbox
 * worker is woken and sends it) and resolves with its delivery at once, or once Slack has it when
 * the call asks to `wait`. A key already used resolves with that earlier delivery; nothing is
 * sent twice.
 */
export function createSlackChat({ outbox, clock }: SlackChatOptions): Chat & ChatNow {
  let homeSeq = 0;
  const send = async (msg: OutboxMessage & ChatEnvelope): Promise<DeliveryRef> => {
    const { delivery } = outbox.enqueue(msg);
    if (!msg.wait || !['pending', 'sending'].includes(delivery.status)) return delivery;
    return (await outbox.waitFor(msg.key, msg.wait.timeoutMs)) ?? delivery;
  };
  return {
    post: (msg) => send({ ...msg, kind: 'post' }),
    update: (msg) => send({ ...msg, kind: 'update' }),
    dm: (msg) => send({ ...msg, kind: 'dm' }),
    ephemeral: (msg) => send({ ...msg, kind: 'ephemeral' }),
    publishHome: (userId, view, options = {}) =>
      send({
        kind: 'publish',
        key: options.key ?? `home:${userId}:${clock.now().toISOString()}:${homeSeq++}`,
        lane: options.lane ?? 'interactive',
        user: userId,
        view,
      }),
    getDelivery: async (key) => outbox.getDelivery(key),
    postNow: (msg) => outbox.enqueue({ ...msg, kind: 'post' }).delivery,
    deliveryNow: (key) => outbox.getDelivery(key),
    waitFor: (key, timeoutMs) => outbox.waitFor(key, timeoutMs),
    withdraw: async (keyPrefix, reason) => outbox.withdraw(keyPrefix, reason),
  };
}
