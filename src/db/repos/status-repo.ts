import type { KepState } from '../../domain/kep-state.ts';
import type { StatusSource, StatusUpdate } from '../../domain/status.ts';
import type { NewStatusUpdate, StatusRepo } from '../../ports/store.ts';
import type { Db } from '../open.ts';
import { storeRow } from './store-error.ts';

export interface StatusRow {
  id: number;
  kep_path: string;
  kep_number: number;
  sig: string;
  release: string;
  state: KepState;
  confidence: number | null;
  increment: number | null;
  note: string;
  author_slack: string;
  author_github: string | null;
  source: StatusSource;
  created_at: string;
}

/** Status updates (table `status_updates`), recorded once per idempotency key. */
export function createStatusRepo(db: Db): StatusRepo {
  const insert = db.prepare(`INSERT INTO status_updates
      (kep_path, kep_number, sig, release, state, confidence, increment, note, author_slack,
       author_github, source, idempotency_key, created_at)
    VALUES (@kepPath, @kepNumber, @sig, @release, @state, @confidence, @increment, @note, @authorSlack,
       @authorGithub, @source, @idempotencyKey, @createdAt)
    ON CONFLICT (idempotency_key) DO NOTHING`);
  const byKey = db.prepare<[string], StatusRow>('SELECT * FROM status_updates WHERE idempotency_key = ?');
  const latest = db.prepare<[string, string, number], StatusRow>(
    'SELECT * FROM status_updates WHERE kep_path = ? AND release = ? AND id < ? ORDER BY id DESC LIMIT 1',
  );
  const history = db.prepare<[string, string, number], StatusRow>(
    'SELECT * FROM status_updates WHERE kep_path = ? AND release = ? ORDER BY id DESC LIMIT ?',
  );
  // status_latest is kept by a trigger on every insert (migration 0012): O(KEPs), not O(history).
  const latestBySig = db.prepare<[string, string], StatusRow>(`SELECT s.* FROM status_latest l
    JOIN status_updates s ON s.id = l.update_id WHERE l.sig = ? AND l.release = ?`);
  const stateSinceBySig = db.prepare<[string, string], { kep_path: string; state_since: string }>(
    'SELECT kep_path, state_since FROM status_latest WHERE sig = ? AND release = ?',
  );

  return {
    record(update: NewStatusUpdate) {
      const result = storeRow(
        `status update of ${update.kepPath}`,
        'a status update needs a known KEP, a valid state, confidence 0–100 and a note of at most 2000 characters',
        () => insert.run(update),
      );
      return { update: toUpdate(byKey.get(update.idempotencyKey)!), created: result.changes > 0 };
    },
    latest: (kepPath, release, beforeId = Number.MAX_SAFE_INTEGER) => {
      const row = latest.get(kepPath, release, beforeId);
      return row ? toUpdate(row) : null;
    },
    history: (kepPath, release, limit) => history.all(kepPath, release, limit).map(toUpdate),
    latestBySig: (sig, release) =>
      new Map(latestBySig.all(sig, release).map((row) => [row.kep_path, toUpdate(row)])),
    stateSinceBySig: (sig, release) =>
      new Map(stateSinceBySig.all(sig, release).map((row) => [row.kep_path, row.state_since])),
  };
}

export function toUpdate(row: StatusRow): StatusUpdate {
  return {
    id: row.id,
    kepPath: row.kep_path,
    kepNumber: row.kep_number,
    sig: row.sig,
    release: row.release,
    state: row.state,
    confidence: row.confidence,
    increment: row.increment,
    note: row.note,
    authorSlack: row.author_slack,
    authorGithub: row.author_github,
    source: row.source,
    createdAt: row.created_at,
  };
}
