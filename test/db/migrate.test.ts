import { copyFileSync, mkdirSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  defaultMigrationsDir,
  MigrationError,
  migrate,
  migrationStatus,
  readMigrations,
} from '../../src/db/migrate.ts';
import { type Db, openDatabase } from '../../src/db/open.ts';
import { appliedAt, tempDir } from './temp-db.ts';

const coreTables = ['current_release', 'keps', 'milestones', 'people', 'releases', 'sig_roles', 'sigs'];
const now = () => appliedAt;

let cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.reverse()) c();
  cleanups = [];
});

function freshDb(): { db: Db; dir: string; file: string } {
  const { dir, cleanup } = tempDir();
  const file = join(dir, 'drumbeat.db');
  const db = openDatabase(file);
  cleanups.push(cleanup, () => db.close());
  return { db, dir, file };
}

/** The shipped migrations copied into a temp folder the test may edit. */
function copiedMigrations(dir: string): string {
  const target = join(dir, 'migrations');
  mkdirSync(target);
  for (const f of readdirSync(defaultMigrationsDir))
    copyFileSync(join(defaultMigrationsDir, f), join(target, f));
  return target;
}

function tableNames(db: Db): string[] {
  return db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .pluck()
    .all() as string[];
}

describe('migrate', () => {
  it('applies every shipped migration to an empty database file, in order', () => {
    const { db } = freshDb();
    const shipped = readMigrations();
    const result = migrate(db, shipped, now);
    expect(result.applied.map((m) => m.version)).toEqual(shipped.map((_, i) => i + 1));
    expect(result.current).toBe(shipped.length);
    expect(tableNames(db)).toEqual(expect.arrayContaining([...coreTables, 'schema_migrations']));
    const recorded = db
      .prepare('SELECT version, name, applied_at FROM schema_migrations ORDER BY version')
      .all();
    expect(recorded[0]).toEqual({ version: 1, name: 'core', applied_at: '2026-06-01T09:00:00.000Z' });
    expect(recorded).toHaveLength(shipped.length);
  });

  it('applies nothing when run again', () => {
    const { db } = freshDb();
    migrate(db, readMigrations(), now);
    const again = migrate(db, readMigrations(), now);
    expect(again.applied).toEqual([]);
    expect(again.current).toBe(readMigrations().length);
  });

  it('refuses a migration that was edited after it was applied, and changes nothing', () => {
    const { db, dir } = freshDb();
    const folder = copiedMigrations(dir);
    migrate(db, readMigrations(folder), now);
    writeFileSync(join(folder, '0001_core.sql'), '-- edited\nCREATE TABLE sneaky (x TEXT) STRICT;\n', {
      flag: 'a',
    });
    expect(() => migrate(db, readMigrations(folder), now)).toThrow(MigrationError);
    expect(() => migrate(db, readMigrations(folder), now)).toThrow(
      /0001_core\.sql was changed after it was applied.*new migration/,
    );
    expect(tableNames(db)).not.toContain('sneaky');
    expect(migrationStatus(db, readMigrations(folder)).problems).toEqual([
      expect.stringMatching(/0001_core\.sql was changed/),
    ]);
  });

  it('refuses a folder with a gap in the versions', () => {
    const { dir } = freshDb();
    const folder = copiedMigrations(dir);
    const count = readMigrations(folder).length;
    writeFileSync(join(folder, `${String(count + 2).padStart(4, '0')}_later.sql`), 'SELECT 1;');
    expect(() => readMigrations(folder)).toThrow(/without gaps or repeats/);
  });

  it('refuses a file that is not named NNNN_name.sql', () => {
    const { dir } = freshDb();
    const folder = copiedMigrations(dir);
    renameSync(join(folder, '0001_core.sql'), join(folder, '1_core.sql'));
    expect(() => readMigrations(folder)).toThrow(/named NNNN_name\.sql/);
  });

  it('applies a new migration added later, and only that one', () => {
    const { db, dir } = freshDb();
    const folder = copiedMigrations(dir);
    migrate(db, readMigrations(folder), now);
    const next = readMigrations(folder).length + 1;
    writeFileSync(
      join(folder, `${String(next).padStart(4, '0')}_extra.sql`),
      'CREATE TABLE extra (x TEXT) STRICT;',
    );
    expect(migrationStatus(db, readMigrations(folder)).pending.map((m) => m.name)).toEqual(['extra']);
    const result = migrate(db, readMigrations(folder), now);
    expect(result.applied.map((m) => m.name)).toEqual(['extra']);
    expect(result.current).toBe(next);
    expect(migrationStatus(db, readMigrations(folder)).pending).toEqual([]);
  });

  it('rolls back a migration that fails half way and names it', () => {
    const { db, dir } = freshDb();
    const folder = copiedMigrations(dir);
    migrate(db, readMigrations(folder), now);
    const next = readMigrations(folder).length + 1;
    const name = `${String(next).padStart(4, '0')}_broken.sql`;
    writeFileSync(join(folder, name), 'CREATE TABLE half (x TEXT) STRICT;\nINSERT INTO nowhere VALUES (1);');
    expect(() => migrate(db, readMigrations(folder), now)).toThrow(
      /_broken\.sql failed, so none of it was applied/,
    );
    expect(tableNames(db)).not.toContain('half');
    expect(migrationStatus(db, readMigrations(folder)).pending.map((m) => m.name)).toEqual(['broken']);
  });

  it('refuses a database migrated by a newer build', () => {
    const { db } = freshDb();
    migrate(db, readMigrations(), now);
    db.prepare("INSERT INTO schema_migrations VALUES (999, 'future', 'x', '2030-01-01T00:00:00Z')").run();
    expect(() => migrate(db, readMigrations(), now)).toThrow(/newer than this build knows/);
  });

  it('reports status without creating anything on a never-migrated database', () => {
    const { db } = freshDb();
    const status = migrationStatus(db);
    expect(status.current).toBe(0);
    expect(status.applied).toEqual([]);
    expect(status.pending.map((m) => m.version)).toEqual(readMigrations().map((m) => m.version));
    expect(tableNames(db)).toEqual([]);
  });
});

describe('0013_outbox_expiry', () => {
  it('keeps every outbox row through the table rebuild, first due at its not_before', () => {
    const { db } = freshDb();
    const shipped = readMigrations();
    migrate(db, shipped.slice(0, 12), now);
    db.prepare(`INSERT INTO slack_outbox (key, lane, kind, channel, payload, status, not_before, created_at, updated_at)
      VALUES ('old:1', 'scheduled', 'post', 'C1', '{"text":"x"}', 'pending', '2026-06-01T10:00:00.000Z',
        '2026-06-01T09:00:00.000Z', '2026-06-01T09:00:00.000Z')`).run();
    migrate(db, shipped, now);
    const row = db.prepare('SELECT key, status, due_at, expires_at, conversation FROM slack_outbox').get();
    expect(row).toEqual({
      key: 'old:1',
      status: 'pending',
      due_at: '2026-06-01T10:00:00.000Z',
      expires_at: null,
      conversation: 'C1||',
    });
    const next = db
      .prepare(`INSERT INTO slack_outbox (key, lane, kind, channel, payload, not_before, due_at, created_at, updated_at)
      VALUES ('new:1', 'scheduled', 'post', 'C1', '{}', 'x', 'x', 'x', 'x') RETURNING id`)
      .get() as { id: number };
    expect(next.id).toBe(2);
  });
});

describe('openDatabase', () => {
  it('turns on WAL, foreign keys and a busy timeout', () => {
    const { db } = freshDb();
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
  });

  it('enforces foreign keys on the migrated schema', () => {
    const { db } = freshDb();
    migrate(db, readMigrations(), now);
    const orphan = db.prepare(`INSERT INTO milestones (release, name, kind, at, aoe, starts_at, position)
      VALUES ('v9.99', 'x', NULL, '2025-01-01T00:00:00Z', 0, '2025-01-01T00:00:00.000Z', 0)`);
    expect(() => orphan.run()).toThrow(/FOREIGN KEY constraint failed/);
  });
});
