import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadReferenceData } from '../../src/app/load-reference-data.ts';
import { runCli } from '../../src/cli/main.ts';
import { loadConfig } from '../../src/config/load-config.ts';
import { createStore } from '../../src/db/create-store.ts';
import { migrate } from '../../src/db/migrate.ts';
import { openDatabase } from '../../src/db/open.ts';
import { exampleConfigFile } from '../../src/sandbox/start-sandbox-bot.ts';
import { createLogger } from '../../src/system/logger.ts';
import { readReferenceData } from '../../src/wiring/reference-data.ts';
import { tempDir } from '../db/temp-db.ts';

let cleanup: (() => void) | null = null;
afterEach(() => {
  cleanup?.();
  cleanup = null;
});

async function cli(args: string[], cwd: string) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(['digest', ...args], {
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
    env: {},
    cwd,
    isTty: false,
  });
  return { code, stdout, stderr };
}

const base = ['--config', exampleConfigFile, '--now', '2025-10-13T09:00:00Z'];

/** The bot's database as a start leaves it: migrated, with the config and the checkout's KEPs loaded. */
async function botDatabase(file: string) {
  const loaded = await loadConfig(exampleConfigFile);
  if (!loaded.ok) throw new Error('the example config must load');
  const db = openDatabase(file);
  migrate(db);
  const store = createStore(db);
  const data = await readReferenceData(loaded.config, createLogger({ level: 'silent' }));
  loadReferenceData(store, data, new Date('2025-10-01T00:00:00Z'));
  return { db, store };
}

describe('drumbeat digest', () => {
  it('renders the digest a chair would get now as terminal text, reading the bot database', async () => {
    const tmp = tempDir();
    cleanup = tmp.cleanup;
    const file = join(tmp.dir, 'drumbeat.db');
    const { db, store } = await botDatabase(file);
    const first = await cli([...base, '--sig', 'sig-node', '--db', file], tmp.dir);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('Node (sig-node) · v1.35 weekly digest');
    expect(first.stdout).toContain('No KEP is blocked or at risk.');
    expect(first.stdout).toContain(
      'Process health: no round check-ins yet · no blockers · 0 exception requests (0 approved)',
    );
    // a facilitator reports; the next preview shows it
    const kep = store.keps.list({ owningSig: 'sig-node', latestMilestone: 'v1.35' })[0]!;
    store.statusUpdates.record({
      kepPath: kep.path,
      kepNumber: kep.number,
      sig: 'sig-node',
      release: 'v1.35',
      state: 'at-risk',
      confidence: 60,
      increment: null,
      note: 'waiting on API review',
      authorSlack: 'U0000000003',
      authorGithub: 'alice-facilitator',
      source: 'command',
      createdAt: '2025-10-10T09:00:00.000Z',
      idempotencyKey: 'cli-test',
    });
    db.close();
    const second = await cli([...base, '--sig', 'sig-node', '--db', file], tmp.dir);
    expect(second.stdout).toContain(
      `KEP-${kep.number} ${kep.title}: at-risk for 3d; "waiting on API review"`,
    );
    expect(second.stdout).toContain(`KEP-${kep.number} ${kep.title}: no update → at-risk`);
    expect(second.stdout).not.toContain('**');
  }, 60_000);

  it('exports Markdown, and --all renders every SIG', async () => {
    const tmp = tempDir();
    cleanup = tmp.cleanup;
    const md = await cli([...base, '--sig', 'sig-node', '--markdown'], tmp.dir);
    expect(md.code).toBe(0);
    expect(md.stdout.startsWith('# Node (sig-node) · v1.35 weekly digest\n')).toBe(true);
    expect(md.stdout).toContain('| KEP | Title | Stage | State | Tracking Status | Confidence | Updated |');
    expect(md.stderr).toContain('no database at');
    const all = await cli([...base, '--all', '--markdown'], tmp.dir);
    expect(all.code).toBe(0);
    const titles = all.stdout.split('\n').filter((l) => l.startsWith('# '));
    expect(titles.length).toBeGreaterThan(5);
    expect(titles).toContain('# Auth (sig-auth) · v1.35 weekly digest');
  });

  it('says what was wrong with bad arguments', async () => {
    const tmp = tempDir();
    cleanup = tmp.cleanup;
    const none = await cli(['--config', exampleConfigFile], tmp.dir);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('name a SIG with --sig (e.g. --sig sig-node) or pass --all');
    const typo = await cli([...base, '--sig', 'sig-nod'], tmp.dir);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain('sig-nod is not a SIG the config runs');
    const badNow = await cli(
      ['--config', exampleConfigFile, '--sig', 'sig-node', '--now', 'monday'],
      tmp.dir,
    );
    expect(badNow.code).toBe(2);
    expect(badNow.stderr).toContain('--now monday is not an ISO instant');
  });
});
