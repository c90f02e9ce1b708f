-- 0003_status: what facilitators report (status updates) and what blocks KEPs (blockers).

-- One row per status update. `idempotency_key` (the Slack trigger, or the modal's view id + hash)
-- makes a retried delivery record the update once.
CREATE TABLE status_updates (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  kep_path TEXT NOT NULL REFERENCES keps (path) ON UPDATE CASCADE,
  kep_number INTEGER NOT NULL,
  sig TEXT NOT NULL,
  release TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('on-track', 'at-risk', 'blocked', 'done', 'dropped')),
  confidence INTEGER CHECK (confidence IS NULL OR confidence BETWEEN 0 AND 100),
  increment INTEGER CHECK (increment IS NULL OR increment >= 1),
  note TEXT NOT NULL DEFAULT '' CHECK (length(note) <= 2000),
  author_slack TEXT NOT NULL,
  author_github TEXT,
  source TEXT NOT NULL CHECK (source IN ('command', 'modal', 'round', 'dm')),
  idempotency_key TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX status_updates_by_kep ON status_updates (kep_path, release, id);
CREATE INDEX status_updates_by_sig ON status_updates (sig, release, id);

-- A blocker: a KEP waiting on another KEP, a SIG or a named party. Open while closed_at is null;
-- at most one open blocker per (KEP, release, target).
CREATE TABLE blockers (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  kep_path TEXT NOT NULL REFERENCES keps (path) ON UPDATE CASCADE,
  kep_number INTEGER NOT NULL,
  sig TEXT NOT NULL,
  release TEXT NOT NULL,
  target_type TEXT NOT NULL CHECK (target_type IN ('kep', 'sig', 'party')),
  -- the KEP number as text, the SIG dir, or the party's name
  target TEXT NOT NULL CHECK (length(target) BETWEEN 1 AND 200),
  opened_by TEXT NOT NULL,
  opened_at TEXT NOT NULL,
  opened_by_update INTEGER REFERENCES status_updates (id),
  closed_at TEXT,
  closed_by TEXT,
  close_reason TEXT
) STRICT;
CREATE UNIQUE INDEX blockers_open_once ON blockers (kep_path, release, target_type, lower(target))
  WHERE closed_at IS NULL;
CREATE INDEX blockers_open ON blockers (release, closed_at);
