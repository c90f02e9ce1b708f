-- 0014_board_field_writes: the write-back plan can also set a field of a KEP's item on the release
-- tracking board (`set-board-field`: `label` holds the field's name, `value` the value to set), as
-- the release team records exception requests there from v1.36 on.
CREATE TABLE github_write_actions_new (
  key TEXT NOT NULL PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('add-label', 'remove-label', 'set-milestone', 'clear-milestone',
    'set-board-field')),
  repo TEXT NOT NULL,
  issue_number INTEGER NOT NULL,
  label TEXT NOT NULL,
  value TEXT,
  reason TEXT NOT NULL,
  description TEXT NOT NULL,
  state TEXT NOT NULL DEFAULT 'planned' CHECK (state IN ('planned', 'applied')),
  planned_at TEXT NOT NULL,
  applied_at TEXT,
  applied_via TEXT CHECK (applied_via IS NULL OR applied_via IN ('prow', 'api')),
  verified_at TEXT,
  last_error TEXT,
  CHECK ((state = 'applied') = (applied_at IS NOT NULL)),
  CHECK ((kind = 'set-board-field') = (value IS NOT NULL))
) STRICT;
INSERT INTO github_write_actions_new (key, kind, repo, issue_number, label, reason, description, state,
  planned_at, applied_at, applied_via, verified_at, last_error)
  SELECT key, kind, repo, issue_number, label, reason, description, state, planned_at, applied_at,
    applied_via, verified_at, last_error
  FROM github_write_actions;
DROP TABLE github_write_actions;
ALTER TABLE github_write_actions_new RENAME TO github_write_actions;
