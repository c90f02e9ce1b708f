-- 0019_custody: the chain of custody (KEP issue → pull requests), stored so that each
-- `drumbeat custody` reads from GitHub only what changed since the last one.
--
-- custody_issues: one row per KEP issue read; `read_at` is its last whole read (timeline and
-- description), `checked_at` the instant from which later changes are still to be looked for.
CREATE TABLE custody_issues (
  repo TEXT NOT NULL,
  number INTEGER NOT NULL CHECK (number > 0),
  found INTEGER NOT NULL CHECK (found IN (0, 1)),
  read_at TEXT NOT NULL,
  checked_at TEXT NOT NULL,
  PRIMARY KEY (repo, number)
) STRICT;

-- The pull requests linked to each KEP issue, and where the link was found.
CREATE TABLE custody_links (
  issue_repo TEXT NOT NULL,
  issue_number INTEGER NOT NULL,
  pull_repo TEXT NOT NULL,
  pull_number INTEGER NOT NULL CHECK (pull_number > 0),
  via TEXT NOT NULL CHECK (via IN ('timeline', 'body')),
  PRIMARY KEY (issue_repo, issue_number, pull_repo, pull_number, via),
  FOREIGN KEY (issue_repo, issue_number) REFERENCES custody_issues (repo, number) ON DELETE CASCADE
) STRICT;

-- What GitHub last said about each pull request the custody report may show: those linked to a KEP
-- issue and the merged feature pull requests of the pre-freeze check.
CREATE TABLE custody_pulls (
  repo TEXT NOT NULL,
  number INTEGER NOT NULL CHECK (number > 0),
  state TEXT NOT NULL CHECK (state IN ('OPEN', 'CLOSED', 'MERGED')),
  milestone TEXT,
  facts TEXT NOT NULL,
  read_at TEXT NOT NULL,
  PRIMARY KEY (repo, number)
) STRICT;

CREATE INDEX custody_pulls_by_milestone ON custody_pulls (repo, milestone, state);
