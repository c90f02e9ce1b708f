/**
 * `npm start` as a process (the compiled program in dist/): what it says without credentials or with a bad config, and a graceful
 * SIGTERM (intake stops, the outbox drains, exit 0) against the emulator running in this process.
 * No log line may carry a token or the signing secret.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.ts';
import { openDatabase } from '../../src/db/open.ts';
import { createHttpDriver } from '../../src/sandbox/driver.ts';
import { seedFromConfig } from '../../src/sandbox/seed-from-config.ts';
import { startWebApiServer, type WebApiServer } from '../../src/sandbox/web-api-server.ts';
import { SlackWorkspace } from '../../src/sandbox/workspace.ts';
import { systemClock } from '../../src/system/system-clock.ts';
import { type ChildBot, exampleConfig, repoRoot, spawnMain, statusPosts } from './harness.ts';

const botToken = 'xoxb-4242-start-test-bot-token-do-not-log';
const appToken = 'xapp-1-A0START-start-test-app-token-do-not-log';
const signingSecret = 'start-test-signing-secret-do-not-log-8c1f';
const secrets = [botToken, appToken, signingSecret, 'do-not-log'];

function expectNoSecrets(text: string) {
  for (const secret of secrets) expect(text).not.toContain(secret);
}

let child: ChildBot | null = null;
let api: WebApiServer | null = null;
let tempDir: string | null = null;
afterEach(async () => {
  child?.kill('SIGKILL');
  await child?.exited;
  await api?.close();
  if (tempDir) rmSync(tempDir, { recursive: true, force: true });
  child = null;
  api = null;
  tempDir = null;
});

function temp(): string {
  tempDir ??= mkdtempSync(join(tmpdir(), 'drumbeat-start-'));
  return tempDir;
}

describe('npm start without credentials', () => {
  it('exits non-zero at once and says which variables to set, which manifest, and npm run demo', async () => {
    child = spawnMain({}, { compiled: true });
    const exit = await child.exited;

    console.info(`npm start with an empty environment exited ${exit.code} after ${Math.round(exit.ms)} ms`);
    expect(exit.code).toBe(1);
    // "at once": nothing was tried before refusing (no connection attempt, no database); a hang
    // is caught by this test's timeout, not by a wall-clock assertion
    expect(child.logLines().filter((l) => /connect|database|migrat/i.test(String(l.msg ?? '')))).toEqual([]);
    const said = child.stderr();
    for (const variable of ['SLACK_BOT_TOKEN', 'SLACK_APP_TOKEN', 'SLACK_SIGNING_SECRET']) {
      expect(said).toContain(variable);
    }
    for (const manifest of ['manifests/slack-app.yaml', 'manifests/slack-app-http.yaml']) {
      expect(said).toContain(manifest);
      expect(existsSync(join(repoRoot, manifest)), manifest).toBe(true);
    }
    expect(said).toContain('npm run demo');
    expect(child.stdout()).toBe('');
  }, 15_000);

  it('never echoes a token it was given, whole or malformed', async () => {
    child = spawnMain({ SLACK_BOT_TOKEN: botToken });
    const onlyBot = await child.exited;
    expect(onlyBot.code).toBe(1);
    expect(child.stderr()).toContain('SLACK_APP_TOKEN');
    expectNoSecrets(child.stderr() + child.stdout());

    child = spawnMain({ SLACK_BOT_TOKEN: botToken, SLACK_APP_TOKEN: `xoxp-${appToken}` });
    const malformed = await child.exited;
    expect(malformed.code).toBe(1);
    expect(child.stderr()).toContain('SLACK_APP_TOKEN: expected an app-level token starting with "xapp-"');
    expectNoSecrets(child.stderr() + child.stdout());
  });
});

describe('npm start with a bad DRUMBEAT_CONFIG', () => {
  it('exits 1 listing every problem of the file', async () => {
    const file = join(temp(), 'drumbeat.yaml');
    writeFileSync(
      file,
      [
        'workspace:',
        '  channels: { pm: 42 }',
        'release:',
        '  name: one-thirty-five',
        'sigs: { import: ./missing-sigs.yaml }',
        'surprise: true',
        '',
      ].join('\n'),
    );
    child = spawnMain({ SLACK_BOT_TOKEN: botToken, SLACK_APP_TOKEN: appToken, DRUMBEAT_CONFIG: file });
    const exit = await child.exited;

    expect(exit.code).toBe(1);
    const said = child.stderr();
    const count = Number(/has (\d+) problem\(s\)/.exec(said)?.[1]);
    expect(count).toBeGreaterThanOrEqual(3);
    expect(said).toContain(file);
    for (let i = 1; i <= count; i++) expect(said).toContain(`  ${i}. `);
    expect(said).toContain('surprise');
    expect(said).toContain('drumbeat check');
    expectNoSecrets(said + child.stdout());
  });

  it('exits 1 naming a config file that does not exist', async () => {
    const missing = join(temp(), 'nowhere.yaml');
    child = spawnMain({ SLACK_BOT_TOKEN: botToken, SLACK_APP_TOKEN: appToken, DRUMBEAT_CONFIG: missing });
    const exit = await child.exited;
    expect(exit.code).toBe(1);
    expect(child.stderr()).toContain(missing);
    expect(child.stderr()).toMatch(/problem/);
  });
});

describe('SIGTERM to a running bot', () => {
  it('stops intake, drains the outbox, exits 0, and logs structured lines without secrets', async () => {
    const loaded = await loadConfig(exampleConfig);
    if (!loaded.ok) throw new Error('the example config does not load');
    const seed = {
      ...seedFromConfig(loaded.config),
      tokens: { bot: botToken, app: appToken },
      signingSecret,
    };
    const ws = new SlackWorkspace(seed, { now: () => systemClock.now() });
    api = await startWebApiServer(ws);
    const dbFile = join(temp(), 'drumbeat.db');
    child = spawnMain(
      {
        SLACK_BOT_TOKEN: botToken,
        SLACK_SIGNING_SECRET: signingSecret,
        SLACK_API_URL: api.url,
        PORT: '0',
        HOST: '127.0.0.1',
        DRUMBEAT_DB: dbFile,
        DRUMBEAT_CONFIG: exampleConfig,
        LOG_LEVEL: 'debug',
      },
      { compiled: true },
    );
    const started = await child.waitForLog('drumbeat started');
    const driver = createHttpDriver(ws, {
      appUrl: `http://127.0.0.1:${String(started.port)}/slack/events`,
      responseOrigin: api.origin,
    });
    // Three updates for one channel: the outbox paces them a second apart, so two are still
    // waiting when the signal comes.
    for (const kep of [5573, 5593, 4742]) {
      const result = await driver.command('alice-facilitator', '#sig-node', '/kep-status', `${kep} on-track`);
      expect(result.status).toBe(200);
    }
    expect(statusPosts(ws, '#sig-node').length).toBeLessThan(3);

    child.kill('SIGTERM');
    const draining = await child.waitForLog('intake stopped; draining the outbox');
    expect(Number(draining.pending) + Number(draining.sending)).toBeGreaterThan(0);
    await expect(
      driver.command('alice-facilitator', '#sig-node', '/kep-status', '1287 at-risk'),
    ).rejects.toThrow();
    const exit = await child.exited;

    expect(exit.code).toBe(0);
    expect(statusPosts(ws, '#sig-node').map((m) => m.text)).toEqual([
      'KEP-5573 on-track',
      'KEP-5593 on-track',
      'KEP-4742 on-track',
    ]);
    const db = openDatabase(dbFile);
    const stored = db.prepare('SELECT kep_number AS kep FROM status_updates ORDER BY id').all();
    const outbox = db.prepare("SELECT status FROM slack_outbox WHERE key LIKE 'status:%'").all();
    db.close();
    expect(stored).toEqual([{ kep: 5573 }, { kep: 5593 }, { kep: 4742 }]);
    expect(outbox).toEqual([{ status: 'sent' }, { status: 'sent' }, { status: 'sent' }]);

    const lines = child.logLines();
    expect(lines.filter((l) => 'notJson' in l)).toEqual([]);
    expect(lines.some((l) => l.component === 'bolt')).toBe(true);
    expect(lines.map((l) => l.msg)).toContain('drumbeat stopped');
    expect(lines.every((l) => typeof l.time === 'string' && typeof l.level === 'string')).toBe(true);
    expect(child.stdout()).toBe('');
    expectNoSecrets(child.stderr());
  });
});
