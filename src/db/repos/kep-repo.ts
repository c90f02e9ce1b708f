import type Database from 'better-sqlite3';
import type { Kep } from '../../domain/types.ts';
import type { KepFilter, KepRepo, KepUpsertResult, StoredKep } from '../../ports/store.ts';
import type { Db } from '../open.ts';
import { contentHash, fromJson, toJson } from './json-columns.ts';
import { StoreError, storeRow } from './store-error.ts';

interface KepColumns {
  path: string;
  number: number;
  title: string;
  owning_sig: string | null;
  status: Kep['status'];
  stage: Kep['stage'];
  latest_milestone: string | null;
  participating_sigs: string;
  milestones: string;
  prr_approvals: string;
  see_also: string;
  replaces: string;
  superseded_by: string;
  warnings: string;
  raw: string;
  content_hash: string;
}

interface KepRow extends KepColumns {
  first_seen_at: string;
  updated_at: string;
}

type Outcome = 'inserted' | 'changed' | 'unchanged';

/** Filter columns, in the order the query names them. */
const filterColumns = [
  ['owningSig', 'owning_sig = @owningSig'],
  ['latestMilestone', 'latest_milestone = @latestMilestone'],
  [
    'participatingSig',
    'EXISTS (SELECT 1 FROM json_each(keps.participating_sigs) WHERE value = @participatingSig)',
  ],
] as const;

/** KEPs keyed on their path (table `keps`); numbers are indexed but not unique. */
export function createKepRepo(db: Db): KepRepo {
  const hashOf = db.prepare<[string], { content_hash: string }>(
    'SELECT content_hash FROM keps WHERE path = ?',
  );
  const upsert = db.prepare<[KepColumns & { now: string }]>(`INSERT INTO keps
      (path, number, title, owning_sig, status, stage, latest_milestone, participating_sigs, milestones,
       prr_approvals, see_also, replaces, superseded_by, warnings, raw, content_hash, first_seen_at, updated_at)
    VALUES (@path, @number, @title, @owning_sig, @status, @stage, @latest_milestone, @participating_sigs,
       @milestones, @prr_approvals, @see_also, @replaces, @superseded_by, @warnings, @raw, @content_hash,
       @now, @now)
    ON CONFLICT (path) DO UPDATE SET number = excluded.number, title = excluded.title,
      owning_sig = excluded.owning_sig, status = excluded.status, stage = excluded.stage,
      latest_milestone = excluded.latest_milestone, participating_sigs = excluded.participating_sigs,
      milestones = excluded.milestones, prr_approvals = excluded.prr_approvals, see_also = excluded.see_also,
      replaces = excluded.replaces, superseded_by = excluded.superseded_by, warnings = excluded.warnings,
      raw = excluded.raw, content_hash = excluded.content_hash, updated_at = excluded.updated_at`);
  const byPath = db.prepare<[string], KepRow>('SELECT * FROM keps WHERE path = ?');
  const byNumber = db.prepare<[number], KepRow>('SELECT * FROM keps WHERE number = ? ORDER BY path');
  const listQueries = new Map<string, Database.Statement<[KepFilter], KepRow>>();

  /** One statement per combination of filters, prepared on first use, so each can use its index. */
  const listQuery = (filter: KepFilter) => {
    const used = filterColumns.filter(([key]) => filter[key] !== undefined);
    const cacheKey = used.map(([key]) => key).join(',');
    let statement = listQueries.get(cacheKey);
    if (!statement) {
      const where = used.length ? `WHERE ${used.map(([, sql]) => sql).join(' AND ')}` : '';
      statement = db.prepare<[KepFilter], KepRow>(`SELECT * FROM keps ${where} ORDER BY number, path`);
      listQueries.set(cacheKey, statement);
    }
    return statement;
  };

  const upsertMany = db.transaction((keps: Kep[], now: Date): KepUpsertResult => {
    const stamp = instant(now);
    const outcomes = new Map<string, Outcome>();
    for (const kep of keps) {
      const columns = toColumns(kep);
      const before = hashOf.get(columns.path);
      const outcome: Outcome = !before
        ? 'inserted'
        : before.content_hash === columns.content_hash
          ? 'unchanged'
          : 'changed';
      if (outcome !== 'unchanged')
        storeRow(
          `KEP ${columns.path}`,
          'check its number (a whole number ≥ 0), title, status and stage',
          () => upsert.run({ ...columns, now: stamp }),
        );
      const earlier = outcomes.get(columns.path);
      outcomes.set(columns.path, earlier && earlier !== 'unchanged' ? earlier : outcome);
    }
    const paths = (wanted: Outcome) => [...outcomes].filter(([, o]) => o === wanted).map(([path]) => path);
    return { inserted: paths('inserted'), changed: paths('changed'), unchanged: paths('unchanged') };
  });

  return {
    upsertMany,
    getByPath: (path) => {
      const row = byPath.get(path);
      return row ? toStored(row) : null;
    },
    findByNumber: (number) => byNumber.all(number).map(toStored),
    list: (filter = {}) => listQuery(filter).all(pickFilter(filter)).map(toStored),
  };
}

function instant(now: Date): string {
  if (!(now instanceof Date) || Number.isNaN(now.getTime()))
    throw new StoreError('KEP upsert needs `now` as a valid Date (the sync time); nothing was stored');
  return now.toISOString();
}

function pickFilter(filter: KepFilter): KepFilter {
  return Object.fromEntries(
    filterColumns.filter(([key]) => filter[key] !== undefined).map(([key]) => [key, filter[key]]),
  );
}

/** Only the fields of `Kep`, so extra properties on the input never count as a change. */
function pickKep(kep: Kep): Kep {
  if (typeof kep?.path !== 'string' || kep.path.trim() === '')
    throw new StoreError('a KEP without a path cannot be stored; its path (keps/<sig>/<dir>) is its key');
  return {
    path: kep.path,
    number: kep.number,
    title: kep.title,
    owningSig: kep.owningSig ?? null,
    participatingSigs: kep.participatingSigs ?? [],
    status: kep.status ?? null,
    stage: kep.stage ?? null,
    latestMilestone: kep.latestMilestone ?? null,
    milestones: kep.milestones ?? {},
    prrApprovals: kep.prrApprovals ?? {},
    seeAlso: kep.seeAlso ?? [],
    replaces: kep.replaces ?? [],
    supersededBy: kep.supersededBy ?? [],
    warnings: kep.warnings ?? [],
    raw: kep.raw ?? {},
  };
}

function toColumns(input: Kep): KepColumns {
  const kep = pickKep(input);
  return {
    path: kep.path,
    number: kep.number,
    title: kep.title,
    owning_sig: kep.owningSig,
    status: kep.status,
    stage: kep.stage,
    latest_milestone: kep.latestMilestone,
    participating_sigs: toJson(kep.participatingSigs),
    milestones: toJson(kep.milestones),
    prr_approvals: toJson(kep.prrApprovals),
    see_also: toJson(kep.seeAlso),
    replaces: toJson(kep.replaces),
    superseded_by: toJson(kep.supersededBy),
    warnings: toJson(kep.warnings),
    raw: toJson(kep.raw),
    content_hash: contentHash(kep),
  };
}

function toStored(row: KepRow): StoredKep {
  return {
    path: row.path,
    number: row.number,
    title: row.title,
    owningSig: row.owning_sig,
    participatingSigs: fromJson(row.participating_sigs),
    status: row.status,
    stage: row.stage,
    latestMilestone: row.latest_milestone,
    milestones: fromJson(row.milestones),
    prrApprovals: fromJson(row.prr_approvals),
    seeAlso: fromJson(row.see_also),
    replaces: fromJson(row.replaces),
    supersededBy: fromJson(row.superseded_by),
    warnings: fromJson(row.warnings),
    raw: fromJson(row.raw),
    firstSeenAt: row.first_seen_at,
    updatedAt: row.updated_at,
  };
}
