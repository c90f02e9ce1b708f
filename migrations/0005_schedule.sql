-- 0005_schedule: the job ledger (what ran for which scheduled instant), the scheduler's last pass,
-- and drumbeat rounds. Timestamps are ISO-8601 UTC text.

-- One row per (job, scheduled instant), written before the job runs and again when it completes
-- or is skipped. A completed or skipped row is never run again; a row left in 'started' (the
-- process stopped mid-job) is run again on start if it still matters.
CREATE TABLE job_runs (
  job TEXT NOT NULL CHECK (length(job) > 0),
  scheduled_for TEXT NOT NULL CHECK (scheduled_for GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T*'),
  status TEXT NOT NULL CHECK (status IN ('started', 'completed', 'skipped')),
  attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  started_at TEXT,
  finished_at TEXT,
  note TEXT,
  PRIMARY KEY (job, scheduled_for)
) STRICT;
CREATE INDEX job_runs_started ON job_runs (scheduled_for) WHERE status = 'started';

-- The `now` of the last scheduler pass that finished: instants after it and up to the next pass
-- are due (so instants missed while the bot was down are found on start). At most one row.
CREATE TABLE scheduler_state (
  id INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
  last_tick_at TEXT NOT NULL
) STRICT;

-- A drumbeat round of a SIG: one per cadence instant.
CREATE TABLE rounds (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  sig TEXT NOT NULL CHECK (length(sig) > 0),
  release TEXT NOT NULL,
  scheduled_for TEXT NOT NULL,
  opened_at TEXT NOT NULL,
  nudge_at TEXT NOT NULL,
  close_at TEXT NOT NULL,
  channel TEXT NOT NULL,
  -- the outbox key of the parent message; status updates during the round reply in its thread
  parent_key TEXT NOT NULL UNIQUE,
  kep_paths TEXT NOT NULL CHECK (json_valid(kep_paths)),
  snapshot TEXT NOT NULL CHECK (json_valid(snapshot)),
  nudged_at TEXT,
  nudge TEXT CHECK (nudge IS NULL OR json_valid(nudge)),
  closed_at TEXT,
  summary TEXT CHECK (summary IS NULL OR json_valid(summary)),
  UNIQUE (sig, scheduled_for)
) STRICT;
CREATE INDEX rounds_open ON rounds (closed_at, sig, opened_at);
