import type { JobLedgerRepo, JobRun, JobRunStatus } from '../../ports/schedule-store.ts';
import type { Db } from '../open.ts';

interface JobRunRow {
  job: string;
  scheduled_for: string;
  status: JobRunStatus;
  attempts: number;
  started_at: string | null;
  finished_at: string | null;
  note: string | null;
}

/** The job ledger (tables `job_runs` and `scheduler_state`). */
export function createJobLedgerRepo(db: Db): JobLedgerRepo {
  const get = db.prepare<[string, string], JobRunRow>(
    'SELECT * FROM job_runs WHERE job = ? AND scheduled_for = ?',
  );
  const begin = db.prepare(`INSERT INTO job_runs (job, scheduled_for, status, attempts, started_at)
      VALUES (@job, @at, 'started', 1, @now)
    ON CONFLICT (job, scheduled_for) DO UPDATE SET attempts = attempts + 1, started_at = @now
      WHERE status = 'started'`);
  const complete =
    db.prepare(`INSERT INTO job_runs (job, scheduled_for, status, attempts, started_at, finished_at, note)
      VALUES (@job, @at, 'completed', 1, @now, @now, @note)
    ON CONFLICT (job, scheduled_for) DO UPDATE SET status = 'completed', finished_at = @now, note = @note`);
  const skip = db.prepare(`INSERT INTO job_runs (job, scheduled_for, status, attempts, finished_at, note)
      VALUES (@job, @at, 'skipped', 0, @now, @note)
    ON CONFLICT (job, scheduled_for) DO UPDATE SET status = 'skipped', finished_at = @now, note = @note
      WHERE status <> 'completed'`);
  const unfinished = db.prepare<[], JobRunRow>(
    "SELECT * FROM job_runs WHERE status = 'started' ORDER BY scheduled_for, job",
  );
  const all = db.prepare<[], JobRunRow>('SELECT * FROM job_runs ORDER BY scheduled_for, job');
  const lastTick = db.prepare<[], { last_tick_at: string }>(
    'SELECT last_tick_at FROM scheduler_state WHERE id = 1',
  );
  const setTick = db.prepare(`INSERT INTO scheduler_state (id, last_tick_at) VALUES (1, ?)
    ON CONFLICT (id) DO UPDATE SET last_tick_at = excluded.last_tick_at`);

  const read = (job: string, at: Date) => {
    const row = get.get(job, at.toISOString());
    return row ? toRun(row) : null;
  };
  return {
    get: read,
    begin(job, at, now) {
      const result = begin.run({ job, at: at.toISOString(), now: now.toISOString() });
      return result.changes > 0 ? read(job, at) : null;
    },
    complete(job, at, now, note) {
      complete.run({ job, at: at.toISOString(), now: now.toISOString(), note });
    },
    skip(job, at, now, reason) {
      skip.run({ job, at: at.toISOString(), now: now.toISOString(), note: reason });
    },
    listUnfinished: () => unfinished.all().map(toRun),
    list: () => all.all().map(toRun),
    lastTick() {
      const row = lastTick.get();
      return row ? new Date(row.last_tick_at) : null;
    },
    setLastTick(at) {
      setTick.run(at.toISOString());
    },
  };
}

function toRun(row: JobRunRow): JobRun {
  return {
    job: row.job,
    scheduledFor: row.scheduled_for,
    status: row.status,
    attempts: row.attempts,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    note: row.note,
  };
}
