-- 0017_site_reads: the release site's reads stay index-only as the history grows.
--
-- A SIG page lists, for each KEP, every state the SIG reported this release: (path, state, instant)
-- of each of the SIG's updates in time order, read from this covering index alone (the table rows,
-- with their notes, are never visited).
CREATE INDEX status_updates_states_by_sig ON status_updates (sig, release, created_at, id, kep_path, state);

