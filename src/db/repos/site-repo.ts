import type { KepState } from '../../domain/kep-state.ts';
import type { Kep } from '../../domain/types.ts';
import type { DatedState } from '../../ports/digest-store.ts';
import type { SiteRepo } from '../../ports/site-store.ts';
import type { Db } from '../open.ts';

interface KepRow {
  path: string;
  number: number;
  title: string;
  owning_sig: string | null;
  status: Kep['status'];
  stage: Kep['stage'];
  latest_milestone: string | null;
  /** The latest update's columns; null without one. */
  state: KepState | null;
  confidence: number | null;
  increment: number | null;
  created_at: string | null;
}

/** The release site's reads (see `SiteRepo`); the index a SIG page's read uses is in migration 0017. */
export function createSiteRepo(db: Db): SiteRepo {
  // status_latest holds one row per (KEP, release): the join is a key lookup per KEP
  const keps = db.prepare<{ release: string }, KepRow>(`SELECT k.path, k.number, k.title, k.owning_sig,
      k.status, k.stage, k.latest_milestone, s.state, s.confidence, s.increment, s.created_at
    FROM keps k
      LEFT JOIN status_latest l ON l.kep_path = k.path AND l.release = @release AND l.sig = k.owning_sig
      LEFT JOIN status_updates s ON s.id = l.update_id
    WHERE k.latest_milestone = @release ORDER BY k.number, k.path`);
  const states = db.prepare<[string, string], DatedState>(`SELECT kep_path AS kepPath, state,
      created_at AS createdAt FROM status_updates WHERE sig = ? AND release = ? ORDER BY created_at, id`);
  const changes = db.prepare<[], { changes: number }>('SELECT total_changes() AS changes');
  return {
    kepsWithLatest: (release) => keps.all({ release }).map(toKepWithLatest),
    statesOfSig: (sig, release) => states.all(sig, release),
    // total_changes(): this connection's writes; data_version: commits by any other connection
    dataVersion: () => `${db.pragma('data_version', { simple: true })}.${changes.get()!.changes}`,
  };
}

function toKepWithLatest(row: KepRow): ReturnType<SiteRepo['kepsWithLatest']>[number] {
  return {
    kep: {
      path: row.path,
      number: row.number,
      title: row.title,
      owningSig: row.owning_sig,
      status: row.status,
      stage: row.stage,
      latestMilestone: row.latest_milestone,
    },
    latest:
      row.state === null || row.created_at === null
        ? null
        : {
            state: row.state,
            confidence: row.confidence,
            increment: row.increment,
            createdAt: row.created_at,
          },
  };
}
