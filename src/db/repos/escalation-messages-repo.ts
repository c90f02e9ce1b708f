/**
 * The escalation ladder's messages (`escalation_messages`) and the blockers each tells about
 * (`escalation_members`), with the revision counters that say what still has to be sent.
 */
import type {
  EscalationMessage,
  EscalationMessageKind,
  EscalationRepo,
} from '../../ports/escalation-store.ts';
import type { Db } from '../open.ts';
import { storeRow } from './store-error.ts';

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

export type EscalationMessagesPart = Pick<
  EscalationRepo,
  'createMessage' | 'join' | 'revise' | 'markSent' | 'message' | 'messagesOf' | 'activeMessage' | 'unsent'
>;

function messageStatements(db: Db) {
  return {
    insert: db.prepare(`INSERT INTO escalation_messages
        (key, kind, step, target, party, channel, dm_user, thread_key, reply_to, not_before, created_at)
      VALUES (@key, @kind, @step, @target, @party, @channel, @dmUser, @threadKey, @replyTo, @notBefore, @createdAt)`),
    insertMember:
      db.prepare(`INSERT INTO escalation_members (message_key, blocker_id, joined_at) VALUES (?, ?, ?)
      ON CONFLICT (message_key, blocker_id) DO NOTHING`),
    revise: db.prepare('UPDATE escalation_messages SET revision = revision + 1 WHERE key = ?'),
    markSent: db.prepare(
      'UPDATE escalation_messages SET sent_revision = max(sent_revision, ?) WHERE key = ?',
    ),
    byKey: db.prepare<[string], MessageRow>('SELECT * FROM escalation_messages WHERE key = ?'),
    members: db
      .prepare<[string], number>(
        'SELECT blocker_id FROM escalation_members WHERE message_key = ? ORDER BY blocker_id',
      )
      .pluck(),
    ofBlocker: db.prepare<[number], MessageRow>(`SELECT m.* FROM escalation_messages m
      JOIN escalation_members e ON e.message_key = m.key WHERE e.blocker_id = ? ORDER BY m.created_at, m.rowid`),
    active: db.prepare<[number, string, string], MessageRow>(`SELECT m.* FROM escalation_messages m
      WHERE m.step = ? AND m.target = ? AND m.party = ? AND EXISTS (
        SELECT 1 FROM escalation_members e JOIN blockers b ON b.id = e.blocker_id
        WHERE e.message_key = m.key AND b.closed_at IS NULL)
      ORDER BY m.created_at DESC, m.rowid DESC LIMIT 1`),
    unsent: db.prepare<[], MessageRow>(
      'SELECT * FROM escalation_messages WHERE sent_revision < revision ORDER BY created_at, rowid',
    ),
  };
}

export function createEscalationMessages(db: Db): EscalationMessagesPart {
  const q = messageStatements(db);
  const toMessage = (row: MessageRow): EscalationMessage => messageFromRow(row, q.members.all(row.key));
  const orNull = (row: MessageRow | undefined) => (row ? toMessage(row) : null);
  return {
    createMessage: db.transaction((message, now: Date) => {
      const createdAt = now.toISOString();
      storeRow(`escalation message ${message.key}`, 'each message needs a unique key', () =>
        q.insert.run({ ...message, createdAt }),
      );
      for (const id of message.blockerIds) q.insertMember.run(message.key, id, createdAt);
      return toMessage(q.byKey.get(message.key)!);
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
    message: (key) => orNull(q.byKey.get(key)),
    messagesOf: (blockerId) => q.ofBlocker.all(blockerId).map(toMessage),
    activeMessage: (step, target, party) => orNull(q.active.get(step, target, party)),
    unsent: () => q.unsent.all().map(toMessage),
  };
}

function messageFromRow(row: MessageRow, blockerIds: number[]): EscalationMessage {
  return {
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
    blockerIds,
  };
}
