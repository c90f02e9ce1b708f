import type { MilestoneRemoval } from '../../domain/milestone-removal.ts';
import type { MilestoneRemovalRepo, NewMilestoneRemoval } from '../../ports/removal-store.ts';
import type { Db } from '../open.ts';
import { storeRow } from './store-error.ts';

interface RemovalRow {
  id: number;
  release: string;
  kep_number: number;
  kep_path: string;
  sig: string | null;
  reason: string;
  removed_by: string;
  removed_at: string;
  board: string | null;
  undone_at: string | null;
  undone_by: string | null;
}

function toRemoval(row: RemovalRow): MilestoneRemoval {
  return {
    id: row.id,
    release: row.release,
    kepNumber: row.kep_number,
    kepPath: row.kep_path,
    sig: row.sig,
    reason: row.reason,
    removedBy: row.removed_by,
    removedAt: row.removed_at,
    board: row.board,
    undoneAt: row.undone_at,
    undoneBy: row.undone_by,
  };
}

/** Removals from the milestone recorded from Slack (table `milestone_removals`); one in force per KEP. */
export function createMilestoneRemovalRepo(db: Db): MilestoneRemovalRepo {
  const insert = db.prepare(`INSERT INTO milestone_removals (release, kep_number, kep_path, sig, reason,
      removed_by, removed_at, board)
    VALUES (@release, @kepNumber, @kepPath, @sig, @reason, @removedBy, @removedAt, @board)
    ON CONFLICT (release, kep_path) WHERE undone_at IS NULL DO NOTHING`);
  const inForce = db.prepare<[string, string], RemovalRow>(
    'SELECT * FROM milestone_removals WHERE release = ? AND kep_path = ? AND undone_at IS NULL',
  );
  const undo = db.prepare<[string, string, number]>(
    'UPDATE milestone_removals SET undone_at = ?, undone_by = ? WHERE id = ? AND undone_at IS NULL',
  );
  const byId = db.prepare<[number], RemovalRow>('SELECT * FROM milestone_removals WHERE id = ?');
  const latest = db.prepare<[string], RemovalRow>(`SELECT * FROM milestone_removals r WHERE release = ?
    AND id = (SELECT max(id) FROM milestone_removals l WHERE l.release = r.release AND l.kep_path = r.kep_path)
    ORDER BY kep_number, kep_path`);
  const remove = db.transaction((removal: NewMilestoneRemoval) => {
    const result = storeRow(
      `removal of KEP-${removal.kepNumber} from ${removal.release}`,
      'a removal needs a release, a KEP number and path, a reason of 1 to 500 characters and who removed it',
      () => insert.run(removal),
    );
    const row = inForce.get(removal.release, removal.kepPath)!;
    return { removal: toRemoval(row), created: result.changes > 0 };
  });
  return {
    remove: (removal) => remove(removal),
    restore: (release, kepPath, by, at) => {
      const row = inForce.get(release, kepPath);
      if (!row || undo.run(at.toISOString(), by, row.id).changes === 0) return null;
      return toRemoval(byId.get(row.id)!);
    },
    inForce: (release, kepPath) => {
      const row = inForce.get(release, kepPath);
      return row ? toRemoval(row) : null;
    },
    latestByKep: (release) => latest.all(release).map(toRemoval),
  };
}
