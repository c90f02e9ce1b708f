import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/cli/io.ts';
import { runCli } from '../../src/cli/main.ts';
import { readMigrations } from '../../src/db/migrate.ts';
import { openDatabase } from '../../src/db/open.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'drumbeat-cli-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function fakeIo(env: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    stdout: (t) => out.push(t),
    stderr: (t) => err.push(t),
    env,
    cwd: dir,
    isTty: false,
  };
  return { io, out: () => out.join(''), err: () => err.join('') };
}

const shipped = readMigrations();
const files = shipped.map((m) => `${String(m.version).padStart(4, '0')}_${m.name}.sql`);

describe('drumbeat migrate', () => {
  it('creates the database, applies every migration and says so; a second run applies nothing', async () => {
    const first = fakeIo();
    expect(await runCli(['migrate', '--db', 'bot.db'], first.io)).toBe(0);
    expect(first.out()).toContain(`Database: ${join(dir, 'bot.db')}`);
    for (const f of files) expect(first.out()).toContain(`Applied ${f}`);
    expect(first.out()).toContain(`Now at version ${shipped.length}.`);
    expect(first.err()).toBe('');

    const second = fakeIo();
    expect(await runCli(['migrate', '--db', 'bot.db'], second.io)).toBe(0);
    expect(second.out()).not.toContain('Applied');
    expect(second.out()).toContain(`Nothing to apply; the database is at version ${shipped.length}.`);
  });

  it.each<[string, string[], Record<string, string>, string]>([
    ['DRUMBEAT_DB', [], { DRUMBEAT_DB: 'from-env.db' }, 'from-env.db'],
    ['./drumbeat.db by default', [], {}, 'drumbeat.db'],
    ['--db over DRUMBEAT_DB', ['--db', 'flag.db'], { DRUMBEAT_DB: 'from-env.db' }, 'flag.db'],
  ])('finds the database from %s', async (_what, args, env, expected) => {
    const run = fakeIo(env);
    expect(await runCli(['migrate', ...args], run.io)).toBe(0);
    expect(existsSync(join(dir, expected))).toBe(true);
  });

  it('lists pending migrations with --status without creating the database', async () => {
    const run = fakeIo();
    expect(await runCli(['migrate', '--status', '--db', 'new.db'], run.io)).toBe(0);
    for (const f of files) expect(run.out()).toContain(`pending  ${f}`);
    expect(run.out()).toContain('No database there yet');
    expect(existsSync(join(dir, 'new.db'))).toBe(false);
  });

  it('lists applied migrations with --status once migrated', async () => {
    await runCli(['migrate', '--db', 'bot.db'], fakeIo().io);
    const run = fakeIo();
    expect(await runCli(['migrate', '--status', '--db', 'bot.db'], run.io)).toBe(0);
    for (const f of files) expect(run.out()).toMatch(new RegExp(`applied  ${f}  \\(\\d{4}-\\d{2}-\\d{2}T`));
    expect(run.out()).toContain(`At version ${shipped.length}; up to date.`);
  });

  it('refuses a database whose applied migration no longer matches its file (exit 1)', async () => {
    await runCli(['migrate', '--db', 'bot.db'], fakeIo().io);
    const db = openDatabase(join(dir, 'bot.db'));
    db.prepare("UPDATE schema_migrations SET checksum = 'edited' WHERE version = 1").run();
    db.close();
    const run = fakeIo();
    expect(await runCli(['migrate', '--db', 'bot.db'], run.io)).toBe(1);
    expect(run.err()).toMatch(
      /0001_core\.sql was changed after it was applied.*put the change in a new migration/,
    );
    const status = fakeIo();
    expect(await runCli(['migrate', '--status', '--db', 'bot.db'], status.io)).toBe(1);
    expect(status.err()).toMatch(/0001_core\.sql was changed/);
  });

  it('explains a database it cannot open', async () => {
    const run = fakeIo();
    expect(await runCli(['migrate', '--db', 'no/such/folder/bot.db'], run.io)).toBe(1);
    expect(run.err()).toMatch(
      /cannot open the database .*no\/such\/folder\/bot\.db.*check that its folder exists/,
    );
  });

  it.each([
    [['--bogus'], /Unknown option '--bogus'/],
    [['extra'], /Unexpected argument 'extra'/],
    [['--db'], /--db/],
    [['--db', ''], /--db needs a file name/],
  ])('rejects %j with the usage (exit 2)', async (args, message) => {
    const run = fakeIo();
    expect(await runCli(['migrate', ...args], run.io)).toBe(2);
    expect(run.err()).toMatch(message);
    expect(run.err()).toContain('Usage: drumbeat migrate');
  });
});
