-- 0009_planning: release planning. Each SIG's plan is versioned (every save a new row); the readout
-- (one per release) is the thread the plans and the fist-to-five vote on them go in; exception
-- requests carry the release team's questions and the decision. Timestamps are ISO-8601 UTC text;
-- people are Slack user ids.

CREATE TABLE plans (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  release TEXT NOT NULL CHECK (length(release) > 0),
  sig TEXT NOT NULL CHECK (length(sig) > 0),
  version INTEGER NOT NULL CHECK (version >= 1),
  -- JSON list of PlanEntry (src/domain/plan.ts)
  entries TEXT NOT NULL CHECK (json_valid(entries)),
  author TEXT NOT NULL CHECK (length(author) > 0),
  saved_at TEXT NOT NULL,
  -- set on the versions the readout vote approved
  approved_at TEXT,
  -- the modal submission (view id + hash): a retried submission saves one version
  idempotency_key TEXT NOT NULL UNIQUE,
  UNIQUE (release, sig, version)
) STRICT;

CREATE TABLE planning_readouts (
  release TEXT PRIMARY KEY CHECK (length(release) > 0),
  channel TEXT NOT NULL CHECK (length(channel) > 0),
  -- outbox key of the readout's parent message; plans and the vote reply in its thread
  parent_key TEXT NOT NULL UNIQUE,
  posted_at TEXT NOT NULL,
  -- the fist-to-five vote on the whole plan, once started
  vote_id INTEGER REFERENCES votes (id),
  approved_at TEXT,
  approved_round INTEGER
) STRICT;

CREATE TABLE exception_requests (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  release TEXT NOT NULL CHECK (length(release) > 0),
  kep_number INTEGER NOT NULL CHECK (kep_number > 0),
  kep_title TEXT NOT NULL,
  sig TEXT,
  freeze TEXT NOT NULL CHECK (freeze IN ('enhancements-freeze', 'code-freeze', 'docs-freeze')),
  missing TEXT NOT NULL CHECK (length(missing) > 0),
  additional_time TEXT NOT NULL CHECK (length(additional_time) > 0),
  risk TEXT NOT NULL CHECK (length(risk) > 0),
  pull_requests TEXT NOT NULL CHECK (json_valid(pull_requests)),
  requester TEXT NOT NULL CHECK (length(requester) > 0),
  requested_at TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'approved', 'rejected')),
  decided_by TEXT,
  decided_at TEXT,
  -- outbox key of the request's post in the release channel
  post_key TEXT NOT NULL UNIQUE,
  thread_url TEXT,
  idempotency_key TEXT NOT NULL UNIQUE,
  CHECK ((status = 'open') = (decided_at IS NULL))
) STRICT;
CREATE INDEX exception_requests_by_release ON exception_requests (release, status);
