import type {
  FactBlocker,
  FactCommitment,
  FactException,
  FactFreeze,
  FactKep,
  FactRound,
  FactUpdate,
  FactVote,
  FactVoteRound,
  HealthBase,
  KepSighting,
  ReleaseFacts,
  RoundFacts,
} from '../../domain/program-facts.ts';
import type { ProcessFactsRepo } from '../../ports/process-store.ts';
import type { Db } from '../open.ts';

// A KEP's first status update is kept on write in status_latest (migration 0020): O(KEPs).
const sightingsSql = `
  SELECT kep_number AS kep, first_sig AS sig, MIN(first_at) AS at, 'status' AS source FROM status_latest
    WHERE release = @release GROUP BY kep_number
  UNION ALL
  SELECT k.number, r.sig, MIN(r.opened_at), 'round' FROM rounds r, json_each(r.kep_paths) p
    JOIN keps k ON k.path = p.value WHERE r.release = @release GROUP BY k.number
  UNION ALL
  SELECT json_extract(e.value, '$.kep'), p.sig, MIN(p.saved_at), 'plan' FROM plans p, json_each(p.entries) e
    WHERE p.release = @release GROUP BY json_extract(e.value, '$.kep')
  UNION ALL
  SELECT kep_number, sig, MIN(requested_at), 'exception' FROM exception_requests
    WHERE release = @release GROUP BY kep_number
  UNION ALL
  SELECT kep_number, sig, MIN(opened_at), 'blocker' FROM blockers WHERE release = @release GROUP BY kep_number
  UNION ALL
  SELECT number, NULL, MIN(synced_at), 'github' FROM github_issues WHERE milestone = @release GROUP BY number`;

const blockersSql = `SELECT b.id, b.sig, b.kep_number AS kep, b.opened_at AS openedAt, b.closed_at AS closedAt,
    (SELECT MAX(step) FROM escalation_steps s WHERE s.blocker_id = b.id) AS highestStep
  FROM blockers b WHERE b.release = @release ORDER BY b.id`;

// Votes carry no release: those started within the release's calendar (first to last milestone,
// plus a day) count for it.
const votesSql = `SELECT v.id, v.created_at AS createdAt FROM votes v,
    (SELECT MIN(starts_at) AS first, MAX(starts_at) AS last FROM milestones WHERE release = @release) span
  WHERE v.created_at >= span.first AND v.created_at < strftime('%Y-%m-%dT%H:%M:%fZ', span.last, '+1 day')
  ORDER BY v.id`;

// The approved version of each SIG's plan, else its latest.
const commitmentsSql = `SELECT p.sig, json_extract(e.value, '$.kep') AS kep,
    json_extract(i.value, '$.increment') AS increment, json_extract(i.value, '$.confidence') AS confidence
  FROM plans p, json_each(p.entries) e, json_each(json_extract(e.value, '$.increments')) i
  WHERE p.release = @release AND p.version = (SELECT MAX(q.version) FROM plans q
    WHERE q.release = p.release AND q.sig = p.sig
      AND (q.approved_at IS NOT NULL OR NOT EXISTS (SELECT 1 FROM plans a
        WHERE a.release = p.release AND a.sig = p.sig AND a.approved_at IS NOT NULL)))
  ORDER BY p.sig, kep, increment`;

type KepRow = Omit<FactKep, 'milestones'> & { milestones: string };

// The first update of each KEP a SIG's round asked about, by that SIG within the round's window: all
// the round metrics read of the history (per round and KEP, that KEP's entries of a covering index).
const roundFirstUpdatesSql = `SELECT u.kep_number AS kep, u.kep_path AS kepPath, u.sig, u.state,
    MIN(u.created_at) AS createdAt
  FROM rounds r, json_each(r.kep_paths) p, status_updates u INDEXED BY status_updates_by_kep
  WHERE r.release = @release AND r.sig = @sig AND u.kep_path = p.value AND u.release = r.release
    AND u.sig = r.sig AND u.created_at >= r.opened_at AND u.created_at <= COALESCE(r.closed_at, r.close_at)
  GROUP BY r.id, p.value
  ORDER BY createdAt`;

interface RoundRow {
  sig: string;
  openedAt: string;
  endsAt: string;
  kepPaths: string;
}

/** Reads what each feature recorded about a release, for the program metrics (read-only). */
export function createProcessFactsRepo(db: Db): ProcessFactsRepo {
  const q = {
    freezes: db.prepare<{ release: string }, FactFreeze>(`SELECT kind, name, starts_at AS at FROM milestones
      WHERE release = @release AND kind IN ('enhancements-freeze', 'code-freeze', 'docs-freeze')
      ORDER BY starts_at, position`),
    sightings: db.prepare<{ release: string }, KepSighting>(sightingsSql),
    updates: db.prepare<{ release: string }, FactUpdate>(`SELECT kep_number AS kep, kep_path AS kepPath, sig,
      state, created_at AS createdAt FROM status_updates WHERE release = @release ORDER BY id`),
    roundFirstUpdates: db.prepare<{ release: string; sig: string }, FactUpdate>(roundFirstUpdatesSql),
    rounds: db.prepare<{ release: string }, RoundRow>(`SELECT sig, opened_at AS openedAt,
      COALESCE(closed_at, close_at) AS endsAt, kep_paths AS kepPaths FROM rounds WHERE release = @release
      ORDER BY opened_at, sig`),
    roundsOf: db.prepare<{ release: string; sig: string }, RoundRow>(`SELECT sig, opened_at AS openedAt,
      COALESCE(closed_at, close_at) AS endsAt, kep_paths AS kepPaths FROM rounds
      WHERE release = @release AND sig = @sig ORDER BY opened_at`),
    blockers: db.prepare<{ release: string }, FactBlocker>(blockersSql),
    exceptions: db.prepare<{ release: string }, FactException>(`SELECT kep_number AS kep, sig, freeze, status
      FROM exception_requests WHERE release = @release ORDER BY id`),
    votes: db.prepare<{ release: string }, { id: number; createdAt: string }>(votesSql),
    voteRounds: db.prepare<
      [number],
      FactVoteRound
    >(`SELECT number, opens_at AS opensAt, closed_at AS closedAt,
      outcome FROM vote_rounds WHERE vote_id = ? ORDER BY number`),
    commitments: db.prepare<{ release: string }, FactCommitment>(commitmentsSql),
    // the KEPs of the sightings (numbers as a JSON array), so the sightings are read once
    keps: db.prepare<{ numbers: string }, KepRow>(`SELECT number, owning_sig AS owningSig, status, stage,
      latest_milestone AS latestMilestone, milestones FROM keps
      WHERE number IN (SELECT value FROM json_each(@numbers)) GROUP BY number ORDER BY number`),
  };
  const parseRound = (r: RoundRow): FactRound => ({ ...r, kepPaths: JSON.parse(r.kepPaths) as string[] });
  function membership(release: string): Pick<ReleaseFacts, 'sightings' | 'keps'> {
    const sightings = q.sightings.all({ release }).sort((a, b) => a.kep - b.kep || a.at.localeCompare(b.at));
    const numbers = JSON.stringify([...new Set(sightings.map((s) => s.kep))]);
    const keps = q.keps.all({ numbers }).map((k) => ({ ...k, milestones: JSON.parse(k.milestones) }));
    return { sightings, keps };
  }
  return {
    factsFor(release: string): ReleaseFacts {
      const p = { release };
      return {
        release,
        freezes: q.freezes.all(p),
        ...membership(release),
        updates: q.updates.all(p),
        rounds: q.rounds.all(p).map(parseRound),
        blockers: q.blockers.all(p),
        exceptions: q.exceptions.all(p),
        votes: q.votes.all(p).map((v): FactVote => ({ ...v, rounds: q.voteRounds.all(v.id) })),
        commitments: q.commitments.all(p),
      };
    },
    healthBase(release: string): HealthBase {
      const p = { release };
      return { ...membership(release), blockers: q.blockers.all(p), exceptions: q.exceptions.all(p) };
    },
    roundFacts(release: string, sig: string): RoundFacts {
      return {
        rounds: q.roundsOf.all({ release, sig }).map(parseRound),
        updates: q.roundFirstUpdates.all({ release, sig }),
      };
    },
  };
}
