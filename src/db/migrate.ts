import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Db } from './open.ts';

/**
 * The folder with package.json above `file`. Run as src/db/migrate.ts, as dist/db/migrate.js or
 * bundled into dist/main.js or a chunk of it, this module finds the same package root.
 */
function packageRoot(file: string): string {
  for (let dir = dirname(file); dirname(dir) !== dir; dir = dirname(dir))
    if (existsSync(join(dir, 'package.json'))) return dir;
  throw new Error(`${file}: no package.json in any folder above it`);
}

export const defaultMigrationsDir = join(packageRoot(fileURLToPath(import.meta.url)), 'migrations');

export interface Migration {
  version: number;
  name: string;
  sql: string;
  checksum: string;
}

export class MigrationError extends Error {
  readonly code = 'drumbeat_migration_error';
}

const fileName = /^(\d{4})_([a-z0-9_]+)\.sql$/;

/** Reads `NNNN_name.sql` files in version order; anything else in the folder is an error. */
export function readMigrations(dir: string = defaultMigrationsDir): Migration[] {
  const files = readdirSync(dir).filter((f) => !f.startsWith('.'));
  const migrations = files.map((file) => {
    const match = fileName.exec(file);
    if (!match)
      throw new MigrationError(
        `${dir}/${file}: migration files are named NNNN_name.sql (e.g. 0003_votes.sql)`,
      );
    const sql = readFileSync(`${dir}/${file}`, 'utf8');
    return { version: Number(match[1]), name: match[2]!, sql, checksum: sha256(sql) };
  });
  migrations.sort((a, b) => a.version - b.version);
  migrations.forEach((m, i) => {
    if (m.version !== i + 1)
      throw new MigrationError(
        `migration versions must run 1, 2, 3… without gaps or repeats; found ${m.version} at position ${i + 1}`,
      );
  });
  if (migrations.length === 0) throw new MigrationError(`no migrations found in ${dir}`);
  return migrations;
}

export interface MigrateResult {
  applied: Migration[];
  current: number;
}

/**
 * Applies pending migrations in order, each in its own transaction, and records them.
 * A migration that was applied and then edited is refused: ship a new migration instead.
 * `now` stamps `applied_at`. Each migration takes the write lock first and re-checks that it is
 * still pending, so two processes migrating the same file at once apply it only once.
 */
export function migrate(
  db: Db,
  migrations: Migration[] = readMigrations(),
  now: () => Date = () => new Date(),
): MigrateResult {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    checksum TEXT NOT NULL,
    applied_at TEXT NOT NULL
  ) STRICT`);
  const done = new Map(appliedRows(db).map((r) => [r.version, r]));
  checkApplied(done, migrations);
  const latestKnown = migrations.at(-1)?.version ?? 0;
  const appliedChecksum = db.prepare('SELECT checksum FROM schema_migrations WHERE version = ?').pluck();
  const record = db.prepare(
    'INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)',
  );
  const applied: Migration[] = [];
  for (const m of migrations) {
    if (done.has(m.version)) continue;
    const ran = db
      .transaction(() => {
        const checksum = appliedChecksum.get(m.version);
        if (checksum !== undefined) {
          if (checksum !== m.checksum) throw editedError(m);
          return false;
        }
        runSql(db, m);
        record.run(m.version, m.name, m.checksum, now().toISOString());
        return true;
      })
      .immediate();
    if (ran) applied.push(m);
  }
  return { applied, current: latestKnown };
}

/** One applied migration as `schema_migrations` records it. */
export interface AppliedMigration {
  version: number;
  name: string;
  checksum: string;
  appliedAt: string;
}

export interface MigrationStatus {
  applied: AppliedMigration[];
  pending: Migration[];
  /** The highest applied version, 0 for a database never migrated. */
  current: number;
  /** Problems `migrate` would refuse with (an edited migration, a database from a newer build). */
  problems: string[];
}

/** What `migrate` would do, without changing anything (not even creating its table). */
export function migrationStatus(db: Db, migrations: Migration[] = readMigrations()): MigrationStatus {
  const hasTable = db
    .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'")
    .pluck()
    .get();
  const rows = hasTable ? appliedRows(db) : [];
  const done = new Map(rows.map((r) => [r.version, r]));
  const problems: string[] = [];
  try {
    checkApplied(done, migrations);
  } catch (error) {
    problems.push((error as Error).message);
  }
  return {
    applied: rows.map((r) => ({
      version: r.version,
      name: r.name,
      checksum: r.checksum,
      appliedAt: r.applied_at,
    })),
    pending: migrations.filter((m) => !done.has(m.version)),
    current: Math.max(0, ...done.keys()),
    problems,
  };
}

interface AppliedRow {
  version: number;
  name: string;
  checksum: string;
  applied_at: string;
}

function appliedRows(db: Db): AppliedRow[] {
  return db
    .prepare('SELECT version, name, checksum, applied_at FROM schema_migrations ORDER BY version')
    .all() as AppliedRow[];
}

/** Refuses an applied migration whose file changed, and a database newer than this build. */
function checkApplied(done: Map<number, AppliedRow>, migrations: Migration[]): void {
  for (const m of migrations) {
    const row = done.get(m.version);
    if (row && row.checksum !== m.checksum) throw editedError(m);
  }
  const latestKnown = migrations.at(-1)?.version ?? 0;
  const newest = Math.max(0, ...done.keys());
  if (newest > latestKnown) {
    throw new MigrationError(
      `this database is at migration ${newest}, newer than this build knows (${latestKnown}); run a newer drumbeat`,
    );
  }
}

function runSql(db: Db, m: Migration): void {
  try {
    db.exec(m.sql);
  } catch (error) {
    throw new MigrationError(
      `migration ${String(m.version).padStart(4, '0')}_${m.name}.sql failed, so none of it was applied: ` +
        `${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
}

function editedError(m: Migration): MigrationError {
  return new MigrationError(
    `migration ${String(m.version).padStart(4, '0')}_${m.name}.sql was changed after it was applied to this database; ` +
      'restore the shipped file and put the change in a new migration',
  );
}

function sha256(text: string): string {
  return createHash('sha256').update(text.replace(/\r\n/g, '\n')).digest('hex');
}
