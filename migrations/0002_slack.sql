-- 0002_slack: Slack delivery guarantees. The outbox holds every message the bot means to send
-- (one row per idempotency key) until Slack has it; the inbound ledger remembers which deliveries
-- and clicks were already handled. Timestamps are ISO-8601 UTC text (`toISOString()`), so they
-- compare correctly as text.

-- One row per intended message. `key` is the idempotency key chosen by the caller
-- (e.g. `round:sig-node:2025-10-07T16:00Z:parent`); enqueueing it again changes nothing.
-- status: pending (waiting to be sent, at or after not_before) → sending (a call to Slack may be
-- in flight; a row found here at start is reconciled) → sent | failed.
CREATE TABLE slack_outbox (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  key TEXT NOT NULL UNIQUE CHECK (length(key) BETWEEN 1 AND 255),
  lane TEXT NOT NULL CHECK (lane IN ('interactive', 'scheduled')),
  kind TEXT NOT NULL CHECK (kind IN ('post', 'update', 'dm', 'ephemeral', 'publish')),
  -- the conversation: given for post/ephemeral/update-by-ts; for dm the DM channel once opened
  channel TEXT,
  -- dm: the recipient; ephemeral: who sees it; publish: whose App Home
  user_id TEXT,
  -- post/dm: the outbox key of the parent message this one replies to in a thread
  thread_of TEXT,
  -- update: the outbox key of the message to update
  target_key TEXT,
  -- what to send: text, blocks, thread_ts, view, ts (JSON)
  payload TEXT NOT NULL CHECK (json_valid(payload)),
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sending', 'sent', 'failed')),
  -- calls made for this row (rate-limited calls are not counted)
  attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  -- 1 when an earlier call may have reached Slack (timeout, 5xx, crash): look before re-sending
  uncertain INTEGER NOT NULL DEFAULT 0 CHECK (uncertain IN (0, 1)),
  not_before TEXT NOT NULL,
  last_error TEXT,
  -- where Slack put it: the conversation id and the message ts
  result_channel TEXT,
  result_ts TEXT,
  created_at TEXT NOT NULL,
  sending_at TEXT,
  sent_at TEXT,
  updated_at TEXT NOT NULL,
  CHECK (kind NOT IN ('dm', 'publish') OR user_id IS NOT NULL),
  CHECK (kind <> 'ephemeral' OR (user_id IS NOT NULL AND channel IS NOT NULL)),
  CHECK (kind <> 'post' OR channel IS NOT NULL OR thread_of IS NOT NULL),
  CHECK (kind <> 'update' OR target_key IS NOT NULL OR channel IS NOT NULL)
) STRICT;
-- the worker's query: due rows of a lane, oldest first
CREATE INDEX slack_outbox_due ON slack_outbox (lane, status, not_before, id);
CREATE INDEX slack_outbox_by_status ON slack_outbox (status);

-- The DM conversation opened for each user (conversations.open is asked once per user).
CREATE TABLE slack_dm_channels (
  user_id TEXT NOT NULL PRIMARY KEY,
  channel TEXT NOT NULL,
  opened_at TEXT NOT NULL
) STRICT;

-- Inbound deliveries and clicks already handled: `event:<event_id>`, `trigger:<trigger_id>`,
-- `click:<user>:<message ts or view id>:<action_id>:<value>`. Pruned after a few days.
CREATE TABLE slack_inbound (
  key TEXT NOT NULL PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('event', 'trigger', 'click', 'other')),
  seen_at TEXT NOT NULL
) STRICT;
CREATE INDEX slack_inbound_by_seen ON slack_inbound (seen_at);
