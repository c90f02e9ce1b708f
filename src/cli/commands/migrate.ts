import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  type Migration,
  type MigrationStatus,
  migrate,
  migrationStatus,
  readMigrations,
} from '../../db/migrate.ts';
import { type Db, openDatabase } from '../../db/open.ts';
import type { CliCommand, CliIo } from '../io.ts';

const usage = `Usage: drumbeat migrate [--db FILE] [--status]

Brings the database up to date: applies the migrations it has not seen yet, in order, each in its
own transaction, and prints what it applied and the version it is now at.

Options:
  --db FILE   the SQLite database (default: $DRUMBEAT_DB, else ./drumbeat.db); created when missing
  --status    list applied and pending migrations and change nothing`;

/** `drumbeat migrate`: applies pending migrations, or with `--status` lists them. */
export const migrateCommand: CliCommand = {
  name: 'migrate',
  summary: 'create or update the database (--status: show applied and pending migrations)',
  usage,
  run: async (args, io) => {
    const options = parseOptions(args, io);
    if (!options) return 2;
    const file = resolve(io.cwd, options.db ?? (io.env.DRUMBEAT_DB || './drumbeat.db'));
    try {
      const migrations = readMigrations();
      return options.status ? showStatus(file, migrations, io) : applyPending(file, migrations, io);
    } catch (error) {
      io.stderr(`drumbeat migrate: ${error instanceof Error ? error.message : String(error)}\n`);
      return 1;
    }
  },
};

function parseOptions(args: string[], io: CliIo): { db?: string; status: boolean } | null {
  try {
    const { values } = parseArgs({
      args,
      options: { db: { type: 'string' }, status: { type: 'boolean', default: false } },
      strict: true,
      allowPositionals: false,
    });
    if (values.db === '') throw new Error('--db needs a file name');
    return { db: values.db, status: values.status ?? false };
  } catch (error) {
    io.stderr(`drumbeat migrate: ${error instanceof Error ? error.message : String(error)}\n\n${usage}\n`);
    return null;
  }
}

function applyPending(file: string, migrations: Migration[], io: CliIo): number {
  const { applied, current } = withDatabase(file, (db) => migrate(db, migrations));
  io.stdout(`Database: ${file}\n`);
  for (const m of applied) io.stdout(`Applied ${fileName(m)}\n`);
  io.stdout(
    applied.length
      ? `Now at version ${current}.\n`
      : `Nothing to apply; the database is at version ${current}.\n`,
  );
  return 0;
}

function showStatus(file: string, migrations: Migration[], io: CliIo): number {
  io.stdout(`Database: ${file}\n`);
  if (!existsSync(file)) {
    for (const m of migrations) io.stdout(`  pending  ${fileName(m)}\n`);
    io.stdout(`No database there yet; \`drumbeat migrate\` creates it and applies ${migrations.length}.\n`);
    return 0;
  }
  const status = withDatabase(file, (db) => migrationStatus(db, migrations));
  io.stdout(statusLines(status));
  for (const problem of status.problems) io.stderr(`drumbeat migrate: ${problem}\n`);
  return status.problems.length ? 1 : 0;
}

function statusLines(status: MigrationStatus): string {
  const lines = [
    ...status.applied.map((m) => `  applied  ${fileName(m)}  (${m.appliedAt})`),
    ...status.pending.map((m) => `  pending  ${fileName(m)}`),
  ];
  const summary = status.pending.length
    ? `At version ${status.current}; ${status.pending.length} pending: run \`drumbeat migrate\` to apply.`
    : `At version ${status.current}; up to date.`;
  return `${[...lines, summary].join('\n')}\n`;
}

function withDatabase<T>(file: string, use: (db: Db) => T): T {
  let db: Db;
  try {
    db = openDatabase(file);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(
      `cannot open the database ${file} (${reason}); check that its folder exists and is writable`,
    );
  }
  try {
    return use(db);
  } finally {
    db.close();
  }
}

function fileName(m: { version: number; name: string }): string {
  return `${String(m.version).padStart(4, '0')}_${m.name}.sql`;
}
