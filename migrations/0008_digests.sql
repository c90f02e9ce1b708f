-- 0008_digests: the weekly digest's own ledger. Timestamps are ISO-8601 UTC text.
-- (Not the shared job ledger: its last-tick cursor belongs to the rounds pass, and its resume logic
-- only knows rounds and alerts.)

-- One row per (SIG, cadence instant): written before the digest is built and again when every
-- recipient has it (or when it is skipped). `since` is the window start the digest reported from,
-- so the next digest reports "what changed" from this instant.
CREATE TABLE digest_runs (
  sig TEXT NOT NULL CHECK (length(sig) > 0),
  scheduled_for TEXT NOT NULL CHECK (scheduled_for GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T*'),
  status TEXT NOT NULL CHECK (status IN ('started', 'completed', 'skipped')),
  attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  started_at TEXT,
  finished_at TEXT,
  note TEXT,
  PRIMARY KEY (sig, scheduled_for)
) STRICT;
CREATE INDEX digest_runs_started ON digest_runs (scheduled_for) WHERE status = 'started';

-- One row per recipient who was handed a digest (a chair's Slack user id, or `channel:<id>`), with
-- the outbox key it went under: a rerun after a crash never sends to the same recipient twice.
CREATE TABLE digest_deliveries (
  sig TEXT NOT NULL,
  scheduled_for TEXT NOT NULL,
  recipient TEXT NOT NULL CHECK (length(recipient) > 0),
  outbox_key TEXT NOT NULL,
  queued_at TEXT NOT NULL,
  PRIMARY KEY (sig, scheduled_for, recipient),
  FOREIGN KEY (sig, scheduled_for) REFERENCES digest_runs (sig, scheduled_for)
) STRICT;

-- Problems said once (a chair without a Slack user, a digest channel the bot cannot post in), by key.
CREATE TABLE digest_notices (
  key TEXT NOT NULL PRIMARY KEY CHECK (length(key) > 0),
  sig TEXT NOT NULL,
  message TEXT NOT NULL,
  reported_at TEXT NOT NULL
) STRICT;

-- The `now` of the digest task's last finished pass (instants after it are due). At most one row.
CREATE TABLE digest_state (
  id INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
  last_pass_at TEXT NOT NULL
) STRICT;

-- "What changed since the last digest" reads a SIG's updates and blockers by time.
CREATE INDEX status_updates_by_sig_time ON status_updates (sig, release, created_at);
CREATE INDEX blockers_by_sig ON blockers (sig, release);
