import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrate } from '../../../src/db/migrate.ts';
import { type Db, openDatabase } from '../../../src/db/open.ts';

const appliedAt = () => new Date('2026-06-01T00:00:00Z');

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
  migrate(db, undefined, appliedAt);
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
