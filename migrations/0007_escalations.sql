-- 0007_escalations: the escalation ladder of blockers. Which ladder steps each blocker went through
-- (once per blocker and step, across restarts), every message that told someone about a blocker (so
-- a resolution reaches every thread that heard of it), acknowledgements, snoozes and cycles.
-- Timestamps are ISO-8601 UTC text; user ids are Slack ids.

-- One row per blocker the ladder has seen.
CREATE TABLE escalation_state (
  blocker_id INTEGER NOT NULL PRIMARY KEY REFERENCES blockers (id),
  -- 1 when the blocked KEP was in the release when the ladder first saw the blocker: leaving the
  -- release later closes the blocker with a note
  in_release INTEGER NOT NULL CHECK (in_release IN (0, 1)),
  acknowledged_by TEXT,
  acknowledged_at TEXT,
  -- no ladder step before this instant
  snoozed_until TEXT,
  snoozes INTEGER NOT NULL DEFAULT 0 CHECK (snoozes >= 0),
  -- the outbox key of the cycle notice when the blocker is part of a dependency cycle: no more steps
  cycle_key TEXT,
  -- when the resolution was posted in every thread that heard of the blocker
  resolution_announced_at TEXT,
  first_seen_at TEXT NOT NULL
) STRICT;
CREATE INDEX escalation_state_unannounced ON escalation_state (blocker_id) WHERE resolution_announced_at IS NULL;

-- Each ladder step of each blocker happens once: the row is written in the same transaction as the
-- message it produced (or the reason it produced none).
CREATE TABLE escalation_steps (
  blocker_id INTEGER NOT NULL REFERENCES blockers (id),
  step INTEGER NOT NULL CHECK (step >= 0),
  done_at TEXT NOT NULL,
  note TEXT NOT NULL,
  PRIMARY KEY (blocker_id, step)
) STRICT;

-- A message about one or more blockers (a fan-out group shares one), keyed by its outbox key.
-- `revision` counts content changes (members joined, acknowledged, snoozed, resolved);
-- `sent_revision` is the last one handed to the outbox (-1: not even the first).
CREATE TABLE escalation_messages (
  key TEXT NOT NULL PRIMARY KEY CHECK (length(key) > 0),
  kind TEXT NOT NULL CHECK (kind IN ('post', 'sig', 'dm', 'lead', 'cycle')),
  step INTEGER NOT NULL,
  -- the ladder target: pm-channel, blocking-sig, channel:C…, facilitators, release-lead, cycle
  target TEXT NOT NULL,
  -- what the grouped blockers wait on: sig:<dir>, kep:<number>, party:<name lower-cased>
  party TEXT NOT NULL,
  channel TEXT,
  dm_user TEXT,
  -- outbox key of the thread parent the message lives in (its own key when it is a parent)
  thread_key TEXT NOT NULL,
  -- outbox key of the parent this message replies under; null for a parent
  reply_to TEXT,
  not_before TEXT,
  revision INTEGER NOT NULL DEFAULT 0,
  sent_revision INTEGER NOT NULL DEFAULT -1,
  created_at TEXT NOT NULL,
  CHECK ((channel IS NULL) <> (dm_user IS NULL) OR reply_to IS NOT NULL)
) STRICT;
CREATE INDEX escalation_messages_group ON escalation_messages (step, target, party);
CREATE INDEX escalation_messages_unsent ON escalation_messages (key) WHERE sent_revision < revision;

-- Which blockers a message is about.
CREATE TABLE escalation_members (
  message_key TEXT NOT NULL REFERENCES escalation_messages (key),
  blocker_id INTEGER NOT NULL REFERENCES blockers (id),
  joined_at TEXT NOT NULL,
  PRIMARY KEY (message_key, blocker_id)
) STRICT;
CREATE INDEX escalation_members_by_blocker ON escalation_members (blocker_id);

-- What people did with the buttons (and what the ladder decided on its own), for the record.
CREATE TABLE escalation_events (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  blocker_id INTEGER NOT NULL REFERENCES blockers (id),
  kind TEXT NOT NULL CHECK (kind IN ('acknowledged', 'snoozed', 'resolved', 'cycle', 'dropped')),
  by TEXT NOT NULL,
  at TEXT NOT NULL,
  detail TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX escalation_events_by_blocker ON escalation_events (blocker_id, id);
