import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createStore } from '../../src/db/create-store.ts';
import { migrate, readMigrations } from '../../src/db/migrate.ts';
import { type Db, openDatabase } from '../../src/db/open.ts';
import { createKepRepo } from '../../src/db/repos/kep-repo.ts';
import type { Kep } from '../../src/domain/types.ts';
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

export interface OlderDatabase {
  db: Db;
  /** Records status updates as plain rows: the repos of this version may read tables the older schema lacks. */
  statusUpdates: Pick<Store['statusUpdates'], 'record'>;
  /** Applies the remaining migrations and returns a Store over the result. */
  migrateRest: () => Store;
  cleanup: () => void;
}

/** A database FILE migrated only below migration `version`, with these KEPs stored: for testing what a migration fills in. */
export function olderDatabase(version: number, keps: Kep[]): OlderDatabase {
  const { dir, cleanup } = tempDir();
  const db = openDatabase(join(dir, 'drumbeat.db'));
  const all = readMigrations();
  migrate(
    db,
    all.filter((m) => m.version < version),
    () => appliedAt,
  );
  createKepRepo(db).upsertMany(keps, new Date('2025-09-01T00:00:00Z'));
  const insert = db.prepare(`INSERT INTO status_updates (kep_path, kep_number, sig, release, state,
    confidence, increment, note, author_slack, author_github, source, idempotency_key, created_at)
    VALUES (@kepPath, @kepNumber, @sig, @release, @state, @confidence, @increment, @note,
    @authorSlack, @authorGithub, @source, @idempotencyKey, @createdAt)`);
  return {
    db,
    statusUpdates: { record: (u) => insert.run(u) as never },
    migrateRest: () => {
      migrate(db, all, () => appliedAt);
      return createStore(db);
    },
    cleanup: () => {
      db.close();
      cleanup();
    },
  };
}
