-- 0004_github: what the GitHub sync read (issue and board snapshots, git object ids and blob texts),
-- where each incremental stream stopped, what changed (events), the write-back plan and the sync
-- runs. Timestamps are ISO-8601 UTC text. `repo` is `owner/name`; `board` is `org/number`.

-- The last seen state of each KEP issue of the release (milestone or opted-in label).
CREATE TABLE github_issues (
  repo TEXT NOT NULL CHECK (length(repo) > 0),
  number INTEGER NOT NULL CHECK (number > 0),
  title TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('OPEN', 'CLOSED')),
  -- the milestone's title (`v1.37`), or null
  milestone TEXT,
  -- label names, sorted (JSON list)
  labels TEXT NOT NULL CHECK (json_valid(labels)),
  -- GitHub's updatedAt of the issue
  updated_at TEXT NOT NULL,
  synced_at TEXT NOT NULL,
  PRIMARY KEY (repo, number)
) STRICT;
CREATE INDEX github_issues_by_milestone ON github_issues (repo, milestone);

-- The last seen state of each item of the release tracking board (a GitHub Project).
CREATE TABLE github_board_items (
  board TEXT NOT NULL CHECK (length(board) > 0),
  -- the ProjectV2Item node id
  item_id TEXT NOT NULL,
  -- the issue the item is (null for drafts and pull requests)
  issue_repo TEXT,
  issue_number INTEGER,
  status TEXT,
  stage TEXT,
  sig TEXT,
  prr_status TEXT,
  -- every single-select and text field by field name (JSON object)
  fields TEXT NOT NULL CHECK (json_valid(fields)),
  archived INTEGER NOT NULL CHECK (archived IN (0, 1)),
  updated_at TEXT NOT NULL,
  synced_at TEXT NOT NULL,
  PRIMARY KEY (board, item_id)
) STRICT;
CREATE INDEX github_board_items_by_issue ON github_board_items (issue_number);

-- Git objects under keps/ as last listed: trees and blobs by path, with their object id. A blob's
-- text is fetched only when `oid` differs from `fetched_oid`.
CREATE TABLE github_objects (
  repo TEXT NOT NULL,
  path TEXT NOT NULL CHECK (length(path) > 0),
  kind TEXT NOT NULL CHECK (kind IN ('tree', 'blob')),
  oid TEXT NOT NULL,
  -- the node id to fetch a blob by (`nodes(ids:)`)
  node_id TEXT,
  -- for trees: the oid whose entries were all stored (null until listed)
  listed_oid TEXT,
  fetched_oid TEXT,
  text TEXT,
  fetched_at TEXT,
  PRIMARY KEY (repo, path)
) STRICT;

-- Where each incremental stream stopped: the last updatedAt read, a tree oid, a project's
-- updatedAt, a milestone number…
CREATE TABLE github_sync_cursors (
  stream TEXT NOT NULL PRIMARY KEY,
  value TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;

-- What changed on GitHub, in words rounds, alerts and digests can show. `key` makes replaying a
-- page record nothing twice.
CREATE TABLE github_events (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  key TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL CHECK (kind IN ('issue-joined', 'issue-state', 'issue-milestone', 'label-added',
    'label-removed', 'board-added', 'board-removed', 'board-field', 'kep-changed')),
  kep_number INTEGER,
  -- the field that changed (`Status`, `stage`, a label name…), or null
  field TEXT,
  before TEXT,
  after TEXT,
  message TEXT NOT NULL,
  -- when GitHub says it changed (updatedAt), or when the sync saw it
  occurred_at TEXT NOT NULL,
  recorded_at TEXT NOT NULL
) STRICT;
CREATE INDEX github_events_by_time ON github_events (recorded_at, id);
CREATE INDEX github_events_by_kep ON github_events (kep_number, id);

-- The write-back plan: small actions on GitHub, each with a unique key, planned first and applied
-- at most once.
CREATE TABLE github_write_actions (
  key TEXT NOT NULL PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('add-label')),
  repo TEXT NOT NULL,
  issue_number INTEGER NOT NULL,
  label TEXT NOT NULL,
  -- why (e.g. `vote 12 approved`)
  reason TEXT NOT NULL,
  description TEXT NOT NULL,
  state TEXT NOT NULL DEFAULT 'planned' CHECK (state IN ('planned', 'applied')),
  planned_at TEXT NOT NULL,
  applied_at TEXT,
  -- the last failed attempt, if any (the action stays planned)
  last_error TEXT,
  CHECK ((state = 'applied') = (applied_at IS NOT NULL))
) STRICT;

-- One row per sync run, so the bot can say how old its GitHub data is.
CREATE TABLE github_sync_runs (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  started_at TEXT NOT NULL,
  finished_at TEXT,
  outcome TEXT CHECK (outcome IS NULL OR outcome IN ('ok', 'failed')),
  requests INTEGER NOT NULL DEFAULT 0,
  points INTEGER NOT NULL DEFAULT 0,
  summary TEXT CHECK (summary IS NULL OR json_valid(summary)),
  error TEXT
) STRICT;
