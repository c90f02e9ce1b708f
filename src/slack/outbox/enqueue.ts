import { buildOutboxRecord, OutboxInputError } from './build-outbox-record.ts';
import { getDelivery, type OutboxState, toDeliveryRef } from './outbox-state.ts';
import { markExpired } from './settle-row.ts';
import type { EnqueueResult, OutboxMessage } from './types.ts';

/** Stores the message (idempotent by key) and wakes its lane's worker. Throws on bad input. */
export function enqueue(state: OutboxState, msg: OutboxMessage): EnqueueResult {
  const now = state.clock.now();
  const record = buildOutboxRecord(msg, now);
  const existing = state.repo.get(record.key);
  if (existing) return { created: false, delivery: toDeliveryRef(existing)! };
  checkDependency(state, record);
  const { record: stored, created } = state.repo.insert(record, now);
  if (created && record.expiresAt && record.notBefore >= record.expiresAt) {
    markExpired(
      state,
      stored,
      `it could go at ${record.notBefore.toISOString()} at the earliest, not before ${record.expiresAt.toISOString()}`,
    );
    return { created, delivery: getDelivery(state, stored.key)! };
  }
  if (created) state.lanes[stored.lane].wake.fire();
  return { created, delivery: toDeliveryRef(stored)! };
}

/** Throws unless the message a reply or update depends on is in the outbox and fits it. */
function checkDependency(state: OutboxState, record: ReturnType<typeof buildOutboxRecord>) {
  const dependency = record.threadOf ?? record.targetKey;
  if (!dependency) return;
  const field = record.threadOf ? 'threadOf' : 'target.key';
  const fail = (what: string) => {
    throw new OutboxInputError(`outbox message "${record.key}": ${field} "${dependency}" ${what}`);
  };
  const parent = state.repo.get(dependency);
  if (!parent) return fail('is not in the outbox; enqueue that message first');
  if (parent.kind !== 'post' && parent.kind !== 'dm')
    fail(`is a ${parent.kind}; only posts and DMs can be replied to or updated`);
  if (record.kind === 'dm' && (parent.kind !== 'dm' || parent.userId !== record.userId))
    fail('is not a DM to the same user; a DM can only reply in a thread of a DM to that user');
  if (record.kind === 'post' && record.channel && parent.kind === 'post' && parent.channel !== record.channel)
    fail(
      `is in channel ${parent.channel}, not ${record.channel}; leave channel out to reply where the parent is`,
    );
}

/** Drops the pending messages whose keys start with `keyPrefix`, as expired; returns how many. */
export function withdraw(state: OutboxState, keyPrefix: string, reason: string): number {
  if (keyPrefix.trim() === '') throw new OutboxInputError('withdraw needs a non-empty key prefix');
  let dropped = 0;
  for (const row of state.repo.listPendingByPrefix(keyPrefix)) {
    if (markExpired(state, row, reason)) dropped++;
  }
  return dropped;
}
