-- 0016_milestone_removals: the release team removes a KEP from the release milestone from Slack
-- (`/drumbeat remove 5593 reason: …`) and may undo it (`/drumbeat restore 5593`). One row per
-- removal: who, when, why, and when and by whom it was undone. At most one removal of a KEP per
-- release is in force (undone_at NULL); removing it again after a restore adds a new row.
-- `board` is the tracking board (`org/number`) configured when it was recorded: once that board is
-- synced, its Status decides, and a disagreement is reported as drift.

CREATE TABLE milestone_removals (
  id INTEGER PRIMARY KEY,
  release TEXT NOT NULL CHECK (length(release) > 0),
  kep_number INTEGER NOT NULL CHECK (kep_number > 0),
  kep_path TEXT NOT NULL CHECK (length(kep_path) > 0),
  sig TEXT,
  reason TEXT NOT NULL CHECK (length(reason) BETWEEN 1 AND 500),
  removed_by TEXT NOT NULL CHECK (length(removed_by) > 0),
  removed_at TEXT NOT NULL,
  board TEXT,
  undone_at TEXT,
  undone_by TEXT,
  CHECK ((undone_at IS NULL) = (undone_by IS NULL))
) STRICT;

CREATE UNIQUE INDEX milestone_removals_in_force ON milestone_removals (release, kep_path)
  WHERE undone_at IS NULL;
CREATE INDEX milestone_removals_by_release ON milestone_removals (release, kep_number);

-- A removal the synced board contradicts is a drift finding of its own kind: the findings table
-- is rebuilt (SQLite cannot change a CHECK) with `slack-removal` among the kinds, keeping every row.
CREATE TABLE github_drift_findings_new (
  key TEXT NOT NULL PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('stage-label', 'not-opted-in', 'not-on-board', 'board-stage',
    'tracked-label', 'removed-keeps-milestone', 'latest-milestone', 'closed-implementable',
    'slack-removal')),
  kep_number INTEGER NOT NULL,
  fingerprint TEXT NOT NULL,
  message TEXT NOT NULL,
  first_seen_at TEXT NOT NULL,
  -- when this fingerprint was first seen (reset when it changes)
  changed_at TEXT NOT NULL,
  -- when the PM channel was told about this fingerprint (null: not yet)
  noticed_at TEXT
) STRICT;
INSERT INTO github_drift_findings_new SELECT key, kind, kep_number, fingerprint, message, first_seen_at,
  changed_at, noticed_at FROM github_drift_findings;
DROP TABLE github_drift_findings;
ALTER TABLE github_drift_findings_new RENAME TO github_drift_findings;
