import type { RoundSnapshotEntry, RoundSummary } from '../../domain/round.ts';
import type { NewRound, RoundNudgeOutcome, RoundRecord, RoundRepo } from '../../ports/schedule-store.ts';
import type { Db } from '../open.ts';
import { fromJson, toJson } from './json-columns.ts';
import { storeRow } from './store-error.ts';

interface RoundRow {
  id: number;
  sig: string;
  release: string;
  scheduled_for: string;
  opened_at: string;
  nudge_at: string;
  close_at: string;
  channel: string;
  parent_key: string;
  kep_paths: string;
  snapshot: string;
  nudged_at: string | null;
  nudge: string | null;
  closed_at: string | null;
  summary: string | null;
}

/** Drumbeat rounds (table `rounds`), one per (SIG, cadence instant). */
export function createRoundRepo(db: Db): RoundRepo {
  const insert = db.prepare(`INSERT INTO rounds
      (sig, release, scheduled_for, opened_at, nudge_at, close_at, channel, parent_key, kep_paths, snapshot)
    VALUES (@sig, @release, @scheduledFor, @openedAt, @nudgeAt, @closeAt, @channel, @parentKey, @kepPaths, @snapshot)
    ON CONFLICT (sig, scheduled_for) DO NOTHING`);
  const get = db.prepare<[string, string], RoundRow>(
    'SELECT * FROM rounds WHERE sig = ? AND scheduled_for = ?',
  );
  const openFor = db.prepare<[string], RoundRow>(
    'SELECT * FROM rounds WHERE sig = ? AND closed_at IS NULL ORDER BY opened_at DESC, id DESC LIMIT 1',
  );
  const listOpen = db.prepare<[], RoundRow>(
    'SELECT * FROM rounds WHERE closed_at IS NULL ORDER BY opened_at, id',
  );
  const nudged = db.prepare('UPDATE rounds SET nudged_at = ?, nudge = ? WHERE id = ?');
  const close = db.prepare('UPDATE rounds SET closed_at = ?, summary = ? WHERE id = ? AND closed_at IS NULL');
  const bySig = db.prepare<[string], RoundRow>(
    'SELECT * FROM rounds WHERE sig = ? ORDER BY scheduled_for, id',
  );
  const all = db.prepare<[], RoundRow>('SELECT * FROM rounds ORDER BY scheduled_for, sig');

  return {
    create(round: NewRound) {
      const result = storeRow(
        `round of ${round.sig} at ${round.scheduledFor}`,
        'a round needs a SIG, its instants as ISO-8601 UTC and a unique parent key',
        () => insert.run({ ...round, kepPaths: toJson(round.kepPaths), snapshot: toJson(round.snapshot) }),
      );
      return { round: toRound(get.get(round.sig, round.scheduledFor)!), created: result.changes > 0 };
    },
    get(sig, scheduledFor) {
      const row = get.get(sig, scheduledFor.toISOString());
      return row ? toRound(row) : null;
    },
    openFor(sig) {
      const row = openFor.get(sig);
      return row ? toRound(row) : null;
    },
    listOpen: () => listOpen.all().map(toRound),
    markNudged(id, at, outcome) {
      nudged.run(at.toISOString(), toJson(outcome), id);
    },
    close(id, at, summary) {
      close.run(at.toISOString(), toJson(summary), id);
    },
    list: (sig) => (sig === undefined ? all.all() : bySig.all(sig)).map(toRound),
  };
}

function toRound(row: RoundRow): RoundRecord {
  return {
    id: row.id,
    sig: row.sig,
    release: row.release,
    scheduledFor: row.scheduled_for,
    openedAt: row.opened_at,
    nudgeAt: row.nudge_at,
    closeAt: row.close_at,
    channel: row.channel,
    parentKey: row.parent_key,
    kepPaths: fromJson<string[]>(row.kep_paths),
    snapshot: fromJson<Record<string, RoundSnapshotEntry>>(row.snapshot),
    nudgedAt: row.nudged_at,
    nudge: row.nudge === null ? null : fromJson<RoundNudgeOutcome>(row.nudge),
    closedAt: row.closed_at,
    summary: row.summary === null ? null : fromJson<RoundSummary>(row.summary),
  };
}
