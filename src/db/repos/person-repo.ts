import type { Person } from '../../domain/types.ts';
import type { PersonRecord, PersonRepo, UpsertCounts } from '../../ports/store.ts';
import type { Db } from '../open.ts';
import { normalizeLogin } from './github-login.ts';
import { StoreError, storeRow } from './store-error.ts';

interface PersonRow {
  github: string;
  slack: string | null;
  timezone: string;
  quiet_from: string | null;
  quiet_to: string | null;
  quiet_weekends: number | null;
  ooo_until: string | null;
}

type PersonColumns = Omit<PersonRow, 'ooo_until'>;

/** People: GitHub login ↔ Slack user, quiet hours, and out-of-office (table `people`). */
export function createPersonRepo(db: Db): PersonRepo {
  const upsert = db.prepare<[PersonColumns]>(`INSERT INTO people
      (github, slack, timezone, quiet_from, quiet_to, quiet_weekends)
    VALUES (@github, @slack, @timezone, @quiet_from, @quiet_to, @quiet_weekends)
    ON CONFLICT (github) DO UPDATE SET github = excluded.github, slack = excluded.slack,
      timezone = excluded.timezone, quiet_from = excluded.quiet_from, quiet_to = excluded.quiet_to,
      quiet_weekends = excluded.quiet_weekends`);
  const byGithub = db.prepare<[string], PersonRow>('SELECT * FROM people WHERE github = ?');
  const bySlack = db.prepare<[string], PersonRow>('SELECT * FROM people WHERE slack = ?');
  const all = db.prepare<[], PersonRow>('SELECT * FROM people ORDER BY github');
  const setOoo = db.prepare<[string | null, string]>('UPDATE people SET ooo_until = ? WHERE github = ?');
  // A Slack user moves to another login (or one account to another): the old holder lets go first.
  const release = db.prepare<[string, string]>(
    'UPDATE people SET slack = NULL WHERE slack = ? AND github <> ?',
  );

  const upsertMany = db.transaction((people: Person[]): UpsertCounts => {
    const counts = { inserted: 0, changed: 0, unchanged: 0 };
    const claimed = new Set<string>();
    for (const person of people) {
      const row = toColumns(person);
      const before = byGithub.get(row.github);
      // Two people of one batch with one Slack id stay an error (the UNIQUE constraint says so).
      const taken = row.slack !== null && claimed.has(row.slack);
      if (row.slack !== null) claimed.add(row.slack);
      if (before && sameColumns(before, row)) {
        counts.unchanged++;
        continue;
      }
      if (row.slack !== null && !taken) release.run(row.slack, row.github);
      storeRow(
        `person "${row.github}"`,
        'each person needs a GitHub login and a time zone, a Slack user id used by no one else, and quiet hours as HH:MM',
        () => upsert.run(row),
      );
      counts[before ? 'changed' : 'inserted']++;
    }
    return counts;
  });

  return {
    upsertMany,
    getByGithub: (github) => toRecord(byGithub.get(normalizeLogin(github))),
    getBySlackId: (slack) => toRecord(bySlack.get(slack.trim())),
    list: () => all.all().map((row) => toRecord(row)!),
    setOutOfOffice: (github, until) =>
      setOoo.run(until === null ? null : toInstant(until), normalizeLogin(github)).changes > 0,
  };
}

function toColumns(person: Person): PersonColumns {
  const quiet = person.quietHours;
  return {
    github: normalizeLogin(person.github),
    slack: person.slack?.trim() || null,
    timezone: person.timezone,
    quiet_from: quiet?.from ?? null,
    quiet_to: quiet?.to ?? null,
    quiet_weekends: quiet ? Number(quiet.weekends) : null,
  };
}

function sameColumns(row: PersonRow, next: PersonColumns): boolean {
  return (Object.keys(next) as (keyof PersonColumns)[]).every((k) => row[k] === next[k]);
}

function toRecord(row: PersonRow | undefined): PersonRecord | null {
  if (!row) return null;
  const quiet =
    row.quiet_from !== null && row.quiet_to !== null
      ? { from: row.quiet_from, to: row.quiet_to, weekends: row.quiet_weekends === 1 }
      : null;
  return {
    github: row.github,
    slack: row.slack,
    timezone: row.timezone,
    quietHours: quiet,
    outOfOfficeUntil: row.ooo_until,
  };
}

/** An ISO-8601 instant with a zone, normalised to `…Z`; anything else is refused. */
function toInstant(text: string): string {
  const ms = /(Z|[+-]\d{2}:?\d{2})$/i.test(text.trim()) ? Date.parse(text.trim()) : Number.NaN;
  if (Number.isNaN(ms))
    throw new StoreError(
      `out-of-office "${text}" is not an ISO-8601 instant with a zone; give one like 2026-07-01T00:00:00Z`,
    );
  return new Date(ms).toISOString();
}
