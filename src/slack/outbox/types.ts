import type { HomeView } from '@slack/types';
import type {
  ChatDm,
  ChatEnvelope,
  ChatEphemeral,
  ChatLane,
  ChatPost,
  ChatUpdate,
  DeliveryRef,
  DeliveryStatus,
} from '../../ports/chat.ts';

/** The metadata `event_type` that marks a message as sent by the outbox (payload: `{ key }`). */
export const outboxEventType = 'drumbeat_outbox';

/** A message to put in the outbox: the Chat port's calls, tagged with their kind. */
export type OutboxMessage =
  | ({ kind: 'post' } & ChatPost)
  | ({ kind: 'update' } & ChatUpdate)
  | ({ kind: 'dm' } & ChatDm)
  | ({ kind: 'ephemeral' } & ChatEphemeral)
  | ({ kind: 'publish'; user: string; view: HomeView } & ChatEnvelope);

/** What `enqueue` did: `created` is false when the key was already in the outbox. */
export interface EnqueueResult {
  created: boolean;
  delivery: DeliveryRef;
}

export interface DrainOptions {
  /** Deliver what is due up to this instant; rows scheduled later are left pending. Default: all. */
  until?: Date;
  /** Give up waiting after this long on the clock (the work goes on if the worker is running). */
  timeoutMs?: number;
}

export type StatusCounts = Record<DeliveryStatus, number>;

export interface DrainResult {
  /** True when `timeoutMs` passed (or `stop` came) before the work was done. */
  timedOut: boolean;
  counts: Record<ChatLane, StatusCounts>;
}

/** What `recover` found for each row left in `sending`, by key. */
export interface RecoverResult {
  /** Slack had it (found by its metadata key): marked sent with that ts. */
  found: string[];
  /** Slack did not have it, or it is safe to send again (update, publish): back to pending. */
  requeued: string[];
  /** Ephemeral messages, which are sent at most once: marked failed. */
  failed: string[];
  /** Slack could not be asked now: pending, to be looked for again before sending. */
  deferred: string[];
}

export interface LaneStats extends StatusCounts {
  /** Calls in flight now. */
  inFlight: number;
  /** Methods paused by a rate limit on a call that names no channel, with when each resumes. */
  pausedMethods: Record<string, Date>;
  /** Channels (pacing keys) paused by a rate limit now. */
  rateLimited: string[];
}

export interface OutboxStats {
  running: boolean;
  inFlight: number;
  lanes: Record<ChatLane, LaneStats>;
}

/** The durable outbox and its workers (one per lane). See create-outbox.ts. */
export interface Outbox {
  /** Stores the message (idempotent by key) and wakes its lane's worker if running. Throws on bad input. */
  enqueue(msg: OutboxMessage): EnqueueResult;
  /** The delivery recorded under `key`, or null. */
  getDelivery(key: string): DeliveryRef | null;
  /**
   * Resolves when the message under `key` is sent, failed or expired, or after `timeoutMs` (or at
   * `stop`) with its state then.
   */
  waitFor(key: string, timeoutMs: number): Promise<DeliveryRef | null>;
  /** Drops the pending messages whose keys start with `keyPrefix`, as expired; returns how many. */
  withdraw(keyPrefix: string, reason: string): number;
  /** Delivers until nothing is due by `until` (starting the workers for the while if needed). */
  drain(options?: DrainOptions): Promise<DrainResult>;
  /** Reconciles rows left in `sending`, then runs the workers until `stop`. */
  start(): Promise<RecoverResult>;
  /** Drains for up to `drainMs`, then stops the workers and waits for calls in flight. */
  stop(options?: { drainMs?: number }): Promise<void>;
  /** Reconciles rows left in `sending` (not in flight here) with what Slack has. */
  recover(): Promise<RecoverResult>;
  stats(): OutboxStats;
}
