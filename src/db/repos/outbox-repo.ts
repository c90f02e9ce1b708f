import type { ChatBlocks, ChatLane, DeliveryStatus } from '../../ports/chat.ts';
import type { Db } from '../open.ts';
import { StoreError } from './store-error.ts';

/** The Slack call an outbox row stands for. */
export type OutboxKind = 'post' | 'update' | 'dm' | 'ephemeral' | 'publish';

/** What to send, stored as JSON in `slack_outbox.payload`. */
export interface OutboxPayload {
  text?: string;
  blocks?: ChatBlocks;
  /** post/ephemeral: an explicit thread to reply in. */
  threadTs?: string;
  /** update by channel + ts: the message to update. */
  ts?: string;
  /** publish: the App Home view. */
  view?: Record<string, unknown>;
}

/** A row of the outbox, as the worker sees it. */
export interface OutboxRecord {
  id: number;
  key: string;
  lane: ChatLane;
  kind: OutboxKind;
  channel: string | null;
  userId: string | null;
  threadOf: string | null;
  targetKey: string | null;
  payload: OutboxPayload;
  status: DeliveryStatus;
  attempts: number;
  /** An earlier call may have reached Slack: look for the message before sending again. */
  uncertain: boolean;
  notBefore: Date;
  /** When the message was first due (its `notBefore` when enqueued; retries do not move it). */
  dueAt: Date;
  /** Never sent at or after this instant (dropped as `expired`); null: no limit. */
  expiresAt: Date | null;
  lastError: string | null;
  resultChannel: string | null;
  resultTs: string | null;
  createdAt: Date;
  sendingAt: Date | null;
  sentAt: Date | null;
}

/** A row to insert. */
export interface NewOutboxRecord {
  key: string;
  lane: ChatLane;
  kind: OutboxKind;
  channel?: string | null;
  userId?: string | null;
  threadOf?: string | null;
  targetKey?: string | null;
  payload: OutboxPayload;
  notBefore: Date;
  expiresAt?: Date | null;
}

/** A message given up on, for the health check and the PM channel's notice. */
export interface FailedDelivery {
  key: string;
  lane: ChatLane;
  kind: OutboxKind;
  /** The conversation it was for (the DM channel once opened), or null. */
  channel: string | null;
  userId: string | null;
  /** Why (method and Slack's error first). */
  error: string;
  at: Date;
}

/** How a row goes back to `pending` after a call that did not deliver. */
export interface Reschedule {
  notBefore: Date;
  error: string;
  /** Whether Slack may have the message already (look for it before sending again). */
  uncertain: boolean;
  /** Give back the attempt `claim` counted (rate-limited calls do not count). */
  refundAttempt: boolean;
}

export type OutboxCounts = Record<ChatLane, Record<DeliveryStatus, number>>;

/** The durable outbox (tables `slack_outbox`, `slack_dm_channels`). All times are instants. */
export interface OutboxRepo {
  /** Inserts the row unless its key exists; either way returns the stored row. */
  insert(row: NewOutboxRecord, now: Date): { record: OutboxRecord; created: boolean };
  get(key: string): OutboxRecord | null;
  /** Pending rows of a lane due at `now`, oldest first. */
  listDue(lane: ChatLane, now: Date, limit: number): OutboxRecord[];
  /** The earliest `not_before` of a pending row of the lane that is later than `after`. */
  nextNotBefore(lane: ChatLane, after: Date): Date | null;
  /** Pending rows of the lane due by `until` (all pending rows when null). */
  countPending(lane: ChatLane, until: Date | null): number;
  /** pending → sending, counting an attempt; false when the row was not pending. */
  claim(key: string, now: Date): boolean;
  markSent(key: string, result: { channel: string | null; ts: string | null }, now: Date): boolean;
  markFailed(key: string, error: string, now: Date): boolean;
  /** pending → expired: dropped because it could only arrive after it stopped mattering. */
  markExpired(key: string, reason: string, now: Date): boolean;
  /** Pending rows whose key starts with `prefix`. */
  listPendingByPrefix(prefix: string): OutboxRecord[];
  /** The earliest `due_at` of a message still waiting (pending or sending) and due by `now`. */
  oldestDueAt(now: Date): Date | null;
  /** Messages marked failed at or after `since`, oldest first. */
  failedSince(since: Date): FailedDelivery[];
  /** When the latest row whose key starts with `prefix` was enqueued, or null. */
  lastEnqueuedWithPrefix(prefix: string): Date | null;
  /** sending → pending, to be tried again at `notBefore`. */
  reschedule(key: string, how: Reschedule, now: Date): boolean;
  /** Records the conversation a row goes to once known (the DM channel). */
  setChannel(key: string, channel: string, now: Date): void;
  /** Rows left in `sending` (by a crash, or a failed write after the call). */
  listSending(): OutboxRecord[];
  counts(): OutboxCounts;
  getDmChannel(userId: string): string | null;
  saveDmChannel(userId: string, channel: string, now: Date): void;
}

/** How many due rows of one conversation a worker pass looks at (the first one not waiting goes). */
const rowsPerConversation = 5;

interface OutboxRow {
  updated_at: string;
  id: number;
  key: string;
  lane: ChatLane;
  kind: OutboxKind;
  channel: string | null;
  user_id: string | null;
  thread_of: string | null;
  target_key: string | null;
  payload: string;
  status: DeliveryStatus;
  attempts: number;
  uncertain: number;
  not_before: string;
  due_at: string;
  expires_at: string | null;
  last_error: string | null;
  result_channel: string | null;
  result_ts: string | null;
  created_at: string;
  sending_at: string | null;
  sent_at: string | null;
}

/** Builds the outbox repository on an open, migrated database. */
export function createOutboxRepo(db: Db): OutboxRepo {
  const s = prepareStatements(db);
  return {
    insert: (row, now) => {
      const created = insertRow(s, row, now);
      return { record: toRecord(s.get.get(row.key))!, created };
    },
    get: (key) => toRecord(s.get.get(key)),
    listDue: (lane, now, limit) => listDue(s, lane, iso(now), limit),
    nextNotBefore: (lane, after) => {
      const row = s.nextNotBefore.get(lane, iso(after));
      return row?.at ? new Date(row.at) : null;
    },
    countPending: (lane, until) =>
      (until === null ? s.countPending.get(lane) : s.countPendingUntil.get(lane, iso(until)))?.n ?? 0,
    claim: (key, now) => s.claim.run(iso(now), iso(now), key).changes === 1,
    markSent: (key, result, now) =>
      s.markSent.run(result.channel, result.ts, iso(now), iso(now), key).changes === 1,
    markFailed: (key, error, now) => s.markFailed.run(error, iso(now), key).changes === 1,
    markExpired: (key, reason, now) => s.markExpired.run(reason, iso(now), key).changes === 1,
    listPendingByPrefix: (prefix) =>
      s.pendingByPrefix.all(prefix, `${prefix}\uffff`).map((r) => toRecord(r)!),
    oldestDueAt: (now) => {
      const at = s.oldestDue.get(iso(now));
      return at ? new Date(at) : null;
    },
    failedSince: (since) => s.failedSince.all(iso(since)).map(toFailed),
    lastEnqueuedWithPrefix: (prefix) => {
      const at = s.lastWithPrefix.get(prefix, `${prefix}\uffff`);
      return at ? new Date(at) : null;
    },
    reschedule: (key, how, now) =>
      s.reschedule.run(
        iso(how.notBefore),
        how.error,
        how.uncertain ? 1 : 0,
        how.refundAttempt ? 1 : 0,
        iso(now),
        key,
      ).changes === 1,
    setChannel: (key, channel, now) => void s.setChannel.run(channel, iso(now), key),
    listSending: () => s.sending.all().map((r) => toRecord(r)!),
    counts: () => countByLane(s.counts.all()),
    getDmChannel: (userId) => s.getDm.get(userId)?.channel ?? null,
    saveDmChannel: (userId, channel, now) => void s.saveDm.run(userId, channel, iso(now)),
  };
}

function prepareStatements(db: Db) {
  return {
    insert: db.prepare(`INSERT INTO slack_outbox
        (key, lane, kind, channel, user_id, thread_of, target_key, payload, not_before, due_at, expires_at,
         created_at, updated_at)
      VALUES (@key, @lane, @kind, @channel, @user_id, @thread_of, @target_key, @payload, @not_before,
        @not_before, @expires_at, @now, @now)
      ON CONFLICT (key) DO NOTHING`),
    get: db.prepare<[string], OutboxRow>('SELECT * FROM slack_outbox WHERE key = ?'),
    // The conversations with pending rows, walked through their index one seek at a time (a skip
    // scan), and each one's oldest due rows, read by a seek too: the cost of a worker pass grows
    // with the number of conversations waiting, not with how many messages each has queued.
    nextConversation: db
      .prepare<[string, string], string>(`SELECT conversation FROM slack_outbox
        INDEXED BY slack_outbox_pending_by_conversation
        WHERE lane = ? AND status = 'pending' AND conversation > ? ORDER BY conversation LIMIT 1`)
      .pluck(),
    dueInConversation: db.prepare<[string, string, string, number], OutboxRow>(`SELECT * FROM slack_outbox
        INDEXED BY slack_outbox_pending_by_conversation
        WHERE lane = ? AND status = 'pending' AND conversation = ? AND not_before <= ?
        ORDER BY id LIMIT ?`),
    nextNotBefore: db.prepare<[string, string], { at: string | null }>(`SELECT min(not_before) AS at
      FROM slack_outbox WHERE lane = ? AND status = 'pending' AND not_before > ?`),
    countPending: db.prepare<[string], { n: number }>(
      `SELECT count(*) AS n FROM slack_outbox WHERE lane = ? AND status = 'pending'`,
    ),
    countPendingUntil: db.prepare<[string, string], { n: number }>(
      `SELECT count(*) AS n FROM slack_outbox WHERE lane = ? AND status = 'pending' AND not_before <= ?`,
    ),
    claim: db.prepare<[string, string, string]>(`UPDATE slack_outbox
      SET status = 'sending', attempts = attempts + 1, sending_at = ?, updated_at = ?
      WHERE key = ? AND status = 'pending'`),
    markSent: db.prepare<[string | null, string | null, string, string, string]>(`UPDATE slack_outbox
      SET status = 'sent', result_channel = ?, result_ts = ?, sent_at = ?, updated_at = ?, last_error = NULL
      WHERE key = ? AND status IN ('pending', 'sending')`),
    markFailed: db.prepare<[string, string, string]>(`UPDATE slack_outbox
      SET status = 'failed', last_error = ?, updated_at = ?
      WHERE key = ? AND status IN ('pending', 'sending')`),
    markExpired: db.prepare<[string, string, string]>(`UPDATE slack_outbox
      SET status = 'expired', last_error = ?, updated_at = ?
      WHERE key = ? AND status = 'pending'`),
    pendingByPrefix: db.prepare<[string, string], OutboxRow>(`SELECT * FROM slack_outbox
      WHERE key >= ? AND key < ? AND status = 'pending' ORDER BY id`),
    oldestDue: db
      .prepare<[string], string | null>(`SELECT min(due_at) FROM slack_outbox
        INDEXED BY slack_outbox_open_by_due
        WHERE status IN ('pending', 'sending') AND due_at <= ?`)
      .pluck(),
    lastWithPrefix: db
      .prepare<[string, string], string | null>(
        'SELECT max(created_at) FROM slack_outbox WHERE key >= ? AND key < ?',
      )
      .pluck(),
    failedSince: db.prepare<[string], OutboxRow>(`SELECT * FROM slack_outbox
      INDEXED BY slack_outbox_failed_by_time
      WHERE status = 'failed' AND updated_at >= ? ORDER BY updated_at, id`),
    reschedule: db.prepare<[string, string, number, number, string, string]>(`UPDATE slack_outbox
      SET status = 'pending', not_before = ?, last_error = ?, uncertain = ?,
        attempts = max(0, attempts - ?), updated_at = ?
      WHERE key = ? AND status IN ('pending', 'sending')`),
    setChannel: db.prepare<[string, string, string]>(
      'UPDATE slack_outbox SET channel = ?, updated_at = ? WHERE key = ?',
    ),
    sending: db.prepare<[], OutboxRow>(`SELECT * FROM slack_outbox WHERE status = 'sending' ORDER BY id`),
    counts: db.prepare<[], { lane: ChatLane; status: DeliveryStatus; n: number }>(
      'SELECT lane, status, count(*) AS n FROM slack_outbox GROUP BY lane, status',
    ),
    getDm: db.prepare<[string], { channel: string }>(
      'SELECT channel FROM slack_dm_channels WHERE user_id = ?',
    ),
    saveDm: db.prepare<[string, string, string]>(`INSERT INTO slack_dm_channels (user_id, channel, opened_at)
      VALUES (?, ?, ?) ON CONFLICT (user_id) DO UPDATE SET channel = excluded.channel, opened_at = excluded.opened_at`),
  };
}

type Statements = ReturnType<typeof prepareStatements>;

/**
 * Due pending rows of a lane, oldest first, at most a few per conversation so one busy channel
 * cannot hide the others.
 */
function listDue(s: Statements, lane: ChatLane, now: string, limit: number): OutboxRecord[] {
  const rows: OutboxRow[] = [];
  for (let c = s.nextConversation.get(lane, ''); c !== undefined; c = s.nextConversation.get(lane, c))
    rows.push(...s.dueInConversation.all(lane, c, now, rowsPerConversation));
  return rows
    .sort((a, b) => a.id - b.id)
    .slice(0, limit)
    .map((r) => toRecord(r)!);
}

function insertRow(s: Statements, row: NewOutboxRecord, now: Date): boolean {
  try {
    const result = s.insert.run({
      key: row.key,
      lane: row.lane,
      kind: row.kind,
      channel: row.channel ?? null,
      user_id: row.userId ?? null,
      thread_of: row.threadOf ?? null,
      target_key: row.targetKey ?? null,
      payload: JSON.stringify(row.payload),
      not_before: iso(row.notBefore),
      expires_at: row.expiresAt ? iso(row.expiresAt) : null,
      now: iso(now),
    });
    return result.changes === 1;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new StoreError(
      `outbox message "${row.key}" was not stored (${reason}); give a key of 1-255 characters, a lane, ` +
        'and the channel or user its kind needs',
      { cause: error },
    );
  }
}

function countByLane(rows: { lane: ChatLane; status: DeliveryStatus; n: number }[]): OutboxCounts {
  const empty = () => ({ pending: 0, sending: 0, sent: 0, failed: 0, expired: 0 });
  const counts: OutboxCounts = { interactive: empty(), scheduled: empty() };
  for (const row of rows) counts[row.lane][row.status] = row.n;
  return counts;
}

/**
 * A row as the worker sees it. The payload (Block Kit, often kilobytes) is parsed on first use:
 * a worker pass looks at many due rows but sends only the few whose conversation is ready.
 */
function toRecord(row: OutboxRow | undefined): OutboxRecord | null {
  if (!row) return null;
  let payload: OutboxPayload | null = null;
  return {
    id: row.id,
    key: row.key,
    lane: row.lane,
    kind: row.kind,
    channel: row.channel,
    userId: row.user_id,
    threadOf: row.thread_of,
    targetKey: row.target_key,
    get payload() {
      payload ??= JSON.parse(row.payload) as OutboxPayload;
      return payload;
    },
    status: row.status,
    attempts: row.attempts,
    uncertain: row.uncertain === 1,
    notBefore: new Date(row.not_before),
    dueAt: new Date(row.due_at),
    expiresAt: row.expires_at === null ? null : new Date(row.expires_at),
    lastError: row.last_error,
    resultChannel: row.result_channel,
    resultTs: row.result_ts,
    createdAt: new Date(row.created_at),
    sendingAt: row.sending_at === null ? null : new Date(row.sending_at),
    sentAt: row.sent_at === null ? null : new Date(row.sent_at),
  };
}

function toFailed(row: OutboxRow): FailedDelivery {
  return {
    key: row.key,
    lane: row.lane,
    kind: row.kind,
    channel: row.result_channel ?? row.channel,
    userId: row.user_id,
    error: row.last_error ?? 'unknown error',
    at: new Date(row.updated_at),
  };
}

function iso(date: Date): string {
  return date.toISOString();
}
