-- 0001_core: what the bot knows from config and sync: SIGs, people, releases with their
-- calendars, and KEPs. Timestamps are ISO-8601 UTC text. Lists and maps that are only ever
-- read whole are JSON text; anything the bot queries by has its own column or table.

-- SIGs (and WGs, UGs, committees) from sigs.yaml plus config overrides and the Slack channel
-- the bot resolved at start.
CREATE TABLE sigs (
  dir TEXT NOT NULL PRIMARY KEY CHECK (length(dir) > 0),
  name TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('sig', 'wg', 'ug', 'committee')),
  label TEXT,
  -- the channel as sigs.yaml / the config writes it (`sig-node`, `#sig-node`)
  slack_channel TEXT,
  -- the channel the bot resolved: `C…` id and its name, null until resolved
  channel_id TEXT,
  channel_name TEXT,
  meetings TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(meetings))
) STRICT;

-- Who holds which role in a SIG, by GitHub login, in the order the config lists them.
-- A table rather than JSON so "is X a facilitator of Y" and "which SIGs is X in" are queries.
CREATE TABLE sig_roles (
  sig_dir TEXT NOT NULL REFERENCES sigs (dir) ON DELETE CASCADE ON UPDATE CASCADE,
  role TEXT NOT NULL CHECK (role IN ('chair', 'tech-lead', 'facilitator')),
  github TEXT NOT NULL COLLATE NOCASE CHECK (length(github) > 0),
  position INTEGER NOT NULL,
  PRIMARY KEY (sig_dir, role, github)
) STRICT;
CREATE INDEX sig_roles_by_github ON sig_roles (github, role);

-- People: GitHub login <-> Slack user. Logins compare case-insensitively, as on GitHub.
CREATE TABLE people (
  github TEXT NOT NULL PRIMARY KEY COLLATE NOCASE CHECK (length(github) > 0),
  slack TEXT UNIQUE,
  timezone TEXT NOT NULL,
  quiet_from TEXT CHECK (quiet_from IS NULL OR quiet_from GLOB '[0-2][0-9]:[0-5][0-9]'),
  quiet_to TEXT CHECK (quiet_to IS NULL OR quiet_to GLOB '[0-2][0-9]:[0-5][0-9]'),
  quiet_weekends INTEGER CHECK (quiet_weekends IS NULL OR quiet_weekends IN (0, 1)),
  -- set by `/drumbeat ooo`, never by the config; an ISO-8601 UTC instant
  ooo_until TEXT,
  CHECK ((quiet_from IS NULL) = (quiet_to IS NULL) AND (quiet_from IS NULL) = (quiet_weekends IS NULL))
) STRICT;

CREATE TABLE releases (
  name TEXT NOT NULL PRIMARY KEY CHECK (name GLOB 'v[0-9]*.[0-9]*'),
  coding_period TEXT CHECK (coding_period IS NULL OR json_valid(coding_period))
) STRICT;

-- The release the bot is working on: at most one row.
CREATE TABLE current_release (
  id INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
  release TEXT NOT NULL REFERENCES releases (name) ON DELETE CASCADE ON UPDATE CASCADE
) STRICT;

-- A release calendar. The natural key is (release, name, occurrence): re-importing a calendar
-- with a moved date keeps the row (and its id, which later tables reference). `occurrence`
-- tells apart rows that share a name in one calendar (0 for the first). AUTOINCREMENT so an id
-- is never reused for another milestone after a delete.
CREATE TABLE milestones (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  release TEXT NOT NULL REFERENCES releases (name) ON DELETE CASCADE ON UPDATE CASCADE,
  name TEXT NOT NULL CHECK (length(trim(name)) > 0),
  occurrence INTEGER NOT NULL DEFAULT 0 CHECK (occurrence >= 0),
  kind TEXT CHECK (kind IS NULL OR kind IN ('cycle-start', 'prr-freeze', 'enhancements-freeze',
    'exceptions-call', 'feature-blog-freeze', 'code-freeze', 'docs-freeze', 'burndown', 'alpha',
    'beta', 'rc', 'release', 'thaw')),
  who TEXT,
  week INTEGER,
  at TEXT CHECK (at IS NULL OR at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T*'),
  date TEXT CHECK (date IS NULL OR date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  end_date TEXT CHECK (end_date IS NULL OR end_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  aoe INTEGER NOT NULL CHECK (aoe IN (0, 1)),
  -- the ordering instant: `at`, or `date` at 00:00 UTC, as a full ISO string
  starts_at TEXT NOT NULL,
  -- the row's place in the imported calendar, to order rows with the same instant
  position INTEGER NOT NULL,
  CHECK ((at IS NULL) <> (date IS NULL)),
  UNIQUE (release, name, occurrence)
) STRICT;
CREATE INDEX milestones_by_release_time ON milestones (release, starts_at, position);

-- KEPs, keyed on their directory: KEP numbers are not unique (NOTES §2.1).
CREATE TABLE keps (
  path TEXT NOT NULL PRIMARY KEY CHECK (length(path) > 0),
  number INTEGER NOT NULL CHECK (number >= 0),
  title TEXT NOT NULL,
  owning_sig TEXT,
  status TEXT CHECK (status IS NULL OR status IN ('provisional', 'implementable', 'implemented',
    'deferred', 'rejected', 'withdrawn', 'replaced')),
  stage TEXT CHECK (stage IS NULL OR stage IN ('alpha', 'beta', 'stable', 'deprecated', 'disabled',
    'removed')),
  latest_milestone TEXT,
  participating_sigs TEXT NOT NULL CHECK (json_valid(participating_sigs)),
  milestones TEXT NOT NULL CHECK (json_valid(milestones)),
  prr_approvals TEXT NOT NULL CHECK (json_valid(prr_approvals)),
  see_also TEXT NOT NULL CHECK (json_valid(see_also)),
  replaces TEXT NOT NULL CHECK (json_valid(replaces)),
  superseded_by TEXT NOT NULL CHECK (json_valid(superseded_by)),
  warnings TEXT NOT NULL CHECK (json_valid(warnings)),
  raw TEXT NOT NULL CHECK (json_valid(raw)),
  -- sha256 of the KEP's canonical JSON: an upsert with the same hash changes nothing
  content_hash TEXT NOT NULL,
  first_seen_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX keps_by_number ON keps (number);
CREATE INDEX keps_by_owning_sig ON keps (owning_sig, latest_milestone);
CREATE INDEX keps_by_latest_milestone ON keps (latest_milestone);
