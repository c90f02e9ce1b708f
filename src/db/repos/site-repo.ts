import type { KepState } from '../../domain/kep-state.ts';
import type { Kep } from '../../domain/types.ts';
import type { DatedState } from '../../ports/digest-store.ts';
import type { SiteKep, SiteLatest, SiteRepo } from '../../ports/site-store.ts';
import type { Db } from '../open.ts';

interface KepRow {
  path: string;
  number: number;
  title: string;
  owning_sig: string | null;
  status: Kep['status'];
  stage: Kep['stage'];
  latest_milestone: string | null;
}

interface LatestRow {
  kep_path: string;
  sig: string;
  state: KepState;
  confidence: number | null;
  increment: number | null;
  created_at: string;
}

/** The release site's reads (see `SiteRepo`); the indexes they use are in migration 0016. */
export function createSiteRepo(db: Db): SiteRepo {
  const keps = db.prepare<[string], KepRow>(`SELECT path, number, title, owning_sig, status, stage,
      latest_milestone FROM keps WHERE latest_milestone = ? ORDER BY number, path`);
  const latest = db.prepare<[string], LatestRow>(`SELECT l.kep_path, l.sig, s.state, s.confidence,
      s.increment, s.created_at FROM status_latest l JOIN status_updates s ON s.id = l.update_id
    WHERE l.release = ?`);
  const states = db.prepare<[string, string], DatedState>(`SELECT kep_path AS kepPath, state,
      created_at AS createdAt FROM status_updates WHERE sig = ? AND release = ? ORDER BY created_at, id`);
  const changes = db.prepare<[], { changes: number }>('SELECT total_changes() AS changes');
  return {
    keps: (release) => keps.all(release).map(toSiteKep),
    latestOfRelease: (release) => latest.all(release).map(toLatest),
    statesOfSig: (sig, release) => states.all(sig, release),
    // total_changes(): this connection's writes; data_version: commits by any other connection
    dataVersion: () => `${db.pragma('data_version', { simple: true })}.${changes.get()!.changes}`,
  };
}

function toSiteKep(row: KepRow): SiteKep {
  return {
    path: row.path,
    number: row.number,
    title: row.title,
    owningSig: row.owning_sig,
    status: row.status,
    stage: row.stage,
    latestMilestone: row.latest_milestone,
  };
}

function toLatest(row: LatestRow): SiteLatest {
  return {
    kepPath: row.kep_path,
    sig: row.sig,
    state: row.state,
    confidence: row.confidence,
    increment: row.increment,
    createdAt: row.created_at,
  };
}
