import type { GithubSyncRepo, GithubSyncRun } from '../../ports/github-store.ts';
import type { Db } from '../open.ts';
import { fromJson, toJson } from './json-columns.ts';

interface RunRow {
  id: number;
  started_at: string;
  finished_at: string | null;
  outcome: 'ok' | 'failed' | null;
  requests: number;
  points: number;
  summary: string | null;
  error: string | null;
}

function toRun(row: RunRow): GithubSyncRun {
  return {
    id: row.id,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    outcome: row.outcome,
    requests: row.requests,
    points: row.points,
    summary: row.summary === null ? null : fromJson<unknown>(row.summary),
    error: row.error,
  };
}

/** Sync cursors and runs (tables `github_sync_cursors`, `github_sync_runs`). */
export function createGithubSyncRepo(db: Db): GithubSyncRepo {
  const getCursor = db.prepare<[string], { value: string }>(
    'SELECT value FROM github_sync_cursors WHERE stream = ?',
  );
  const setCursor = db.prepare(`INSERT INTO github_sync_cursors (stream, value, updated_at) VALUES (?, ?, ?)
    ON CONFLICT (stream) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`);
  const start = db.prepare('INSERT INTO github_sync_runs (started_at) VALUES (?)');
  const finish = db.prepare(`UPDATE github_sync_runs SET finished_at = @finishedAt, outcome = @outcome,
    requests = @requests, points = @points, summary = @summary, error = @error WHERE id = @id`);
  const last = db.prepare<[], RunRow>('SELECT * FROM github_sync_runs ORDER BY id DESC LIMIT 1');
  const lastWith = db.prepare<[string], RunRow>(
    'SELECT * FROM github_sync_runs WHERE outcome = ? ORDER BY id DESC LIMIT 1',
  );

  return {
    getCursor: (stream) => getCursor.get(stream)?.value ?? null,
    setCursor: (stream, value, now) => {
      setCursor.run(stream, value, now.toISOString());
    },
    startRun: (now) => Number(start.run(now.toISOString()).lastInsertRowid),
    finishRun: (id, result, now) => {
      finish.run({ id, ...result, summary: toJson(result.summary), finishedAt: now.toISOString() });
    },
    lastRun: (outcome) => {
      const row = outcome ? lastWith.get(outcome) : last.get();
      return row ? toRun(row) : null;
    },
  };
}
