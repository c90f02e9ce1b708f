import type { DatedState, DigestDelivery, DigestRepo, DigestRun } from '../../ports/digest-store.ts';
import type { Db } from '../open.ts';
import { type BlockerRow, toBlocker } from './blocker-repo.ts';

interface RunRow {
  sig: string;
  scheduled_for: string;
  status: DigestRun['status'];
  attempts: number;
  started_at: string | null;
  finished_at: string | null;
  note: string | null;
}

/** The digest ledger (tables `digest_*`) and the time-window reads of updates, blockers and votes. */
export function createDigestRepo(db: Db): DigestRepo {
  const getRun = db.prepare<[string, string], RunRow>(
    'SELECT * FROM digest_runs WHERE sig = ? AND scheduled_for = ?',
  );
  const begin = db.prepare<[string, string, string]>(`INSERT INTO digest_runs
      (sig, scheduled_for, status, attempts, started_at) VALUES (?, ?, 'started', 1, ?)
    ON CONFLICT (sig, scheduled_for) DO UPDATE SET attempts = attempts + 1, started_at = excluded.started_at
      WHERE status = 'started'`);
  const complete = db.prepare<[string, string, string, string]>(`UPDATE digest_runs
    SET status = 'completed', finished_at = ?, note = ? WHERE sig = ? AND scheduled_for = ?`);
  const skip = db.prepare<[string, string, string, string]>(`INSERT INTO digest_runs
      (sig, scheduled_for, status, finished_at, note) VALUES (?, ?, 'skipped', ?, ?)
    ON CONFLICT (sig, scheduled_for) DO UPDATE SET status = 'skipped', finished_at = excluded.finished_at,
      note = excluded.note WHERE status <> 'completed'`);
  const unfinished = db.prepare<[], RunRow>(
    "SELECT * FROM digest_runs WHERE status = 'started' ORDER BY scheduled_for, sig",
  );
  const previous = db.prepare<[string, string], RunRow>(`SELECT * FROM digest_runs
    WHERE sig = ? AND status = 'completed' AND scheduled_for < ? ORDER BY scheduled_for DESC LIMIT 1`);
  const runsOf = db.prepare<[string], RunRow>(
    'SELECT * FROM digest_runs WHERE sig = ? ORDER BY scheduled_for',
  );
  const allRuns = db.prepare<[], RunRow>('SELECT * FROM digest_runs ORDER BY scheduled_for, sig');
  const deliver = db.prepare<[string, string, string, string, string]>(`INSERT INTO digest_deliveries
      (sig, scheduled_for, recipient, outbox_key, queued_at) VALUES (?, ?, ?, ?, ?)
    ON CONFLICT DO NOTHING`);
  const deliveries = db.prepare<
    [string, string],
    { recipient: string; outbox_key: string; queued_at: string }
  >('SELECT * FROM digest_deliveries WHERE sig = ? AND scheduled_for = ? ORDER BY rowid');
  const notice = db.prepare<[string, string, string, string]>(
    'INSERT INTO digest_notices (key, sig, message, reported_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING',
  );
  const hasNotice = db.prepare<[string], { key: string }>('SELECT key FROM digest_notices WHERE key = ?');
  const lastPass = db.prepare<[], { last_pass_at: string }>(
    'SELECT last_pass_at FROM digest_state WHERE id = 1',
  );
  const setLastPass = db.prepare<[string]>(`INSERT INTO digest_state (id, last_pass_at) VALUES (1, ?)
    ON CONFLICT (id) DO UPDATE SET last_pass_at = excluded.last_pass_at`);
  // covered by status_updates_states_by_sig (migration 0017): the rows, with their notes, are not read
  const statesSince = db.prepare<[string, string, string], DatedState>(`SELECT kep_path AS kepPath, state,
    created_at AS createdAt FROM status_updates
    WHERE sig = ? AND release = ? AND created_at >= ? ORDER BY created_at, id`);
  // The day's last update wins (SQLite takes a bare column from the row holding the MAX).
  const dailyStates = db.prepare<[string], DatedState>(
    `SELECT kep_path AS kepPath, state, MAX(created_at) AS createdAt FROM status_updates
      WHERE release = ? GROUP BY kep_path, substr(created_at, 1, 10) ORDER BY createdAt`,
  );
  const lastId = db.prepare<[], { id: number | null }>('SELECT MAX(id) AS id FROM status_updates');
  const updatesAfter = db.prepare<[number, string], DatedState & { id: number }>(
    `SELECT id, kep_path AS kepPath, state, created_at AS createdAt FROM status_updates
      WHERE id > ? AND release = ? ORDER BY id`,
  );
  // The latest update of each KEP as of an instant: the KEP's latest row when it is older, else a
  // seek back through that KEP's own updates (only those made since the instant are passed over).
  type StateRow = DatedState & { id: number };
  const latestNow = db.prepare<[string, string], StateRow>(`SELECT s.id, s.kep_path AS kepPath, s.state,
    s.created_at AS createdAt FROM status_latest l
    JOIN status_updates s ON s.id = l.update_id WHERE l.sig = ? AND l.release = ?`);
  // One KEP's history, newest first, from the covering index alone (migration 0020): a few index
  // entries. Left to itself the planner picks status_updates_states_by_sig and walks the SIG's whole
  // history before the instant, once per KEP.
  const latestOfKepBefore = db.prepare<[string, string, string, string], StateRow>(`SELECT id,
    kep_path AS kepPath, state, created_at AS createdAt FROM status_updates INDEXED BY status_updates_by_kep
    WHERE kep_path = ? AND release = ? AND sig = ? AND created_at < ? ORDER BY id DESC LIMIT 1`);
  const blockersOf = db.prepare<[string, string], BlockerRow>(
    'SELECT * FROM blockers WHERE sig = ? AND release = ? ORDER BY opened_at, id',
  );

  return {
    getRun: (sig, at) => toRun(getRun.get(sig, at.toISOString())),
    beginRun(sig, at, now) {
      const info = begin.run(sig, at.toISOString(), now.toISOString());
      return info.changes > 0 ? toRun(getRun.get(sig, at.toISOString())) : null;
    },
    completeRun: (sig, at, now, note) => {
      complete.run(now.toISOString(), note, sig, at.toISOString());
    },
    skipRun: (sig, at, now, reason) => {
      skip.run(sig, at.toISOString(), now.toISOString(), reason);
    },
    listUnfinished: () => unfinished.all().map((r) => toRun(r)!),
    previousRun: (sig, before) => toRun(previous.get(sig, before.toISOString())),
    listRuns: (sig) => (sig === undefined ? allRuns.all() : runsOf.all(sig)).map((r) => toRun(r)!),
    recordDelivery: (sig, at, recipient, key, now) =>
      deliver.run(sig, at.toISOString(), recipient, key, now.toISOString()).changes > 0,
    deliveries: (sig, at) =>
      deliveries
        .all(sig, at.toISOString())
        .map(
          (r): DigestDelivery => ({ recipient: r.recipient, outboxKey: r.outbox_key, queuedAt: r.queued_at }),
        ),
    recordNotice: (key, sig, message, now) => notice.run(key, sig, message, now.toISOString()).changes > 0,
    hasNotice: (key) => hasNotice.get(key) !== undefined,
    lastPass: () => {
      const row = lastPass.get();
      return row ? new Date(row.last_pass_at) : null;
    },
    setLastPass: (at) => {
      setLastPass.run(at.toISOString());
    },
    statesSince: (sig, release, since) => statesSince.all(sig, release, since),
    dailyStates: (release) =>
      db.transaction(() => ({ lastId: lastId.get()?.id ?? 0, rows: dailyStates.all(release) }))(),
    updatesAfter: (release, id) => updatesAfter.all(id, release),
    latestBefore: (sig, release, before) => {
      const out = new Map<string, StateRow>();
      for (const row of latestNow.all(sig, release)) {
        const found = row.createdAt < before ? row : latestOfKepBefore.get(row.kepPath, release, sig, before);
        if (found) out.set(found.kepPath, found);
      }
      return out;
    },
    blockersOf: (sig, release) => blockersOf.all(sig, release).map(toBlocker),
    voteIdsIn: (channels) => {
      if (channels.length === 0) return [];
      const marks = channels.map(() => '?').join(', ');
      return db
        .prepare<string[], { id: number }>(`SELECT id FROM votes WHERE channel IN (${marks}) ORDER BY id`)
        .all(...channels)
        .map((r) => r.id);
    },
  };
}

function toRun(row: RunRow | undefined): DigestRun | null {
  if (!row) return null;
  return {
    sig: row.sig,
    scheduledFor: row.scheduled_for,
    status: row.status,
    attempts: row.attempts,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    note: row.note,
  };
}
