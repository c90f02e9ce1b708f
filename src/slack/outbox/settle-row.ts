import type { OutboxRecord, Reschedule } from '../../db/repos/outbox-repo.ts';
import { failureCause } from '../../domain/delivery-health.ts';
import type { DeliveryRef } from '../../ports/chat.ts';
import { getDelivery, type OutboxState } from './outbox-state.ts';

/** A bounded label for a failure reason (see `failureCause`), for metrics and notices. */
export function failureLabel(reason: string): string {
  return failureCause(reason);
}

/** Tells whoever waits for the message under `key` that it has settled. */
export function settled(state: OutboxState, key: string): void {
  for (const resolve of state.settleWaiters.get(key) ?? []) resolve();
  state.settleWaiters.delete(key);
}

/** Resolves when the message under `key` settles, or after `timeoutMs`, with its state then. */
export async function waitFor(
  state: OutboxState,
  key: string,
  timeoutMs: number,
): Promise<DeliveryRef | null> {
  const row = getDelivery(state, key);
  if (!row || row.status === 'sent' || row.status === 'failed' || row.status === 'expired') return row;
  const ctrl = new AbortController();
  const settledNow = new Promise<void>((resolve) => {
    const waiters = state.settleWaiters.get(key) ?? new Set();
    waiters.add(resolve);
    state.settleWaiters.set(key, waiters);
    ctrl.signal.addEventListener('abort', () => waiters.delete(resolve), { once: true });
  });
  await Promise.race([settledNow, state.sleep(timeoutMs, ctrl.signal)]);
  ctrl.abort();
  return getDelivery(state, key);
}

export function markSent(
  state: OutboxState,
  row: OutboxRecord,
  result: { channel: string | null; ts: string | null },
  how: string,
): void {
  const now = state.clock.now();
  state.repo.markSent(row.key, result, now);
  state.metrics.outboxDelivered(row.lane, (now.getTime() - row.createdAt.getTime()) / 1000);
  state.log.debug(`outbox: ${how}`, { key: row.key, lane: row.lane, channel: result.channel, ts: result.ts });
  settled(state, row.key);
}

export function markFailed(state: OutboxState, row: OutboxRecord, reason: string): void {
  state.repo.markFailed(row.key, reason, state.clock.now());
  state.metrics.outboxFailed(row.lane, failureLabel(reason));
  state.log.warn('outbox: message failed', { key: row.key, lane: row.lane, kind: row.kind, reason });
  settled(state, row.key);
  try {
    state.onFailed?.({ key: row.key, lane: row.lane, kind: row.kind, reason });
  } catch (error) {
    state.log.error('outbox: the failure hook threw', { key: row.key, error });
  }
}

/** Drops a message that could only arrive after the instant it stopped mattering. */
export function markExpired(
  state: OutboxState,
  row: Pick<OutboxRecord, 'key' | 'lane' | 'kind' | 'expiresAt'>,
  why: string,
): boolean {
  const reason = `expired: ${why}`;
  if (!state.repo.markExpired(row.key, reason, state.clock.now())) return false;
  state.metrics.outboxExpired(row.lane);
  state.log.info('outbox: dropped a message that would arrive too late', {
    key: row.key,
    lane: row.lane,
    kind: row.kind,
    expiresAt: row.expiresAt?.toISOString(),
    reason,
  });
  settled(state, row.key);
  return true;
}

/** Puts the row back to pending until `at`. */
export function retryAt(
  state: OutboxState,
  row: OutboxRecord,
  at: number,
  retry: Omit<Reschedule, 'notBefore'>,
): void {
  state.repo.reschedule(row.key, { notBefore: new Date(at), ...retry }, state.clock.now());
}
