-- 0012_read_paths: reads that stay flat as history and backlog grow.
--
-- status_latest: each KEP's latest status update per release, and since when the KEP has been in
-- that state, kept on write by a trigger (so every insert path keeps it right). Digests, SIG lists,
-- rounds, App Home and readiness read O(KEPs) from here instead of grouping the whole history.
CREATE TABLE status_latest (
  kep_path TEXT NOT NULL REFERENCES keps (path) ON UPDATE CASCADE,
  release TEXT NOT NULL,
  sig TEXT NOT NULL,
  update_id INTEGER NOT NULL REFERENCES status_updates (id),
  state TEXT NOT NULL,
  -- created_at of the first update of the current run of the same state
  state_since TEXT NOT NULL,
  PRIMARY KEY (kep_path, release)
) STRICT;
CREATE INDEX status_latest_by_sig ON status_latest (sig, release);

-- In an upsert's SET every expression sees the row as it was, so state_since compares the old state.
CREATE TRIGGER status_updates_keep_latest AFTER INSERT ON status_updates
BEGIN
  INSERT INTO status_latest (kep_path, release, sig, update_id, state, state_since)
  VALUES (NEW.kep_path, NEW.release, NEW.sig, NEW.id, NEW.state, NEW.created_at)
  ON CONFLICT (kep_path, release) DO UPDATE SET
    sig = excluded.sig,
    update_id = excluded.update_id,
    state = excluded.state,
    state_since = CASE WHEN status_latest.state = excluded.state
      THEN status_latest.state_since ELSE excluded.state_since END
  WHERE excluded.update_id > status_latest.update_id;
END;

-- Existing history: the latest update of each KEP and release, and the start of its state's run.
INSERT INTO status_latest (kep_path, release, sig, update_id, state, state_since)
SELECT l.kep_path, l.release, l.sig, l.id, l.state,
  (SELECT r.created_at FROM status_updates r
    WHERE r.kep_path = l.kep_path AND r.release = l.release
      AND r.id > coalesce((SELECT max(d.id) FROM status_updates d
        WHERE d.kep_path = l.kep_path AND d.release = l.release AND d.state <> l.state), 0)
    ORDER BY r.id LIMIT 1)
FROM status_updates l
WHERE l.id = (SELECT max(m.id) FROM status_updates m WHERE m.kep_path = l.kep_path AND m.release = l.release);

-- Outbox: the conversation a row belongs to (the worker sends one row per conversation at a time,
-- oldest first), indexed over pending rows only, so finding each conversation's next row is a
-- seek per conversation, however deep the backlog.
ALTER TABLE slack_outbox ADD COLUMN conversation TEXT GENERATED ALWAYS AS (
  coalesce(channel, '') || '|' || coalesce(user_id, '') || '|' || coalesce(thread_of, target_key, '')
) VIRTUAL;
CREATE INDEX slack_outbox_pending_by_conversation ON slack_outbox (lane, conversation, id)
  WHERE status = 'pending';
