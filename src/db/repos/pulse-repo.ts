import { randomUUID } from 'node:crypto';
import type { PulseAnswer } from '../../domain/nps.ts';
import type { PulseRecord, PulseRepo } from '../../ports/feedback-store.ts';
import type { Db } from '../open.ts';
import { StoreError } from './store-error.ts';

interface PulseRow {
  release: string;
  opens_at: string;
  closes_at: string;
  minimum: number;
  closed_at: string | null;
}

const toRecord = (row: PulseRow | undefined): PulseRecord | null =>
  row
    ? {
        release: row.release,
        opensAt: row.opens_at,
        closesAt: row.closes_at,
        minimum: row.minimum,
        closedAt: row.closed_at,
      }
    : null;

function statements(db: Db) {
  return {
    insert: db.prepare(`INSERT INTO pulses (release, opens_at, closes_at, minimum)
      VALUES (@release, @opensAt, @closesAt, @minimum) ON CONFLICT (release) DO NOTHING`),
    get: db.prepare<[string], PulseRow>('SELECT * FROM pulses WHERE release = ?'),
    open: db.prepare<[], PulseRow>('SELECT * FROM pulses WHERE closed_at IS NULL ORDER BY closes_at'),
    invite: db.prepare(`INSERT INTO pulse_invitations (release, user_id, outbox_key, send_at)
      VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING`),
    invited: db.prepare<[string], { user_id: string }>(
      'SELECT user_id FROM pulse_invitations WHERE release = ? ORDER BY user_id',
    ),
    invitedCount: db.prepare<[string], { n: number }>(
      'SELECT COUNT(*) AS n FROM pulse_invitations WHERE release = ?',
    ),
    owner: db.prepare<[string, string], { token: string }>(
      'SELECT token FROM pulse_answer_owners WHERE release = ? AND user_id = ?',
    ),
    insertAnswer: db.prepare('INSERT INTO pulse_answers (token, release, score) VALUES (?, ?, ?)'),
    insertOwner: db.prepare('INSERT INTO pulse_answer_owners (release, user_id, token) VALUES (?, ?, ?)'),
    setScore: db.prepare('UPDATE pulse_answers SET score = ? WHERE token = ?'),
    setComment: db.prepare('UPDATE pulse_answers SET comment = ? WHERE token = ?'),
    answer: db.prepare<[string], PulseAnswer>('SELECT score, comment FROM pulse_answers WHERE token = ?'),
    answers: db.prepare<[string], PulseAnswer>(
      'SELECT score, comment FROM pulse_answers WHERE release = ? ORDER BY score, comment',
    ),
    close: db.prepare('UPDATE pulses SET closed_at = ? WHERE release = ? AND closed_at IS NULL'),
    forget: db.prepare('DELETE FROM pulse_answer_owners WHERE release = ?'),
    // The double-click ledger keys clicks by user, action and value (`click:U1:…:pulse_score_7:v1.35:7`):
    // at the close those keys would still tie a person to a score for a few days, so they go too.
    forgetClicks: db.prepare(
      `DELETE FROM slack_inbound WHERE kind = 'click' AND key LIKE '%:pulse\\_score\\_%:' || ? || ':%' ESCAPE '\\'`,
    ),
  };
}

/** The satisfaction pulse: answers apart from people, linked to them only while the pulse is open. */
export function createPulseRepo(db: Db): PulseRepo {
  const q = statements(db);
  const isOpen = (release: string) => {
    const pulse = q.get.get(release);
    return pulse !== undefined && pulse.closed_at === null;
  };
  const answer = db.transaction((release: string, user: string, score: number) => {
    if (!isOpen(release)) return 'closed' as const;
    const owned = q.owner.get(release, user);
    if (owned) {
      q.setScore.run(score, owned.token);
      return 'changed' as const;
    }
    const token = randomUUID();
    q.insertAnswer.run(token, release, score);
    q.insertOwner.run(release, user, token);
    return 'recorded' as const;
  });
  return {
    ensure: (pulse) => {
      q.insert.run(pulse);
      return toRecord(q.get.get(pulse.release))!;
    },
    get: (release) => toRecord(q.get.get(release)),
    listOpen: () => q.open.all().map((row) => toRecord(row)!),
    invite: (release, user, key, sendAt) => q.invite.run(release, user, key, sendAt).changes === 1,
    invited: (release) => q.invited.all(release).map((r) => r.user_id),
    invitedCount: (release) => q.invitedCount.get(release)?.n ?? 0,
    answer: (release, user, score) => {
      if (!Number.isInteger(score) || score < 0 || score > 10)
        throw new StoreError(`pulse score ${score} is not a whole number from 0 to 10`);
      return answer(release, user, score);
    },
    comment: (release, user, comment) => {
      const owned = isOpen(release) ? q.owner.get(release, user) : undefined;
      if (!owned) return false;
      q.setComment.run(comment, owned.token);
      return true;
    },
    answerOf: (release, user) => {
      const owned = q.owner.get(release, user);
      return owned ? (q.answer.get(owned.token) ?? null) : null;
    },
    answers: (release) => q.answers.all(release),
    close: db.transaction((release: string, at: string) => {
      if (q.close.run(at, release).changes === 0) return false;
      q.forget.run(release);
      q.forgetClicks.run(release);
      return true;
    }),
  };
}
