import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.ts';
import type { ResolvedConfig } from '../../src/config/resolved-config.ts';
import type { Person } from '../../src/domain/types.ts';
import { exampleConfigFile, startSandboxBot } from '../../src/sandbox/start-sandbox-bot.ts';
import { systemClock } from '../../src/system/system-clock.ts';
import { tempDir } from '../db/temp-db.ts';
import { captureIo } from './cli-io.ts';

let cleanup: (() => void) | null = null;
afterEach(() => {
  cleanup?.();
  cleanup = null;
});

/**
 * A database the real bot has written to: started, one status update and one blocker, stopped.
 * The bot ran with an older config (a person's time zone has changed since), so a preview that
 * loaded today's config into the file would have something to write.
 */
async function botWrittenDatabase(dir: string): Promise<string> {
  const dbFile = join(dir, 'bot.db');
  const older = (p: Person): Person =>
    p.github === 'alice-facilitator' ? { ...p, timezone: 'Pacific/Auckland' } : p;
  const editConfig = (config: ResolvedConfig): ResolvedConfig => ({
    ...config,
    people: config.people.map(older),
    peopleByGithub: new Map([...config.peopleByGithub].map(([login, p]) => [login, older(p)])),
  });
  const sandbox = await startSandboxBot({ mode: 'http', clock: systemClock, dbFile, editConfig });
  try {
    const kep = sandbox.bot.store.keps.list({ owningSig: 'sig-node', latestMilestone: 'v1.35' })[0]!;
    await sandbox.driver.command(
      'alice-facilitator',
      '#sig-node',
      '/kep-status',
      `${kep.number} blocked 40% blocked by sig-auth`,
    );
    await sandbox.ws.waitFor(() => sandbox.ws.ephemerals('alice-facilitator').at(-1));
  } finally {
    await sandbox.close();
  }
  return dbFile;
}

/** The database's bytes, its write-ahead log's included (a write lands there first). */
const sha256 = (file: string) => {
  const hash = createHash('sha256').update(readFileSync(file));
  if (existsSync(`${file}-wal`)) hash.update(readFileSync(`${file}-wal`));
  return hash.digest('hex');
};

/** Each preview, with its exit code on that database (sig-node has not planned yet: 1). */
const previews: Array<[string[], number]> = [
  [['digest', '--all', '--now', '2025-10-13T09:00:00Z'], 0],
  [['plan', '--sig', 'sig-node'], 1],
  [['notes'], 0],
  [['exceptions'], 0],
  [['exceptions', '--export'], 0],
  [['simulate', '--from', '2025-10-06', '--to', '2025-10-07'], 0],
];

describe('previews never change the database they read', () => {
  it('leaves a copy of a live bot database byte-identical, and no other connection sees a write', async () => {
    const tmp = tempDir();
    cleanup = tmp.cleanup;
    const copy = join(tmp.dir, 'copy.db');
    copyFileSync(await botWrittenDatabase(tmp.dir), copy);
    const before = sha256(copy);
    // data_version changes for this connection whenever another connection commits to the file
    const watcher = new Database(copy, { readonly: true });
    const version = () => watcher.pragma('data_version', { simple: true });
    const startVersion = version();
    try {
      for (const [args, expected] of previews) {
        const name = args.join(' ');
        const io = captureIo({ env: { DRUMBEAT_DB: copy, DRUMBEAT_CONFIG: exampleConfigFile } });
        const code = await runCli([...args, '--config', exampleConfigFile], io);
        expect(code, `${name}: ${io.err}`).toBe(expected);
        expect(version(), name).toBe(startVersion);
        expect(sha256(copy), name).toBe(before);
      }
    } finally {
      watcher.close();
    }
  }, 120_000);

  it('reads what the bot wrote: the digest shows the stored blocker', async () => {
    const tmp = tempDir();
    cleanup = tmp.cleanup;
    const file = await botWrittenDatabase(tmp.dir);
    const io = captureIo();
    const code = await runCli(
      [
        'digest',
        '--sig',
        'sig-node',
        '--config',
        exampleConfigFile,
        '--db',
        file,
        '--now',
        '2025-10-13T09:00:00Z',
      ],
      io,
    );
    expect(code).toBe(0);
    expect(io.out).toContain('blocked by sig-auth');
  }, 60_000);

  it('does not create a database where there is none', async () => {
    const tmp = tempDir();
    cleanup = tmp.cleanup;
    const missing = join(tmp.dir, 'none.db');
    const io = captureIo();
    const code = await runCli(
      ['digest', '--sig', 'sig-node', '--config', exampleConfigFile, '--db', missing],
      io,
    );
    expect(code).toBe(0);
    expect(io.err).toContain(`no database at ${missing}`);
    expect(existsSync(missing)).toBe(false);
  });
});
