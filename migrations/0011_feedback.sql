-- 0011_feedback: the satisfaction pulse and the retrospective of each release. Timestamps are
-- ISO-8601 UTC text; people are Slack user ids. Answers to the pulse are stored apart from who
-- gave them: the only link is `pulse_answer_owners`, kept while the pulse is open (so a person can
-- change their answer) and deleted when it closes.

-- One pulse per release: opened at `opens_at`, answers accepted until `closes_at`.
CREATE TABLE pulses (
  release TEXT NOT NULL PRIMARY KEY CHECK (release GLOB 'v[0-9]*.[0-9]*'),
  opens_at TEXT NOT NULL,
  closes_at TEXT NOT NULL CHECK (closes_at > opens_at),
  -- results are shown only with at least this many answers
  minimum INTEGER NOT NULL CHECK (minimum >= 1),
  closed_at TEXT
) STRICT;

-- Who was asked, once per person and pulse (the DM's outbox key, and when it may go out).
CREATE TABLE pulse_invitations (
  release TEXT NOT NULL REFERENCES pulses (release),
  user_id TEXT NOT NULL CHECK (length(user_id) > 0),
  outbox_key TEXT NOT NULL UNIQUE,
  send_at TEXT NOT NULL,
  PRIMARY KEY (release, user_id)
) STRICT;

-- The answers, without people: `token` is random, so neither it nor the row order says who or when.
CREATE TABLE pulse_answers (
  token TEXT NOT NULL PRIMARY KEY,
  release TEXT NOT NULL REFERENCES pulses (release),
  score INTEGER NOT NULL CHECK (score BETWEEN 0 AND 10),
  comment TEXT CHECK (comment IS NULL OR length(comment) BETWEEN 1 AND 2000)
) WITHOUT ROWID, STRICT;
CREATE INDEX pulse_answers_by_release ON pulse_answers (release);

-- Whose answer is which, while the pulse is open; emptied for the release when it closes.
CREATE TABLE pulse_answer_owners (
  release TEXT NOT NULL REFERENCES pulses (release),
  user_id TEXT NOT NULL,
  token TEXT NOT NULL UNIQUE REFERENCES pulse_answers (token),
  PRIMARY KEY (release, user_id)
) STRICT;

-- The retrospective of a release: one prompt message per question, each collecting replies.
CREATE TABLE retro_prompts (
  release TEXT NOT NULL CHECK (length(release) > 0),
  prompt TEXT NOT NULL CHECK (prompt IN ('went-well', 'did-not-go-well', 'to-try')),
  -- the channel as configured (name or id) and, once posted, where Slack put it
  channel TEXT NOT NULL,
  outbox_key TEXT NOT NULL UNIQUE,
  posted_at TEXT NOT NULL,
  channel_id TEXT,
  ts TEXT,
  PRIMARY KEY (release, prompt)
) STRICT;
CREATE INDEX retro_prompts_by_message ON retro_prompts (channel_id, ts);

-- A reply in a prompt's thread: one retrospective item.
CREATE TABLE retro_items (
  channel_id TEXT NOT NULL,
  ts TEXT NOT NULL,
  release TEXT NOT NULL,
  prompt TEXT NOT NULL,
  author TEXT NOT NULL,
  text TEXT NOT NULL,
  at TEXT NOT NULL,
  PRIMARY KEY (channel_id, ts),
  FOREIGN KEY (release, prompt) REFERENCES retro_prompts (release, prompt)
) STRICT;
CREATE INDEX retro_items_by_release ON retro_items (release, prompt);

-- Reactions on items: each distinct person (other than the author) is one vote.
CREATE TABLE retro_reactions (
  channel_id TEXT NOT NULL,
  ts TEXT NOT NULL,
  user_id TEXT NOT NULL,
  reaction TEXT NOT NULL,
  PRIMARY KEY (channel_id, ts, user_id, reaction),
  FOREIGN KEY (channel_id, ts) REFERENCES retro_items (channel_id, ts) ON DELETE CASCADE
) STRICT;
