import type { ReleaseRecord, ReleaseRepo } from '../../ports/store.ts';
import type { Db } from '../open.ts';
import { fromJson, toJson } from './json-columns.ts';
import { StoreError } from './store-error.ts';

interface ReleaseRow {
  name: string;
  coding_period: string | null;
}

const releaseName = /^v\d+\.\d+$/;

/** Releases and which one is current (tables `releases`, `current_release`). */
export function createReleaseRepo(db: Db): ReleaseRepo {
  const upsert = db.prepare<[ReleaseRow]>(`INSERT INTO releases (name, coding_period)
    VALUES (@name, @coding_period)
    ON CONFLICT (name) DO UPDATE SET coding_period = excluded.coding_period`);
  const byName = db.prepare<[string], ReleaseRow>('SELECT * FROM releases WHERE name = ?');
  const all = db.prepare<[], ReleaseRow>(`SELECT * FROM releases ORDER BY
    CAST(substr(name, 2, instr(name, '.') - 2) AS INTEGER), CAST(substr(name, instr(name, '.') + 1) AS INTEGER)`);
  const setCurrent = db.prepare<[string]>(`INSERT INTO current_release (id, release) VALUES (1, ?)
    ON CONFLICT (id) DO UPDATE SET release = excluded.release`);
  const current = db.prepare<[], ReleaseRow>(
    'SELECT r.* FROM current_release c JOIN releases r ON r.name = c.release WHERE c.id = 1',
  );

  return {
    upsert: (release) => {
      upsert.run({ name: checkName(release.name), coding_period: codingPeriodJson(release) });
    },
    get: (name) => toRecord(byName.get(name.trim())),
    list: () => all.all().map((row) => toRecord(row)!),
    setCurrent: (name) => {
      if (!byName.get(name.trim()))
        throw new StoreError(`release "${name}" is not stored; store it (with its calendar) first`);
      setCurrent.run(name.trim());
    },
    getCurrent: () => toRecord(current.get()),
  };
}

function checkName(name: string): string {
  const trimmed = name.trim();
  if (!releaseName.test(trimmed))
    throw new StoreError(`release name "${name}" is not of the form vMAJOR.MINOR; write it like v1.37`);
  return trimmed;
}

function codingPeriodJson(release: ReleaseRecord): string | null {
  const period = release.codingPeriod;
  if (period === null || period === undefined) return null;
  if (typeof period !== 'object' || Array.isArray(period))
    throw new StoreError(`release ${release.name}: the coding period must be an object (start, increments…)`);
  return toJson(period);
}

function toRecord(row: ReleaseRow | undefined): ReleaseRecord | null {
  if (!row) return null;
  return {
    name: row.name,
    codingPeriod: row.coding_period === null ? null : fromJson<object>(row.coding_period),
  };
}
