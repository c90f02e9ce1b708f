import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultMigrationsDir, type Migration, migrate, readMigrations } from '../../../src/db/migrate.ts';
import { type Db, openDatabase } from '../../../src/db/open.ts';

const appliedAt = () => new Date('2026-06-01T00:00:00Z');

/**
 * The repo's migrations; if a version is missing while another engineer writes it, a copy of the
 * folder with an empty stub in the gap (never written into the repo).
 */
function migrations(scratch: string): Migration[] {
  try {
    return readMigrations(defaultMigrationsDir);
  } catch {
    const dir = join(scratch, 'migrations');
    rmSync(dir, { recursive: true, force: true });
    const files = readdirSync(defaultMigrationsDir).filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f));
    if (files.length === 0) throw new Error(`no migrations in ${defaultMigrationsDir}`);
    mkdirSync(dir);
    for (const f of files) copyFileSync(join(defaultMigrationsDir, f), join(dir, f));
    const max = Math.max(...files.map((f) => Number(f.slice(0, 4))));
    for (let v = 1; v <= max; v++) {
      const prefix = String(v).padStart(4, '0');
      if (!files.some((f) => f.startsWith(prefix)))
        writeFileSync(join(dir, `${prefix}_stub.sql`), 'SELECT 1;\n');
    }
    return readMigrations(dir);
  }
}

/** A migrated SQLite FILE in a temp dir; `open` gives more connections (a "restarted" process). */
export interface OutboxDb {
  file: string;
  db: Db;
  open(): Db;
  cleanup(): void;
}

export function tempOutboxDb(): OutboxDb {
  const dir = mkdtempSync(join(tmpdir(), 'drumbeat-outbox-'));
  const file = join(dir, 'drumbeat.db');
  const db = openDatabase(file);
  migrate(db, migrations(dir), appliedAt);
  const connections: Db[] = [db];
  return {
    file,
    db,
    open: () => {
      const other = openDatabase(file);
      connections.push(other);
      return other;
    },
    cleanup: () => {
      for (const c of connections) if (c.open) c.close();
      if (existsSync(dir)) rmSync(dir, { recursive: true, force: true });
    },
  };
}
