-- 0018_fact_reads: the program metrics' reads of one release stay index-only as the history grows.
--
-- The first sighting of each KEP (MIN(created_at) per kep_number) and a SIG digest's updates of
-- its own KEPs (kep_number IN …) are read from this index instead of every update of the release.
CREATE INDEX status_updates_by_release_kep ON status_updates (release, kep_number, created_at);
