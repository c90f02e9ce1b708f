-- 0006_votes: fist-to-five votes. A vote (question, electorate, settings) has rounds (round 1, and one
-- per re-vote, linked to the one before); each round has one current ballot per voter, the history of
-- every change, the concerns stated with 0/1/2, and the reminders already handled. Timestamps are
-- ISO-8601 UTC text; user ids are Slack ids.

CREATE TABLE votes (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  question TEXT NOT NULL CHECK (length(trim(question)) BETWEEN 1 AND 300),
  owner TEXT NOT NULL CHECK (length(owner) > 0),
  channel TEXT NOT NULL CHECK (length(channel) > 0),
  -- the readout message the vote replies to (message shortcut); null when posted top-level
  thread_ts TEXT,
  electorate_kind TEXT NOT NULL CHECK (electorate_kind IN ('channel', 'usergroup', 'people')),
  -- the channel or user group id the electorate was read from; null for listed people
  electorate_source TEXT,
  quorum_kind TEXT NOT NULL CHECK (quorum_kind IN ('all', 'share')),
  quorum_share REAL CHECK (quorum_share IS NULL OR (quorum_share > 0 AND quorum_share <= 1)),
  hide_values INTEGER NOT NULL CHECK (hide_values IN (0, 1)),
  duration_ms INTEGER NOT NULL CHECK (duration_ms > 0),
  remind_at TEXT NOT NULL CHECK (json_valid(remind_at)),
  link TEXT CHECK (link IS NULL OR length(link) <= 3000),
  kep_issues TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(kep_issues)),
  -- the start modal's view id: a retried submission starts one vote
  idempotency_key TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL,
  CHECK ((quorum_kind = 'share') = (quorum_share IS NOT NULL)),
  CHECK ((electorate_kind = 'people') = (electorate_source IS NULL))
) STRICT;

-- The electorate, frozen when the vote starts, shared by all its rounds.
CREATE TABLE vote_electors (
  vote_id INTEGER NOT NULL REFERENCES votes (id) ON DELETE CASCADE,
  user_id TEXT NOT NULL CHECK (length(user_id) > 0),
  position INTEGER NOT NULL,
  PRIMARY KEY (vote_id, user_id)
) STRICT;
CREATE INDEX vote_electors_by_user ON vote_electors (user_id);

CREATE TABLE vote_rounds (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  vote_id INTEGER NOT NULL REFERENCES votes (id) ON DELETE CASCADE,
  number INTEGER NOT NULL CHECK (number >= 1),
  previous_round_id INTEGER REFERENCES vote_rounds (id),
  opens_at TEXT NOT NULL,
  closes_at TEXT NOT NULL CHECK (closes_at > opens_at),
  closed_at TEXT,
  close_reason TEXT CHECK (close_reason IS NULL OR close_reason IN ('deadline', 'all-voted', 'owner')),
  outcome TEXT CHECK (outcome IS NULL OR outcome IN ('approved', 'not-approved')),
  closed_by TEXT,
  -- one round per number: a double-clicked Re-vote starts one round
  UNIQUE (vote_id, number),
  CHECK ((closed_at IS NULL) = (outcome IS NULL) AND (closed_at IS NULL) = (close_reason IS NULL)),
  CHECK ((number = 1) = (previous_round_id IS NULL))
) STRICT;
CREATE INDEX vote_rounds_open ON vote_rounds (closed_at, closes_at);

-- Concerns stated with a 0, 1 or 2. Open while resolved_at is null.
CREATE TABLE vote_concerns (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  round_id INTEGER NOT NULL REFERENCES vote_rounds (id) ON DELETE CASCADE,
  voter TEXT NOT NULL,
  value INTEGER NOT NULL CHECK (value BETWEEN 0 AND 2),
  text TEXT NOT NULL CHECK (length(trim(text)) BETWEEN 1 AND 2000),
  raised_at TEXT NOT NULL,
  resolved_at TEXT,
  resolution TEXT CHECK (resolution IS NULL OR resolution IN ('raised', 'replaced')),
  CHECK ((resolved_at IS NULL) = (resolution IS NULL))
) STRICT;
CREATE INDEX vote_concerns_by_round ON vote_concerns (round_id, voter);

-- Every change of a ballot, oldest first. `idempotency_key` (the click's trigger, the modal's view id)
-- makes a retried delivery record the change once.
CREATE TABLE vote_ballot_events (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  round_id INTEGER NOT NULL REFERENCES vote_rounds (id) ON DELETE CASCADE,
  voter TEXT NOT NULL,
  value INTEGER NOT NULL CHECK (value BETWEEN 0 AND 5),
  previous_value INTEGER CHECK (previous_value IS NULL OR previous_value BETWEEN 0 AND 5),
  concern_id INTEGER REFERENCES vote_concerns (id),
  idempotency_key TEXT NOT NULL UNIQUE,
  at TEXT NOT NULL,
  -- the rule: 0, 1 and 2 count only with a stated concern
  CHECK (value >= 3 OR concern_id IS NOT NULL)
) STRICT;
CREATE INDEX vote_ballot_events_by_round ON vote_ballot_events (round_id, voter, id);

-- The current ballot of each voter in a round (the latest event).
CREATE TABLE vote_ballots (
  round_id INTEGER NOT NULL REFERENCES vote_rounds (id) ON DELETE CASCADE,
  voter TEXT NOT NULL,
  value INTEGER NOT NULL CHECK (value BETWEEN 0 AND 5),
  concern_id INTEGER REFERENCES vote_concerns (id),
  event_id INTEGER NOT NULL REFERENCES vote_ballot_events (id),
  cast_at TEXT NOT NULL,
  PRIMARY KEY (round_id, voter),
  CHECK (value >= 3 OR concern_id IS NOT NULL)
) STRICT;

-- Reminders already handled, per round and rule (its index in the vote's remind_at).
CREATE TABLE vote_reminders (
  round_id INTEGER NOT NULL REFERENCES vote_rounds (id) ON DELETE CASCADE,
  reminder_index INTEGER NOT NULL CHECK (reminder_index >= 0),
  sent_at TEXT NOT NULL,
  recipients INTEGER NOT NULL CHECK (recipients >= 0),
  PRIMARY KEY (round_id, reminder_index)
) STRICT;
