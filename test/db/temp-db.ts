import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createStore } from '../../src/db/create-store.ts';
import { migrate } from '../../src/db/migrate.ts';
import { type Db, openDatabase } from '../../src/db/open.ts';
import type { Store } from '../../src/ports/store.ts';

export const appliedAt = new Date('2026-06-01T09:00:00Z');

/** A temp folder removed (with everything in it) by `cleanup`. */
export function tempDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'drumbeat-db-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface TempStore {
  file: string;
  db: Db;
  store: Store;
  /** Another connection to the same file, closed by `cleanup`. */
  reopen: () => { db: Db; store: Store };
  cleanup: () => void;
}

/** A migrated database FILE in a temp dir, with the real migrations, and a Store over it. */
export function tempStore(): TempStore {
  const { dir, cleanup } = tempDir();
  const file = join(dir, 'drumbeat.db');
  const db = openDatabase(file);
  migrate(db, undefined, () => appliedAt);
  const others: Db[] = [];
  return {
    file,
    db,
    store: createStore(db),
    reopen: () => {
      const other = openDatabase(file);
      others.push(other);
      return { db: other, store: createStore(other) };
    },
    cleanup: () => {
      for (const other of others) other.close();
      db.close();
      cleanup();
    },
  };
}
