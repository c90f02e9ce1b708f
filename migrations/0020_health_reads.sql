-- 0020_health_reads: a SIG digest reads O(KEPs + rounds), not the release's history.
--
-- status_latest also keeps each KEP's first update of the release (its number, instant and SIG), so the
-- first sighting of every KEP in the status history is read from here instead of grouping every update.
ALTER TABLE status_latest ADD COLUMN kep_number INTEGER;
ALTER TABLE status_latest ADD COLUMN first_at TEXT;
ALTER TABLE status_latest ADD COLUMN first_sig TEXT;

UPDATE status_latest SET (kep_number, first_at, first_sig) = (
  SELECT f.kep_number, f.created_at, f.sig FROM status_updates f
  WHERE f.kep_path = status_latest.kep_path AND f.release = status_latest.release
  ORDER BY f.created_at, f.id LIMIT 1);

-- An earlier-dated update (an import of older history) moves the first sighting back; ties keep the
-- older row, as a scan of the history in (created_at, id) order would.
DROP TRIGGER status_updates_keep_latest;
CREATE TRIGGER status_updates_keep_latest AFTER INSERT ON status_updates
BEGIN
  INSERT INTO status_latest (kep_path, release, sig, update_id, state, state_since, kep_number, first_at, first_sig)
  VALUES (NEW.kep_path, NEW.release, NEW.sig, NEW.id, NEW.state, NEW.created_at, NEW.kep_number, NEW.created_at, NEW.sig)
  ON CONFLICT (kep_path, release) DO UPDATE SET
    sig = excluded.sig,
    update_id = excluded.update_id,
    state = excluded.state,
    state_since = CASE WHEN status_latest.state = excluded.state
      THEN status_latest.state_since ELSE excluded.state_since END,
    kep_number = CASE WHEN excluded.first_at < status_latest.first_at
      THEN excluded.kep_number ELSE status_latest.kep_number END,
    first_sig = CASE WHEN excluded.first_at < status_latest.first_at
      THEN excluded.first_sig ELSE status_latest.first_sig END,
    first_at = min(status_latest.first_at, excluded.first_at)
  WHERE excluded.update_id > status_latest.update_id;
END;
CREATE INDEX status_latest_by_release ON status_latest (release, kep_number, first_at, first_sig);

-- A digest's "state as of last week" and a round's first updates walk one KEP's updates: with the
-- SIG, instant and state in the index they never visit the table rows (the same key, now covering).
DROP INDEX status_updates_by_kep;
CREATE INDEX status_updates_by_kep ON status_updates (kep_path, release, id, sig, created_at, state);

-- Every index is written on each status update, on the ack path of /kep-status. These two are no
-- longer read: a SIG's latest states come from status_latest (0012), and its updates in time order
-- from status_updates_states_by_sig (0017), whose key begins with the same columns.
DROP INDEX status_updates_by_sig;
DROP INDEX status_updates_by_sig_time;
