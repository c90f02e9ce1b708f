import type {
  EscalationEvent,
  EscalationEventKind,
  EscalationMessage,
  EscalationMessageKind,
  EscalationRepo,
  EscalationState,
} from '../../ports/escalation-store.ts';
import type { Db } from '../open.ts';
import { storeRow } from './store-error.ts';

interface StateRow {
  blocker_id: number;
  in_release: number;
  acknowledged_by: string | null;
  acknowledged_at: string | null;
  snoozed_until: string | null;
  snoozes: number;
  cycle_key: string | null;
  resolution_announced_at: string | null;
  first_seen_at: string;
}

interface MessageRow {
  key: string;
  kind: EscalationMessageKind;
  step: number;
  target: string;
  party: string;
  channel: string | null;
  dm_user: string | null;
  thread_key: string;
  reply_to: string | null;
  not_before: string | null;
  revision: number;
  sent_revision: number;
  created_at: string;
}

interface EventRow {
  blocker_id: number;
  kind: EscalationEventKind;
  by: string;
  at: string;
  detail: string;
}

/** The escalation ladder's tables (`escalation_*`). */
export function createEscalationRepo(db: Db): EscalationRepo {
  const q = {
    unseen: db.prepare<[string], { id: number }>(`SELECT b.id FROM blockers b
      LEFT JOIN escalation_state s ON s.blocker_id = b.id
      WHERE b.release = ? AND b.closed_at IS NULL AND s.blocker_id IS NULL LIMIT 1`),
    state: db.prepare<[number], StateRow>('SELECT * FROM escalation_state WHERE blocker_id = ?'),
    steps: db
      .prepare<[number], number>('SELECT step FROM escalation_steps WHERE blocker_id = ? ORDER BY step')
      .pluck(),
    insertState: db.prepare(`INSERT INTO escalation_state (blocker_id, in_release, first_seen_at)
      VALUES (?, ?, ?) ON CONFLICT (blocker_id) DO NOTHING`),
    insertStep: db.prepare(`INSERT INTO escalation_steps (blocker_id, step, done_at, note) VALUES (?, ?, ?, ?)
      ON CONFLICT (blocker_id, step) DO NOTHING`),
    insertMessage: db.prepare(`INSERT INTO escalation_messages
        (key, kind, step, target, party, channel, dm_user, thread_key, reply_to, not_before, created_at)
      VALUES (@key, @kind, @step, @target, @party, @channel, @dmUser, @threadKey, @replyTo, @notBefore, @createdAt)`),
    insertMember:
      db.prepare(`INSERT INTO escalation_members (message_key, blocker_id, joined_at) VALUES (?, ?, ?)
      ON CONFLICT (message_key, blocker_id) DO NOTHING`),
    revise: db.prepare('UPDATE escalation_messages SET revision = revision + 1 WHERE key = ?'),
    markSent: db.prepare(
      'UPDATE escalation_messages SET sent_revision = max(sent_revision, ?) WHERE key = ?',
    ),
    message: db.prepare<[string], MessageRow>('SELECT * FROM escalation_messages WHERE key = ?'),
    members: db
      .prepare<[string], number>(
        'SELECT blocker_id FROM escalation_members WHERE message_key = ? ORDER BY blocker_id',
      )
      .pluck(),
    messagesOf: db.prepare<[number], MessageRow>(`SELECT m.* FROM escalation_messages m
      JOIN escalation_members e ON e.message_key = m.key WHERE e.blocker_id = ? ORDER BY m.created_at, m.rowid`),
    active: db.prepare<[number, string, string], MessageRow>(`SELECT m.* FROM escalation_messages m
      WHERE m.step = ? AND m.target = ? AND m.party = ? AND EXISTS (
        SELECT 1 FROM escalation_members e JOIN blockers b ON b.id = e.blocker_id
        WHERE e.message_key = m.key AND b.closed_at IS NULL)
      ORDER BY m.created_at DESC, m.rowid DESC LIMIT 1`),
    unsent: db.prepare<[], MessageRow>(
      'SELECT * FROM escalation_messages WHERE sent_revision < revision ORDER BY created_at, rowid',
    ),
    acknowledge: db.prepare(
      'UPDATE escalation_state SET acknowledged_by = ?, acknowledged_at = ? WHERE blocker_id = ?',
    ),
    snooze: db.prepare(
      'UPDATE escalation_state SET snoozed_until = ?, snoozes = snoozes + 1 WHERE blocker_id = ?',
    ),
    cycle: db.prepare('UPDATE escalation_state SET cycle_key = ? WHERE blocker_id = ?'),
    unannounced: db
      .prepare<[], number>(`SELECT s.blocker_id FROM escalation_state s JOIN blockers b ON b.id = s.blocker_id
        WHERE s.resolution_announced_at IS NULL AND b.closed_at IS NOT NULL ORDER BY b.closed_at, b.id`)
      .pluck(),
    announced: db.prepare('UPDATE escalation_state SET resolution_announced_at = ? WHERE blocker_id = ?'),
    log: db.prepare(
      'INSERT INTO escalation_events (blocker_id, kind, by, at, detail) VALUES (?, ?, ?, ?, ?)',
    ),
    events: db.prepare<[number], EventRow>(
      'SELECT blocker_id, kind, by, at, detail FROM escalation_events WHERE blocker_id = ? ORDER BY id',
    ),
  };

  const toMessage = (row: MessageRow): EscalationMessage => ({
    key: row.key,
    kind: row.kind,
    step: row.step,
    target: row.target,
    party: row.party,
    channel: row.channel,
    dmUser: row.dm_user,
    threadKey: row.thread_key,
    replyTo: row.reply_to,
    notBefore: row.not_before,
    revision: row.revision,
    sentRevision: row.sent_revision,
    createdAt: row.created_at,
    blockerIds: q.members.all(row.key),
  });
  const get = (blockerId: number): EscalationState | null => {
    const row = q.state.get(blockerId);
    if (!row) return null;
    return {
      blockerId: row.blocker_id,
      inRelease: row.in_release === 1,
      acknowledgedBy: row.acknowledged_by,
      acknowledgedAt: row.acknowledged_at,
      snoozedUntil: row.snoozed_until,
      snoozes: row.snoozes,
      cycleKey: row.cycle_key,
      resolutionAnnouncedAt: row.resolution_announced_at,
      firstSeenAt: row.first_seen_at,
      steps: q.steps.all(blockerId),
    };
  };
  const log = (e: EscalationEvent) => q.log.run(e.blockerId, e.kind, e.by, e.at, e.detail);

  return {
    hasUnseenOpen: (release) => q.unseen.get(release) !== undefined,
    get,
    ensure: (blockerId, inRelease, now) => {
      storeRow(`escalation of blocker ${blockerId}`, 'the blocker must exist', () =>
        q.insertState.run(blockerId, inRelease ? 1 : 0, now.toISOString()),
      );
      return get(blockerId)!;
    },
    recordStep: (blockerId, step, now, note) =>
      q.insertStep.run(blockerId, step, now.toISOString(), note).changes > 0,
    createMessage: db.transaction((message, now: Date) => {
      const createdAt = now.toISOString();
      storeRow(`escalation message ${message.key}`, 'each message needs a unique key', () =>
        q.insertMessage.run({ ...message, createdAt }),
      );
      for (const id of message.blockerIds) q.insertMember.run(message.key, id, createdAt);
      return toMessage(q.message.get(message.key)!);
    }),
    join: db.transaction((key: string, blockerIds: number[], now: Date) => {
      for (const id of blockerIds) q.insertMember.run(key, id, now.toISOString());
      q.revise.run(key);
    }),
    revise: db.transaction((keys: string[]) => {
      for (const key of new Set(keys)) q.revise.run(key);
    }),
    markSent: (key, revision) => {
      q.markSent.run(revision, key);
    },
    message: (key) => {
      const row = q.message.get(key);
      return row ? toMessage(row) : null;
    },
    messagesOf: (blockerId) => q.messagesOf.all(blockerId).map(toMessage),
    activeMessage: (step, target, party) => {
      const row = q.active.get(step, target, party);
      return row ? toMessage(row) : null;
    },
    unsent: () => q.unsent.all().map(toMessage),
    acknowledge: db.transaction((ids: number[], by: string, now: Date) => {
      for (const id of ids) {
        q.acknowledge.run(by, now.toISOString(), id);
        log({ blockerId: id, kind: 'acknowledged', by, at: now.toISOString(), detail: '' });
      }
    }),
    snooze: db.transaction((ids: number[], until: Date, by: string, now: Date) => {
      for (const id of ids) {
        q.snooze.run(until.toISOString(), id);
        log({
          blockerId: id,
          kind: 'snoozed',
          by,
          at: now.toISOString(),
          detail: `until ${until.toISOString()}`,
        });
      }
    }),
    markCycle: db.transaction((ids: number[], cycleKey: string, now: Date, detail: string) => {
      for (const id of ids) {
        q.cycle.run(cycleKey, id);
        log({ blockerId: id, kind: 'cycle', by: 'drumbeat', at: now.toISOString(), detail });
      }
    }),
    unannouncedClosed: () => q.unannounced.all(),
    markAnnounced: (blockerId, now) => {
      q.announced.run(now.toISOString(), blockerId);
    },
    log,
    events: (blockerId) =>
      q.events.all(blockerId).map((r) => ({
        blockerId: r.blocker_id,
        kind: r.kind,
        by: r.by,
        at: r.at,
        detail: r.detail,
      })),
  };
}
