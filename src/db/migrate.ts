import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Db } from './open.ts';

export const defaultMigrationsDir = fileURLToPath(new URL('../../migrations/', import.meta.url));

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
 */
export function migrate(db: Db, migrations: Migration[] = readMigrations()): MigrateResult {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    checksum TEXT NOT NULL,
    applied_at TEXT NOT NULL
  ) STRICT`);
  const done = new Map(
    (
      db.prepare('SELECT version, name, checksum FROM schema_migrations').all() as {
        version: number;
        name: string;
        checksum: string;
      }[]
    ).map((r) => [r.version, r]),
  );
  for (const m of migrations) {
    const row = done.get(m.version);
    if (row && row.checksum !== m.checksum) {
      throw new MigrationError(
        `migration ${String(m.version).padStart(4, '0')}_${m.name}.sql was changed after it was applied to this database; ` +
          'restore the shipped file and put the change in a new migration',
      );
    }
  }
  const latestKnown = migrations.at(-1)?.version ?? 0;
  const newest = Math.max(0, ...done.keys());
  if (newest > latestKnown) {
    throw new MigrationError(
      `this database is at migration ${newest}, newer than this build knows (${latestKnown}); run a newer drumbeat`,
    );
  }
  const record = db.prepare(
    'INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)',
  );
  const applied: Migration[] = [];
  for (const m of migrations) {
    if (done.has(m.version)) continue;
    db.transaction(() => {
      db.exec(m.sql);
      record.run(m.version, m.name, m.checksum, new Date().toISOString());
    })();
    applied.push(m);
  }
  return { applied, current: latestKnown };
}

function sha256(text: string): string {
  return createHash('sha256').update(text.replace(/\r\n/g, '\n')).digest('hex');
}
