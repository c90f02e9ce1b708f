-- 0013_outbox_expiry: nothing after the fact. A message may carry an instant after which it is
-- pointless (a nudge after its round closed, a reminder after its vote closed, an alert after its
-- milestone): the worker drops it then, as `expired`, instead of sending it late. `due_at` keeps
-- when a message was first due (retries move `not_before`, not this), so the age of the oldest
-- waiting message can be measured. SQLite cannot widen a CHECK in place: the table is rebuilt.

CREATE TABLE slack_outbox_next (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  key TEXT NOT NULL UNIQUE CHECK (length(key) BETWEEN 1 AND 255),
  lane TEXT NOT NULL CHECK (lane IN ('interactive', 'scheduled')),
  kind TEXT NOT NULL CHECK (kind IN ('post', 'update', 'dm', 'ephemeral', 'publish')),
  channel TEXT,
  user_id TEXT,
  thread_of TEXT,
  target_key TEXT,
  payload TEXT NOT NULL CHECK (json_valid(payload)),
  -- pending → sending → sent | failed; pending → expired (dropped: it could only arrive too late)
  status TEXT NOT NULL DEFAULT 'pending'
    CHECK (status IN ('pending', 'sending', 'sent', 'failed', 'expired')),
  attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  uncertain INTEGER NOT NULL DEFAULT 0 CHECK (uncertain IN (0, 1)),
  not_before TEXT NOT NULL,
  -- when the message was first due (its not_before when enqueued)
  due_at TEXT NOT NULL,
  -- never sent at or after this instant; null: no limit
  expires_at TEXT,
  last_error TEXT,
  result_channel TEXT,
  result_ts TEXT,
  created_at TEXT NOT NULL,
  sending_at TEXT,
  sent_at TEXT,
  updated_at TEXT NOT NULL,
  conversation TEXT GENERATED ALWAYS AS (
    coalesce(channel, '') || '|' || coalesce(user_id, '') || '|' || coalesce(thread_of, target_key, '')
  ) VIRTUAL,
  CHECK (kind NOT IN ('dm', 'publish') OR user_id IS NOT NULL),
  CHECK (kind <> 'ephemeral' OR (user_id IS NOT NULL AND channel IS NOT NULL)),
  CHECK (kind <> 'post' OR channel IS NOT NULL OR thread_of IS NOT NULL),
  CHECK (kind <> 'update' OR target_key IS NOT NULL OR channel IS NOT NULL)
) STRICT;

INSERT INTO slack_outbox_next (id, key, lane, kind, channel, user_id, thread_of, target_key, payload,
    status, attempts, uncertain, not_before, due_at, last_error, result_channel, result_ts, created_at,
    sending_at, sent_at, updated_at)
  SELECT id, key, lane, kind, channel, user_id, thread_of, target_key, payload,
    status, attempts, uncertain, not_before, not_before, last_error, result_channel, result_ts, created_at,
    sending_at, sent_at, updated_at
  FROM slack_outbox;

DROP TABLE slack_outbox;
ALTER TABLE slack_outbox_next RENAME TO slack_outbox;

CREATE INDEX slack_outbox_due ON slack_outbox (lane, status, not_before, id);
CREATE INDEX slack_outbox_by_status ON slack_outbox (status);
CREATE INDEX slack_outbox_pending_by_conversation ON slack_outbox (lane, conversation, id)
  WHERE status = 'pending';
-- the oldest message still waiting (for /metrics and the health check)
CREATE INDEX slack_outbox_open_by_due ON slack_outbox (due_at) WHERE status IN ('pending', 'sending');
-- permanent failures by when they happened (the health check, the PM channel's notice)
CREATE INDEX slack_outbox_failed_by_time ON slack_outbox (updated_at) WHERE status = 'failed';
