import type { CalendarMilestone } from '../../domain/types.ts';
import type { CalendarChanges, MilestoneRepo, StoredMilestone } from '../../ports/store.ts';
import type { Db } from '../open.ts';
import { StoreError, storeRow } from './store-error.ts';

interface MilestoneColumns {
  release: string;
  name: string;
  occurrence: number;
  kind: CalendarMilestone['kind'];
  who: string | null;
  week: number | null;
  at: string | null;
  date: string | null;
  end_date: string | null;
  aoe: number;
  starts_at: string;
  position: number;
}

interface MilestoneRow extends MilestoneColumns {
  id: number;
}

const day = /^\d{4}-\d{2}-\d{2}$/;
const instantWithZone = /^\d{4}-\d{2}-\d{2}T.*(Z|[+-]\d{2}:?\d{2})$/i;

/** Release calendars (table `milestones`), keyed on (release, name) so ids survive re-imports. */
export function createMilestoneRepo(db: Db): MilestoneRepo {
  const releaseExists = db.prepare<[string], { name: string }>('SELECT name FROM releases WHERE name = ?');
  const byRelease = db.prepare<[string], MilestoneRow>(
    'SELECT * FROM milestones WHERE release = ? ORDER BY starts_at, position, id',
  );
  const byId = db.prepare<[number], MilestoneRow>('SELECT * FROM milestones WHERE id = ?');
  const upsert = db.prepare<[MilestoneColumns]>(`INSERT INTO milestones
      (release, name, occurrence, kind, who, week, at, date, end_date, aoe, starts_at, position)
    VALUES (@release, @name, @occurrence, @kind, @who, @week, @at, @date, @end_date, @aoe, @starts_at, @position)
    ON CONFLICT (release, name, occurrence) DO UPDATE SET kind = excluded.kind, who = excluded.who,
      week = excluded.week, at = excluded.at, date = excluded.date, end_date = excluded.end_date,
      aoe = excluded.aoe, starts_at = excluded.starts_at, position = excluded.position`);
  const remove = db.prepare<[number]>('DELETE FROM milestones WHERE id = ?');

  const replaceCalendar = db.transaction((release: string, milestones: CalendarMilestone[]) => {
    if (!releaseExists.get(release))
      throw new StoreError(`release "${release}" is not stored; store the release before its calendar`);
    const before = new Map(byRelease.all(release).map((row) => [keyOf(row), row]));
    const changes: CalendarChanges = { inserted: 0, changed: 0, unchanged: 0, removed: 0 };
    toColumns(release, milestones).forEach((row) => {
      const old = before.get(keyOf(row));
      before.delete(keyOf(row));
      if (old && sameColumns(old, row)) {
        changes.unchanged++;
        return;
      }
      storeRow(`calendar row ${row.position + 1} ("${row.name}")`, 'check its kind and dates', () =>
        upsert.run(row),
      );
      changes[old ? 'changed' : 'inserted']++;
    });
    for (const gone of before.values()) remove.run(gone.id);
    changes.removed = before.size;
    return changes;
  });

  return {
    replaceCalendar,
    listByRelease: (release) => byRelease.all(release).map(toStored),
    getById: (id) => {
      const row = byId.get(id);
      return row ? toStored(row) : null;
    },
  };
}

function keyOf(row: Pick<MilestoneColumns, 'name' | 'occurrence'>): string {
  return `${row.occurrence}\u0000${row.name}`;
}

/** Rows in calendar order; a name's second, third… appearance gets occurrence 1, 2… */
function toColumns(release: string, milestones: CalendarMilestone[]): MilestoneColumns[] {
  const seen = new Map<string, number>();
  return milestones.map((m, position) => {
    const name = (m.name ?? '').trim();
    const label = `calendar row ${position + 1} ("${name}")`;
    if (!name) throw new StoreError(`calendar row ${position + 1} has no name; every milestone needs one`);
    const occurrence = seen.get(name) ?? 0;
    seen.set(name, occurrence + 1);
    return {
      release,
      name,
      occurrence,
      kind: m.kind ?? null,
      who: m.who ?? null,
      week: m.week ?? null,
      at: m.at ?? null,
      date: m.date ?? null,
      end_date: checkDay(m.endDate ?? null, label, 'endDate'),
      aoe: m.aoe ? 1 : 0,
      starts_at: startsAt(m, label),
      position,
    };
  });
}

/** The instant a milestone sorts by: `at`, or `date` at 00:00 UTC. */
function startsAt(m: CalendarMilestone, label: string): string {
  const hasAt = (m.at ?? null) !== null;
  if (hasAt === ((m.date ?? null) !== null))
    throw new StoreError(`${label} needs exactly one of "at" (an instant) and "date" (a day)`);
  if (m.at !== null && m.at !== undefined) {
    const ms = instantWithZone.test(m.at) ? Date.parse(m.at) : Number.NaN;
    if (Number.isNaN(ms))
      throw new StoreError(`${label}: "at" is "${m.at}", not an ISO-8601 instant like 2025-10-17T12:00:00Z`);
    return new Date(ms).toISOString();
  }
  return `${checkDay(m.date ?? null, label, 'date')}T00:00:00.000Z`;
}

function checkDay(value: string | null, label: string, field: string): string | null {
  if (value === null) return null;
  const ms = day.test(value) ? Date.parse(`${value}T00:00:00Z`) : Number.NaN;
  const ok = !Number.isNaN(ms) && new Date(ms).toISOString().startsWith(value);
  if (!ok) throw new StoreError(`${label}: "${field}" is "${value}", not a real day written YYYY-MM-DD`);
  return value;
}

function sameColumns(row: MilestoneRow, next: MilestoneColumns): boolean {
  return (Object.keys(next) as (keyof MilestoneColumns)[]).every((k) => row[k] === next[k]);
}

function toStored(row: MilestoneRow): StoredMilestone {
  return {
    id: row.id,
    release: row.release,
    name: row.name,
    kind: row.kind,
    who: row.who,
    week: row.week,
    at: row.at,
    date: row.date,
    endDate: row.end_date,
    aoe: row.aoe === 1,
    startsAt: row.starts_at,
  };
}
