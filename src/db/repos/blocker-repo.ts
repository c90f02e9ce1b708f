import type { Blocker } from '../../domain/status.ts';
import type { BlockerRef } from '../../domain/status-command.ts';
import type { BlockerRepo, NewBlocker } from '../../ports/store.ts';
import type { Db } from '../open.ts';
import { storeRow } from './store-error.ts';

export interface BlockerRow {
  id: number;
  kep_path: string;
  kep_number: number;
  sig: string;
  release: string;
  target_type: BlockerRef['type'];
  target: string;
  opened_by: string;
  opened_at: string;
  opened_by_update: number | null;
  closed_at: string | null;
  closed_by: string | null;
  close_reason: string | null;
}

/** Blockers (table `blockers`): at most one open blocker per KEP, release and target. */
export function createBlockerRepo(db: Db): BlockerRepo {
  const findOpen = db.prepare<[string, string, string, string], BlockerRow>(`SELECT * FROM blockers
    WHERE kep_path = ? AND release = ? AND target_type = ? AND lower(target) = lower(?) AND closed_at IS NULL`);
  const insert = db.prepare(`INSERT INTO blockers
      (kep_path, kep_number, sig, release, target_type, target, opened_by, opened_at, opened_by_update)
    VALUES (@kepPath, @kepNumber, @sig, @release, @targetType, @target, @openedBy, @openedAt, @openedByUpdate)`);
  const byId = db.prepare<[number], BlockerRow>('SELECT * FROM blockers WHERE id = ?');
  const close = db.prepare<[string, string, string, number]>(
    'UPDATE blockers SET closed_at = ?, closed_by = ?, close_reason = ? WHERE id = ? AND closed_at IS NULL',
  );
  const openInRelease = db.prepare<[string], BlockerRow>(
    'SELECT * FROM blockers WHERE release = ? AND closed_at IS NULL ORDER BY opened_at, id',
  );
  const openOfKep = db.prepare<[string, string], BlockerRow>(
    'SELECT * FROM blockers WHERE release = ? AND kep_path = ? AND closed_at IS NULL ORDER BY opened_at, id',
  );

  const open = db.transaction((blocker: NewBlocker) => {
    const [targetType, target] = targetColumns(blocker.target);
    const existing = findOpen.get(blocker.kepPath, blocker.release, targetType, target);
    if (existing) return { blocker: toBlocker(existing), created: false };
    const { lastInsertRowid } = storeRow(
      `blocker of ${blocker.kepPath} on ${target}`,
      'a blocker needs a known KEP and a target of at most 200 characters',
      () => insert.run({ ...blocker, targetType, target }),
    );
    return { blocker: toBlocker(byId.get(Number(lastInsertRowid))!), created: true };
  });

  return {
    open,
    close: (id, by, reason, now) => {
      close.run(now.toISOString(), by, reason, id);
      const row = byId.get(id);
      return row ? toBlocker(row) : null;
    },
    get: (id) => {
      const row = byId.get(id);
      return row ? toBlocker(row) : null;
    },
    listOpen: ({ release, kepPath }) =>
      (kepPath === undefined ? openInRelease.all(release) : openOfKep.all(release, kepPath)).map(toBlocker),
  };
}

function targetColumns(target: BlockerRef): [BlockerRef['type'], string] {
  if (target.type === 'kep') return ['kep', String(target.kep)];
  return target.type === 'sig' ? ['sig', target.sig] : ['party', target.name];
}

export function toBlocker(row: BlockerRow): Blocker {
  const target: BlockerRef =
    row.target_type === 'kep'
      ? { type: 'kep', kep: Number(row.target) }
      : row.target_type === 'sig'
        ? { type: 'sig', sig: row.target }
        : { type: 'party', name: row.target };
  return {
    id: row.id,
    kepPath: row.kep_path,
    kepNumber: row.kep_number,
    sig: row.sig,
    release: row.release,
    target,
    openedBy: row.opened_by,
    openedAt: row.opened_at,
    openedByUpdate: row.opened_by_update,
    closedAt: row.closed_at,
    closedBy: row.closed_by,
    closeReason: row.close_reason,
  };
}
