import type {
  ElectorateKind,
  RoundCloseReason,
  RoundOutcome,
  VoteQuorum,
  VoteReminderRule,
  VoteValue,
} from '../../domain/vote.ts';
import type {
  BallotEvent,
  ConcernResolution,
  NewBallot,
  NewVote,
  RoundRecord,
  StoredBallot,
  StoredConcern,
  VoteRecord,
  VoteRepo,
} from '../../ports/vote-store.ts';
import type { Db } from '../open.ts';
import { fromJson, toJson } from './json-columns.ts';
import { storeRow } from './store-error.ts';

interface VoteRow {
  id: number;
  question: string;
  owner: string;
  channel: string;
  thread_ts: string | null;
  electorate_kind: ElectorateKind;
  electorate_source: string | null;
  quorum_kind: 'all' | 'share';
  quorum_share: number | null;
  hide_values: number;
  duration_ms: number;
  remind_at: string;
  link: string | null;
  kep_issues: string;
  created_at: string;
}

interface RoundRow {
  id: number;
  vote_id: number;
  number: number;
  previous_round_id: number | null;
  opens_at: string;
  closes_at: string;
  closed_at: string | null;
  close_reason: RoundCloseReason | null;
  outcome: RoundOutcome | null;
  closed_by: string | null;
}

interface BallotRow {
  round_id: number;
  voter: string;
  value: number;
  concern_id: number | null;
  event_id: number;
  cast_at: string;
}

interface EventRow {
  id: number;
  round_id: number;
  voter: string;
  value: number;
  previous_value: number | null;
  concern_id: number | null;
  at: string;
}

interface ConcernRow {
  id: number;
  round_id: number;
  voter: string;
  value: number;
  text: string;
  raised_at: string;
  resolved_at: string | null;
  resolution: ConcernResolution | null;
}

/** Fist-to-five votes (tables `votes`, `vote_electors`, `vote_rounds`, `vote_ballots`, …). */
export function createVoteRepo(db: Db): VoteRepo {
  const s = prepare(db);
  const getRound = (id: number) => {
    const row = s.round.get(id);
    return row ? toRound(row) : null;
  };
  const getConcern = (id: number) => toConcern(s.concern.get(id)!);

  const create: VoteRepo['create'] = (vote, round) =>
    db.transaction(() => {
      const known = s.voteByKey.get(vote.idempotencyKey);
      if (known) {
        const first = s.roundByNumber.get(known.id, 1)!;
        return { vote: toVote(known), round: toRound(first), created: false };
      }
      const id = Number(
        storeRow(
          `vote "${vote.question.slice(0, 60)}"`,
          'a vote needs a question of 1–300 characters, an owner, a channel and a positive voting time',
          () => s.insertVote.run(voteParams(vote)).lastInsertRowid,
        ),
      );
      for (const [position, user] of vote.electors.entries()) s.insertElector.run(id, user, position);
      const roundId = Number(s.insertRound.run(id, 1, null, round.opensAt, round.closesAt).lastInsertRowid);
      return { vote: toVote(s.vote.get(id)!), round: getRound(roundId)!, created: true };
    })();

  return {
    create,
    get: (id) => {
      const row = s.vote.get(id);
      return row ? toVote(row) : null;
    },
    getRound,
    rounds: (voteId) => s.rounds.all(voteId).map(toRound),
    electors: (voteId) => s.electors.all(voteId).map((r) => r.user_id),
    isElector: (voteId, user) => s.isElector.get(voteId, user) !== undefined,
    ballots: (roundId) => s.ballots.all(roundId).map(toBallot),
    ballot: (roundId, voter) => {
      const row = s.ballot.get(roundId, voter);
      return row ? toBallot(row) : null;
    },
    ballotCount: (roundId) => s.ballotCount.get(roundId)?.n ?? 0,
    electorateSize: (voteId) => s.electorateSize.get(voteId)?.n ?? 0,
    ballotHistory: (roundId, voter) =>
      (voter === undefined ? s.history.all(roundId) : s.historyOf.all(roundId, voter)).map(toEvent),
    lastEventId: (roundId) => s.lastEvent.get(roundId)?.id ?? 0,
    recordBallot: (ballot) => db.transaction(() => recordBallot(s, ballot))(),
    addConcern: (concern) => {
      const id = storeRow(
        `concern of ${concern.voter}`,
        'a concern needs 1–2000 characters of text and a value of 0, 1 or 2',
        () => s.insertConcern.run(concern.roundId, concern.voter, concern.value, concern.text, concern.at),
      ).lastInsertRowid;
      return getConcern(Number(id));
    },
    resolveConcerns: (roundId, voter, resolution, at) =>
      db.transaction(() => {
        const open = s.openConcerns.all(roundId, voter);
        for (const c of open) s.resolveConcern.run(at, resolution, c.id);
        return open.map((c) => getConcern(c.id));
      })(),
    concerns: (roundId) => s.concerns.all(roundId).map(toConcern),
    closeRound: (roundId, close) =>
      s.closeRound.run(close.closedAt, close.reason, close.outcome, close.by, roundId).changes > 0,
    addRound: (previous, opensAt, closesAt) =>
      db.transaction(() => {
        const number = previous.number + 1;
        const existing = s.roundByNumber.get(previous.voteId, number);
        if (existing) return { round: toRound(existing), created: false };
        const id = s.insertRound.run(previous.voteId, number, previous.id, opensAt, closesAt).lastInsertRowid;
        return { round: getRound(Number(id))!, created: true };
      })(),
    openRounds: () => s.openRounds.all().map(toRound),
    openRoundsFor: (user) => s.openRoundsFor.all(user).map(toRound),
    remindersSent: (roundId) => s.reminders.all(roundId).map((r) => r.reminder_index),
    recordReminder: (roundId, index, at, recipients) =>
      s.insertReminder.run(roundId, index, at, recipients).changes > 0,
  };
}

function recordBallot(s: Statements, ballot: NewBallot) {
  const known = s.eventByKey.get(ballot.idempotencyKey);
  if (known) return { event: toEvent(known), previous: null, created: false };
  const previousRow = s.ballot.get(ballot.roundId, ballot.voter);
  const previous = previousRow ? toBallot(previousRow) : null;
  const id = storeRow(
    `ballot of ${ballot.voter}`,
    'a ballot needs a value 0–5, and a concern for 0, 1 or 2',
    () =>
      s.insertEvent.run({
        roundId: ballot.roundId,
        voter: ballot.voter,
        value: ballot.value,
        previousValue: previous?.value ?? null,
        concernId: ballot.concernId,
        idempotencyKey: ballot.idempotencyKey,
        at: ballot.at,
      }).lastInsertRowid,
  );
  s.upsertBallot.run({
    roundId: ballot.roundId,
    voter: ballot.voter,
    value: ballot.value,
    concernId: ballot.concernId,
    eventId: Number(id),
    at: ballot.at,
  });
  return { event: toEvent(s.event.get(Number(id))!), previous, created: true };
}

function voteParams(vote: NewVote) {
  return {
    question: vote.question,
    owner: vote.owner,
    channel: vote.channel,
    threadTs: vote.threadTs,
    electorateKind: vote.electorateKind,
    electorateSource: vote.electorateKind === 'people' ? null : vote.electorateSource,
    quorumKind: vote.quorum.kind,
    quorumShare: vote.quorum.kind === 'share' ? vote.quorum.share : null,
    hideValues: vote.hideValues ? 1 : 0,
    durationMs: vote.durationMs,
    remindAt: toJson(vote.remindAt),
    link: vote.link,
    kepIssues: toJson(vote.kepIssues),
    idempotencyKey: vote.idempotencyKey,
    createdAt: vote.createdAt,
  };
}

type Statements = ReturnType<typeof prepare>;

function prepare(db: Db) {
  const openRoundOrder = 'ORDER BY r.closes_at, r.id';
  return {
    insertVote: db.prepare(`INSERT INTO votes (question, owner, channel, thread_ts, electorate_kind,
        electorate_source, quorum_kind, quorum_share, hide_values, duration_ms, remind_at, link, kep_issues,
        idempotency_key, created_at)
      VALUES (@question, @owner, @channel, @threadTs, @electorateKind, @electorateSource, @quorumKind,
        @quorumShare, @hideValues, @durationMs, @remindAt, @link, @kepIssues, @idempotencyKey, @createdAt)`),
    vote: db.prepare<[number], VoteRow>('SELECT * FROM votes WHERE id = ?'),
    voteByKey: db.prepare<[string], VoteRow>('SELECT * FROM votes WHERE idempotency_key = ?'),
    insertElector: db.prepare<[number, string, number]>(
      'INSERT OR IGNORE INTO vote_electors (vote_id, user_id, position) VALUES (?, ?, ?)',
    ),
    electors: db.prepare<[number], { user_id: string }>(
      'SELECT user_id FROM vote_electors WHERE vote_id = ? ORDER BY position',
    ),
    isElector: db.prepare<[number, string], { one: number }>(
      'SELECT 1 AS one FROM vote_electors WHERE vote_id = ? AND user_id = ?',
    ),
    insertRound: db.prepare<[number, number, number | null, string, string]>(
      'INSERT INTO vote_rounds (vote_id, number, previous_round_id, opens_at, closes_at) VALUES (?, ?, ?, ?, ?)',
    ),
    round: db.prepare<[number], RoundRow>('SELECT * FROM vote_rounds WHERE id = ?'),
    roundByNumber: db.prepare<[number, number], RoundRow>(
      'SELECT * FROM vote_rounds WHERE vote_id = ? AND number = ?',
    ),
    rounds: db.prepare<[number], RoundRow>('SELECT * FROM vote_rounds WHERE vote_id = ? ORDER BY number'),
    openRounds: db.prepare<[], RoundRow>(
      `SELECT r.* FROM vote_rounds r WHERE r.closed_at IS NULL ${openRoundOrder}`,
    ),
    openRoundsFor: db.prepare<[string], RoundRow>(`SELECT r.* FROM vote_rounds r
      JOIN vote_electors e ON e.vote_id = r.vote_id AND e.user_id = ?
      WHERE r.closed_at IS NULL ${openRoundOrder}`),
    closeRound: db.prepare<[string, string, string, string | null, number]>(`UPDATE vote_rounds
      SET closed_at = ?, close_reason = ?, outcome = ?, closed_by = ? WHERE id = ? AND closed_at IS NULL`),
    insertEvent: db.prepare(`INSERT INTO vote_ballot_events
        (round_id, voter, value, previous_value, concern_id, idempotency_key, at)
      VALUES (@roundId, @voter, @value, @previousValue, @concernId, @idempotencyKey, @at)`),
    event: db.prepare<[number], EventRow>('SELECT * FROM vote_ballot_events WHERE id = ?'),
    eventByKey: db.prepare<[string], EventRow>('SELECT * FROM vote_ballot_events WHERE idempotency_key = ?'),
    history: db.prepare<[number], EventRow>(
      'SELECT * FROM vote_ballot_events WHERE round_id = ? ORDER BY id',
    ),
    historyOf: db.prepare<[number, string], EventRow>(
      'SELECT * FROM vote_ballot_events WHERE round_id = ? AND voter = ? ORDER BY id',
    ),
    lastEvent: db.prepare<[number], { id: number }>(
      'SELECT max(id) AS id FROM vote_ballot_events WHERE round_id = ? HAVING max(id) IS NOT NULL',
    ),
    upsertBallot: db.prepare(`INSERT INTO vote_ballots (round_id, voter, value, concern_id, event_id, cast_at)
      VALUES (@roundId, @voter, @value, @concernId, @eventId, @at)
      ON CONFLICT (round_id, voter) DO UPDATE SET value = excluded.value, concern_id = excluded.concern_id,
        event_id = excluded.event_id, cast_at = excluded.cast_at`),
    ballot: db.prepare<[number, string], BallotRow>(
      'SELECT * FROM vote_ballots WHERE round_id = ? AND voter = ?',
    ),
    ballotCount: db.prepare<[number], { n: number }>(
      'SELECT count(*) AS n FROM vote_ballots WHERE round_id = ?',
    ),
    electorateSize: db.prepare<[number], { n: number }>(
      'SELECT count(*) AS n FROM vote_electors WHERE vote_id = ?',
    ),
    ballots: db.prepare<[number], BallotRow>(
      'SELECT * FROM vote_ballots WHERE round_id = ? ORDER BY event_id',
    ),
    insertConcern: db.prepare<[number, string, number, string, string]>(
      'INSERT INTO vote_concerns (round_id, voter, value, text, raised_at) VALUES (?, ?, ?, ?, ?)',
    ),
    concern: db.prepare<[number], ConcernRow>('SELECT * FROM vote_concerns WHERE id = ?'),
    concerns: db.prepare<[number], ConcernRow>('SELECT * FROM vote_concerns WHERE round_id = ? ORDER BY id'),
    openConcerns: db.prepare<[number, string], ConcernRow>(
      'SELECT * FROM vote_concerns WHERE round_id = ? AND voter = ? AND resolved_at IS NULL ORDER BY id',
    ),
    resolveConcern: db.prepare<[string, string, number]>(
      'UPDATE vote_concerns SET resolved_at = ?, resolution = ? WHERE id = ? AND resolved_at IS NULL',
    ),
    reminders: db.prepare<[number], { reminder_index: number }>(
      'SELECT reminder_index FROM vote_reminders WHERE round_id = ? ORDER BY reminder_index',
    ),
    insertReminder: db.prepare<[number, number, string, number]>(
      'INSERT OR IGNORE INTO vote_reminders (round_id, reminder_index, sent_at, recipients) VALUES (?, ?, ?, ?)',
    ),
  };
}

function toVote(row: VoteRow): VoteRecord {
  const quorum: VoteQuorum =
    row.quorum_kind === 'share' ? { kind: 'share', share: row.quorum_share ?? 1 } : { kind: 'all' };
  return {
    id: row.id,
    question: row.question,
    owner: row.owner,
    channel: row.channel,
    threadTs: row.thread_ts,
    electorateKind: row.electorate_kind,
    electorateSource: row.electorate_source,
    quorum,
    hideValues: row.hide_values === 1,
    durationMs: row.duration_ms,
    remindAt: fromJson<VoteReminderRule[]>(row.remind_at),
    link: row.link,
    kepIssues: fromJson<number[]>(row.kep_issues),
    createdAt: row.created_at,
  };
}

function toRound(row: RoundRow): RoundRecord {
  return {
    id: row.id,
    voteId: row.vote_id,
    number: row.number,
    previousRoundId: row.previous_round_id,
    opensAt: row.opens_at,
    closesAt: row.closes_at,
    closedAt: row.closed_at,
    closeReason: row.close_reason,
    outcome: row.outcome,
    closedBy: row.closed_by,
  };
}

function toBallot(row: BallotRow): StoredBallot {
  return {
    roundId: row.round_id,
    voter: row.voter,
    value: row.value as VoteValue,
    concernId: row.concern_id,
    eventId: row.event_id,
    castAt: row.cast_at,
  };
}

function toEvent(row: EventRow): BallotEvent {
  return {
    id: row.id,
    roundId: row.round_id,
    voter: row.voter,
    value: row.value as VoteValue,
    previousValue: row.previous_value as VoteValue | null,
    concernId: row.concern_id,
    at: row.at,
  };
}

function toConcern(row: ConcernRow): StoredConcern {
  return {
    id: row.id,
    roundId: row.round_id,
    voter: row.voter,
    value: row.value as VoteValue,
    text: row.text,
    raisedAt: row.raised_at,
    resolvedAt: row.resolved_at,
    resolution: row.resolution,
  };
}
