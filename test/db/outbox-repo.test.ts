import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createOutboxRepo, type NewOutboxRecord, type OutboxRepo } from '../../src/db/repos/outbox-repo.ts';
import { type OutboxDb, tempOutboxDb } from '../slack/outbox/outbox-db.ts';

const now = new Date('2026-06-02T16:00:00.000Z');
const plus = (ms: number) => new Date(now.getTime() + ms);

let store: OutboxDb;
let repo: OutboxRepo;
beforeEach(() => {
  store = tempOutboxDb();
  repo = createOutboxRepo(store.db);
});
afterEach(() => store.cleanup());

const post = (key: string, extra: Partial<NewOutboxRecord> = {}): NewOutboxRecord => ({
  key,
  lane: 'scheduled',
  kind: 'post',
  channel: 'C1',
  payload: { text: key },
  notBefore: now,
  ...extra,
});

describe('outbox repo (real migrations on a temp file)', () => {
  it('inserts a key once: a second insert returns the stored row unchanged', () => {
    const first = repo.insert(post('k', { payload: { text: 'first', blocks: [{ type: 'divider' }] } }), now);
    const second = repo.insert(post('k', { payload: { text: 'second' }, channel: 'C2' }), plus(5000));
    expect(first.created).toBe(true);
    expect(second.created).toBe(false);
    expect(second.record).toEqual(first.record);
    expect(second.record).toMatchObject({
      key: 'k',
      status: 'pending',
      channel: 'C1',
      attempts: 0,
      uncertain: false,
      payload: { text: 'first', blocks: [{ type: 'divider' }] },
      createdAt: now,
      notBefore: now,
    });
  });

  it('claims only pending rows and counts each claim as an attempt', () => {
    repo.insert(post('k'), now);
    expect(repo.claim('k', now)).toBe(true);
    expect(repo.claim('k', now)).toBe(false);
    expect(repo.get('k')).toMatchObject({ status: 'sending', attempts: 1, sendingAt: now });
    expect(repo.listSending().map((r) => r.key)).toEqual(['k']);
  });

  it('reschedules with or without refunding the attempt, and keeps what it is told about uncertainty', () => {
    repo.insert(post('k'), now);
    repo.claim('k', now);
    repo.reschedule(
      'k',
      { notBefore: plus(5000), error: 'ratelimited', uncertain: false, refundAttempt: true },
      now,
    );
    expect(repo.get('k')).toMatchObject({
      status: 'pending',
      attempts: 0,
      notBefore: plus(5000),
      lastError: 'ratelimited',
    });
    repo.claim('k', plus(5000));
    repo.reschedule(
      'k',
      { notBefore: plus(9000), error: 'http_500', uncertain: true, refundAttempt: false },
      now,
    );
    expect(repo.get('k')).toMatchObject({ attempts: 1, uncertain: true });
  });

  it('marks sent with where Slack put it, and never un-sends', () => {
    repo.insert(post('k'), now);
    repo.claim('k', now);
    expect(repo.markSent('k', { channel: 'C1', ts: '1.000001' }, plus(1))).toBe(true);
    expect(repo.markFailed('k', 'late error', plus(2))).toBe(false);
    expect(
      repo.reschedule('k', { notBefore: now, error: 'x', uncertain: false, refundAttempt: false }, now),
    ).toBe(false);
    expect(repo.get('k')).toMatchObject({
      status: 'sent',
      resultChannel: 'C1',
      resultTs: '1.000001',
      sentAt: plus(1),
    });
  });

  it('lists due rows oldest first, a few per conversation, and knows when the next one is due', () => {
    for (let n = 0; n < 8; n++) repo.insert(post(`busy:${n}`, { channel: 'CBUSY' }), now);
    repo.insert(post('quiet', { channel: 'CQUIET' }), now);
    repo.insert(post('later', { channel: 'CQUIET', notBefore: plus(60_000) }), now);
    repo.insert(post('other-lane', { lane: 'interactive' }), now);

    const due = repo.listDue('scheduled', now, 100).map((r) => r.key);
    expect(due).toEqual(['busy:0', 'busy:1', 'busy:2', 'busy:3', 'busy:4', 'quiet']);
    expect(repo.nextNotBefore('scheduled', now)).toEqual(plus(60_000));
    expect(repo.nextNotBefore('interactive', now)).toBeNull();
    expect(repo.countPending('scheduled', now)).toBe(9);
    expect(repo.countPending('scheduled', null)).toBe(10);
    expect(repo.counts()).toEqual({
      interactive: { pending: 1, sending: 0, sent: 0, failed: 0, expired: 0 },
      scheduled: { pending: 10, sending: 0, sent: 0, failed: 0, expired: 0 },
    });
  });

  it('expires only pending rows, and keeps when a row was first due across retries', () => {
    repo.insert(post('late', { expiresAt: plus(60_000) }), now);
    repo.insert(post('sent', { channel: 'C2' }), now);
    repo.claim('sent', now);
    repo.markSent('sent', { channel: 'C2', ts: '1.1' }, now);
    repo.claim('late', now);
    repo.reschedule(
      'late',
      { notBefore: plus(30_000), error: 'http_500', uncertain: false, refundAttempt: false },
      now,
    );

    expect(repo.get('late')).toMatchObject({ notBefore: plus(30_000), dueAt: now, expiresAt: plus(60_000) });
    expect(repo.markExpired('sent', 'expired: too late', plus(1))).toBe(false);
    expect(repo.markExpired('late', 'expired: too late', plus(60_000))).toBe(true);
    expect(repo.get('late')).toMatchObject({ status: 'expired', lastError: 'expired: too late' });
    expect(repo.counts().scheduled).toMatchObject({ sent: 1, expired: 1, pending: 0 });
  });

  it('finds the oldest waiting message by when it was first due, and failures since an instant', () => {
    repo.insert(post('later', { notBefore: plus(3_600_000) }), now);
    repo.insert(post('waiting', { channel: 'C2', notBefore: plus(1000) }), plus(500));
    repo.insert(post('gone', { channel: 'C3' }), now);
    repo.claim('gone', now);
    repo.markFailed('gone', 'chat.postMessage: channel_not_found', plus(2000));

    expect(repo.oldestDueAt(now)).toBeNull();
    expect(repo.oldestDueAt(plus(10_000))).toEqual(plus(1000));
    expect(repo.failedSince(plus(2000))).toEqual([
      {
        key: 'gone',
        lane: 'scheduled',
        kind: 'post',
        channel: 'C3',
        userId: null,
        error: 'chat.postMessage: channel_not_found',
        at: plus(2000),
      },
    ]);
    expect(repo.failedSince(plus(2001))).toEqual([]);
  });

  it('remembers DM channels per user', () => {
    expect(repo.getDmChannel('U1')).toBeNull();
    repo.saveDmChannel('U1', 'D1', now);
    repo.saveDmChannel('U1', 'D2', now);
    expect(repo.getDmChannel('U1')).toBe('D2');
  });

  it.each<[string, NewOutboxRecord]>([
    [
      'a DM without a user',
      { key: 'd', lane: 'scheduled', kind: 'dm', payload: { text: 'x' }, notBefore: now },
    ],
    ['a post with neither channel nor parent', post('p', { channel: null })],
    ['an empty key', post('')],
  ])('refuses %s with a StoreError naming the key', (_name, row) => {
    expect(() => repo.insert(row, now)).toThrow(
      /outbox message ".*" was not stored \(CHECK constraint failed/,
    );
  });
});
