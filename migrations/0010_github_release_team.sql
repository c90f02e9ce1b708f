-- 0010_github_release_team: drift findings between labels, milestone, board and kep.yaml, noticed
-- once per finding until its values change; write-back actions for the release team's labels and
-- milestone (added or removed, through Prow commands or the API).

-- Open drift findings. `fingerprint` is the disagreeing values: a finding whose fingerprint changes is
-- news again. A finding that no longer holds is deleted.
CREATE TABLE github_drift_findings (
  key TEXT NOT NULL PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('stage-label', 'not-opted-in', 'not-on-board', 'board-stage',
    'tracked-label', 'removed-keeps-milestone', 'latest-milestone', 'closed-implementable')),
  kep_number INTEGER NOT NULL,
  fingerprint TEXT NOT NULL,
  message TEXT NOT NULL,
  first_seen_at TEXT NOT NULL,
  -- when this fingerprint was first seen (reset when it changes)
  changed_at TEXT NOT NULL,
  -- when the PM channel was told about this fingerprint (null: not yet)
  noticed_at TEXT
) STRICT;

-- The write-back plan, with more kinds: `label` holds the label name, or the milestone title for
-- `set-milestone` (empty for `clear-milestone`). `verified_at` is when a later sync saw the effect.
CREATE TABLE github_write_actions_new (
  key TEXT NOT NULL PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('add-label', 'remove-label', 'set-milestone', 'clear-milestone')),
  repo TEXT NOT NULL,
  issue_number INTEGER NOT NULL,
  label TEXT NOT NULL,
  reason TEXT NOT NULL,
  description TEXT NOT NULL,
  state TEXT NOT NULL DEFAULT 'planned' CHECK (state IN ('planned', 'applied')),
  planned_at TEXT NOT NULL,
  applied_at TEXT,
  -- how it was applied: `prow` (an issue comment) or `api`
  applied_via TEXT CHECK (applied_via IS NULL OR applied_via IN ('prow', 'api')),
  verified_at TEXT,
  last_error TEXT,
  CHECK ((state = 'applied') = (applied_at IS NOT NULL))
) STRICT;
INSERT INTO github_write_actions_new (key, kind, repo, issue_number, label, reason, description, state,
  planned_at, applied_at, last_error)
  SELECT key, kind, repo, issue_number, label, reason, description, state, planned_at, applied_at, last_error
  FROM github_write_actions;
DROP TABLE github_write_actions;
ALTER TABLE github_write_actions_new RENAME TO github_write_actions;
