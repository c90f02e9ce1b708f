import type { Block, HomeView, KnownBlock } from '@slack/types';

/**
 * Which Web API client and worker a message uses. `interactive` answers people (a reply to a
 * command, a click); `scheduled` is the bot's own cadence (rounds, alerts, digests). Each lane has
 * its own client and queue, so a rate-limit pause on scheduled work never delays a person.
 */
export type ChatLane = 'interactive' | 'scheduled';

/** Block Kit blocks, as Slack takes them. */
export type ChatBlocks = (KnownBlock | Block)[];

/** What every outbound call carries. */
export interface ChatEnvelope {
  /**
   * The idempotency key of this intended message, unique for ever (e.g.
   * `round:sig-node:2025-10-07T16:00Z:parent`). Sending the same key twice sends once.
   */
  key: string;
  lane: ChatLane;
  /** Do not send before this instant (a scheduled send; quiet hours). Default: now. */
  notBefore?: Date;
  /**
   * Never send it at or after this instant (a nudge after its round closes, an alert after its
   * milestone): the outbox drops it as `expired`, with a log line, rather than deliver it late.
   */
  expiresAt?: Date;
  /**
   * Wait until Slack has the message (or it failed) before resolving, up to `timeoutMs`.
   * By default calls resolve as soon as the message is stored in the outbox.
   */
  wait?: { timeoutMs: number };
}

/** Message content: `text` is required as the notification / accessibility fallback. */
export interface ChatContent {
  text: string;
  blocks?: ChatBlocks;
}

/** A channel message (chat.postMessage). */
export interface ChatPost extends ChatEnvelope, ChatContent {
  /** Channel id. May be omitted with `threadOf`: the reply goes where the parent went. */
  channel?: string;
  /** Reply in the thread of the message sent under this outbox key (waits until it is sent). */
  threadOf?: string;
  /** Reply in the thread of this message ts (when the parent was not sent through the outbox). */
  threadTs?: string;
}

/** Where an update goes: the message sent under an outbox key, or an explicit channel and ts. */
export type ChatUpdateTarget = { key: string } | { channel: string; ts: string };

/** Replaces a message's content (chat.update). */
export interface ChatUpdate extends ChatEnvelope, ChatContent {
  target: ChatUpdateTarget;
}

/** A direct message to a Slack user (conversations.open once per user, then chat.postMessage). */
export interface ChatDm extends ChatEnvelope, ChatContent {
  /** Slack user id (`U…`). */
  user: string;
  /** Reply in the thread of the DM sent under this outbox key. */
  threadOf?: string;
}

/**
 * A message only `user` sees (chat.postEphemeral). Delivered at most once: Slack keeps no record
 * of ephemeral messages, so one interrupted mid-call is not sent again.
 */
export interface ChatEphemeral extends ChatEnvelope, ChatContent {
  channel: string;
  user: string;
  threadTs?: string;
}

/** Options of `publishHome`; the key defaults to one per call (views.publish is idempotent). */
export interface ChatHomeOptions {
  key?: string;
  lane?: ChatLane;
}

/**
 * Where a message stands. `expired`: dropped unsent because it could only have arrived at or after
 * its `expiresAt` (after the fact).
 */
export type DeliveryStatus = 'pending' | 'sending' | 'sent' | 'failed' | 'expired';

/** A message's delivery as recorded: where Slack put it once sent, or why it failed. */
export interface DeliveryRef {
  key: string;
  status: DeliveryStatus;
  /** The conversation id (the DM channel for `dm`); null until known. */
  channel: string | null;
  /** The message ts once sent (thread under it, update it); null for ephemeral-less kinds and until sent. */
  ts: string | null;
  /** Slack's error code and detail when failed (or the last retryable error while pending). */
  error: string | null;
  /** Calls made so far (rate-limited calls do not count). */
  attempts: number;
}

/**
 * The Chat port: how use cases talk to Slack. Every call is durable and idempotent by `key`:
 * it resolves once the message is stored (or sent, with `wait`), and the adapter delivers it with
 * retries, rate-limit pauses and per-channel pacing. Errors are reported in the returned
 * `DeliveryRef` (`status: 'failed'`), never thrown for Slack-side problems; malformed input
 * (empty key, no channel) throws an error saying what to fix.
 */
export interface Chat {
  post(msg: ChatPost): Promise<DeliveryRef>;
  update(msg: ChatUpdate): Promise<DeliveryRef>;
  dm(msg: ChatDm): Promise<DeliveryRef>;
  ephemeral(msg: ChatEphemeral): Promise<DeliveryRef>;
  /** Publishes the App Home tab of `userId` (views.publish). */
  publishHome(userId: string, view: HomeView, options?: ChatHomeOptions): Promise<DeliveryRef>;
  /** The delivery recorded under `key`, or null when nothing was ever sent under it. */
  getDelivery(key: string): Promise<DeliveryRef | null>;
  /**
   * Resolves once the message under `key` is sent, failed or expired, or after `timeoutMs` (or when
   * the bot stops) with its state then; null when nothing was ever sent under `key`.
   */
  waitFor(key: string, timeoutMs: number): Promise<DeliveryRef | null>;
  /**
   * Drops the messages not sent yet whose keys start with `keyPrefix` (a vote's reminders once it
   * closed early), as `expired` with `reason`; returns how many.
   */
  withdraw(keyPrefix: string, reason: string): Promise<number>;
}

/**
 * The outbox's synchronous side, for a use case that records something and the post announcing it
 * together. Called inside a transaction of the bot's store (whose database the outbox shares), a
 * post commits or is undone with it: the two are never kept one without the other.
 */
export interface ChatNow {
  /** `Chat.post`, stored before it returns. */
  postNow(msg: ChatPost): DeliveryRef;
  /** `Chat.getDelivery`, answered before it returns. */
  deliveryNow(key: string): DeliveryRef | null;
}
