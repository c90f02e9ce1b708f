/**
 * `npm start` (the compiled program) against the local workspace, when something in the setup is
 * wrong: a bot token Slack refuses, an app token Slack refuses (Socket Mode), and `.env`.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.ts';
import { createHttpDriver } from '../../src/sandbox/driver.ts';
import { seedFromConfig } from '../../src/sandbox/seed-from-config.ts';
import { type SocketModeHub, startSocketModeHub } from '../../src/sandbox/socket-mode-hub.ts';
import { startWebApiServer, type WebApiServer } from '../../src/sandbox/web-api-server.ts';
import { SlackWorkspace } from '../../src/sandbox/workspace.ts';
import { systemClock } from '../../src/system/system-clock.ts';
import { type ChildBot, exampleConfig, readHealth, spawnMain, statusPosts } from './harness.ts';

const botToken = 'xoxb-7070-start-up-bot-token-do-not-log';
const appToken = 'xapp-1-A0STARTUP-start-up-app-token-do-not-log';
const signingSecret = 'start-up-signing-secret-do-not-log-77aa';

let child: ChildBot | null = null;
let api: WebApiServer | null = null;
let hub: SocketModeHub | null = null;
let tempDir: string | null = null;
afterEach(async () => {
  child?.kill('SIGKILL');
  await child?.exited;
  await hub?.close();
  await api?.close();
  if (tempDir) rmSync(tempDir, { recursive: true, force: true });
  child = null;
  api = null;
  hub = null;
  tempDir = null;
});

function temp(): string {
  tempDir ??= mkdtempSync(join(tmpdir(), 'drumbeat-start-up-'));
  return tempDir;
}

/** The local workspace serving `botToken` and `appToken`, with a Socket Mode hub when asked. */
async function workspace(socket = false): Promise<SlackWorkspace> {
  const loaded = await loadConfig(exampleConfig);
  if (!loaded.ok) throw new Error('the example config does not load');
  const seed = { ...seedFromConfig(loaded.config), tokens: { bot: botToken, app: appToken }, signingSecret };
  const ws = new SlackWorkspace(seed, { now: () => systemClock.now() });
  hub = socket ? await startSocketModeHub(ws, { appToken }) : null;
  const connections = hub;
  api = await startWebApiServer(
    ws,
    connections ? { onConnectionsOpen: () => connections.openConnectionUrl() } : {},
  );
  return ws;
}

function baseEnv(): Record<string, string> {
  return {
    SLACK_API_URL: api!.url,
    PORT: '0',
    HOST: '127.0.0.1',
    DRUMBEAT_DB: join(temp(), 'drumbeat.db'),
    DRUMBEAT_CONFIG: exampleConfig,
  };
}

function expectNoSecrets(text: string) {
  for (const secret of [botToken, appToken, signingSecret, 'do-not-log']) expect(text).not.toContain(secret);
}

describe('a bot token Slack refuses', () => {
  it('exits 1 with one JSON line naming SLACK_BOT_TOKEN and Slack’s error, before any "started"', async () => {
    const ws = await workspace();
    child = spawnMain(
      {
        ...baseEnv(),
        SLACK_BOT_TOKEN: 'xoxb-7070-not-the-workspace-token',
        SLACK_SIGNING_SECRET: signingSecret,
      },
      { compiled: true },
    );
    const exit = await child.exited;

    expect(exit.code).toBe(1);
    const lines = child.logLines();
    expect(lines.filter((l) => 'notJson' in l)).toEqual([]);
    const errors = lines.filter((l) => l.level === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ variable: 'SLACK_BOT_TOKEN', error: 'invalid_auth' });
    expect(String(errors[0]!.msg)).toContain('SLACK_BOT_TOKEN');
    expect(lines.map((l) => l.msg)).not.toContain('drumbeat started');
    expect(ws.calls().map((c) => c.method)).toEqual(['auth.test']);
    expect(existsSync(join(temp(), 'drumbeat.db'))).toBe(false);
    expectNoSecrets(child.stderr() + child.stdout());
  });
});

describe('an app token Slack refuses (Socket Mode)', () => {
  it('tries 5 times with /healthz up and failing with the reason, then exits 1 naming SLACK_APP_TOKEN', async () => {
    const ws = await workspace(true);
    child = spawnMain(
      {
        ...baseEnv(),
        SLACK_BOT_TOKEN: botToken,
        SLACK_APP_TOKEN: 'xapp-1-A0STARTUP-not-the-app-token',
        HEALTH_PORT: '0',
      },
      { compiled: true },
    );
    const listening = await child.waitForLog('health endpoints listening');
    await child.waitForLog('Socket Mode did not connect; trying again');
    const health = await readHealth(Number(listening.healthPort));
    const ready = await readHealth(Number(listening.healthPort), '/readyz');
    const exit = await child.exited;

    expect(health.status).toBe(503);
    expect(health.body).toMatchObject({ ok: false, status: 'failing' });
    const slack = (health.body.checks as Record<string, { ok: boolean; detail: string }>).slack!;
    expect(slack.ok).toBe(false);
    expect(slack.detail).toContain('SLACK_APP_TOKEN');
    expect(slack.detail).toContain('invalid_auth');
    expect(ready.status).toBe(503);

    expect(exit.code).toBe(1);
    const lines = child.logLines();
    expect(lines.filter((l) => 'notJson' in l)).toEqual([]);
    const opens = ws.calls('apps.connections.open');
    expect(opens).toHaveLength(5);
    expect(opens.every((c) => c.error === 'invalid_auth')).toBe(true);
    const retries = lines.filter((l) => l.msg === 'Socket Mode did not connect; trying again');
    expect(retries.map((l) => l.retryInMs)).toEqual([1000, 2000, 4000, 8000]);
    const last = lines.at(-1)!;
    expect(last).toMatchObject({
      level: 'error',
      variable: 'SLACK_APP_TOKEN',
      error: 'invalid_auth',
      attempts: 5,
    });
    expect(String(last.msg)).toContain('SLACK_APP_TOKEN');
    expect(lines.map((l) => l.msg)).not.toContain('drumbeat started');
    expectNoSecrets(child.stderr() + child.stdout());
  }, 60_000);
});

describe('.env', () => {
  it('is read when present, and a variable set in the environment wins over it', async () => {
    const ws = await workspace();
    const dir = temp();
    const fromFileDb = join(dir, 'from-file.db');
    const fromEnvDb = join(dir, 'from-env.db');
    const { DRUMBEAT_DB: _unused, ...rest } = baseEnv();
    const file = {
      ...rest,
      DRUMBEAT_DB: fromFileDb,
      SLACK_BOT_TOKEN: botToken,
      SLACK_SIGNING_SECRET: signingSecret,
    };
    writeFileSync(
      join(dir, '.env'),
      `# as .env.example says\n${Object.entries(file)
        .map(([k, v]) => `${k}=${v}`)
        .join('\n')}\nLOG_LEVEL=debug\n`,
    );
    child = spawnMain({ DRUMBEAT_DB: fromEnvDb, LOG_LEVEL: 'info' }, { compiled: true, cwd: dir });
    const started = await child.waitForLog('drumbeat started');
    const driver = createHttpDriver(ws, {
      appUrl: `http://127.0.0.1:${String(started.port)}/slack/events`,
      responseOrigin: api!.origin,
    });
    const kep = 5573;
    const result = await driver.command('alice-facilitator', '#sig-node', '/kep-status', `${kep} on-track`);
    await ws.waitFor(() => statusPosts(ws, '#sig-node')[0]);

    expect(result.status).toBe(200);
    expect(existsSync(fromEnvDb)).toBe(true);
    expect(existsSync(fromFileDb)).toBe(false);
    const lines = child.logLines();
    expect(lines.some((l) => l.level === 'debug')).toBe(false);
    const read = lines.find((l) => l.msg === 'environment read from .env too')!;
    expect(read.variables).toEqual(expect.arrayContaining(['SLACK_BOT_TOKEN', 'SLACK_API_URL']));
    expect(read.variables).not.toContain('DRUMBEAT_DB');
    expect(read.variables).not.toContain('LOG_LEVEL');
    expectNoSecrets(child.stderr() + child.stdout());
  });
});
