/**
 * What the delivery-health use cases read of the outbox, and how they speak. The outbox keeps the
 * record (`db/repos/outbox-repo.ts`); the notice is rendered by a pure Block Kit builder.
 */
import type { FailureNotice, FailureRecord } from '../domain/delivery-health.ts';
import type { Chat, ChatContent } from './chat.ts';
import type { Clock } from './clock.ts';
import type { Logger } from './logger.ts';

/** The outbox's record of messages given up on. */
export interface DeliveryLog {
  /** Messages given up on at or after `since`, oldest first. */
  failedSince(since: Date): FailureRecord[];
  /** When a message whose key starts with `prefix` was last enqueued, or null. */
  lastEnqueuedWithPrefix(prefix: string): Date | null;
}

export interface DeliveryNoticeDeps {
  deliveries: DeliveryLog;
  chat: Pick<Chat, 'post'>;
  clock: Clock;
  logger: Logger;
  /** The PM channel's id; null when there is none the bot could resolve. */
  pmChannel: string | null;
  /** Renders one notice. */
  render(notice: FailureNotice): ChatContent;
}
