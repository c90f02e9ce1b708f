-- 0015_status_day_posts: less noise. Outside a round, a SIG channel gets at most one top-level
-- status post per day; later updates that day reply in its thread. This table remembers, per SIG
-- and UTC day, the outbox key of that day's top-level post (the first update claims the day).

CREATE TABLE status_day_posts (
  sig TEXT NOT NULL,
  day TEXT NOT NULL CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  parent_key TEXT NOT NULL CHECK (length(parent_key) BETWEEN 1 AND 255),
  claimed_at TEXT NOT NULL,
  PRIMARY KEY (sig, day)
) STRICT;
