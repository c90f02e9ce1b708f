import { enqueue, withdraw } from './enqueue.ts';
import { createOutboxState, getDelivery, type OutboxOptions } from './outbox-state.ts';
import { outboxStats } from './outbox-stats.ts';
import { recover } from './recover.ts';
import { drain, start, stop } from './run-control.ts';
import { waitFor } from './settle-row.ts';
import type { Outbox } from './types.ts';

export type { OutboxOptions } from './outbox-state.ts';
export { failureLabel } from './settle-row.ts';

/**
 * The durable outbox. Every message is a row keyed by its idempotency key; one worker per lane
 * sends due rows (a row is marked `sending` before its call, `sent` with Slack's channel and ts
 * after), paced per channel, different channels in parallel. Failures: 429 → that channel (or, for
 * a call that names no channel, that method) waits Retry-After, and nothing else does; permanent
 * platform errors → `failed` at once; 5xx / network → exponential backoff with jitter up to
 * `maxAttempts`. A call that may have reached Slack (timeout, 5xx, crash)
 * marks the row uncertain, and the post is looked for by its metadata key before it is sent again,
 * so nothing is posted twice. Ephemeral messages cannot be looked for and are sent at most once.
 *
 * The parts share one `OutboxState`: the lane workers (lane-worker.ts) send through
 * run-delivery.ts, settle-row.ts records each outcome, recover.ts reconciles interrupted sends,
 * run-control.ts starts, drains and stops, and outbox-stats.ts reports.
 */
export function createOutbox(options: OutboxOptions): Outbox {
  const state = createOutboxState(options);
  return {
    enqueue: (msg) => enqueue(state, msg),
    getDelivery: (key) => getDelivery(state, key),
    waitFor: (key, timeoutMs) => waitFor(state, key, timeoutMs),
    withdraw: (keyPrefix, reason) => withdraw(state, keyPrefix, reason),
    drain: (opts) => drain(state, opts),
    recover: () => recover(state),
    stats: () => outboxStats(state),
    start: () => start(state),
    stop: (opts) => stop(state, opts),
  };
}
