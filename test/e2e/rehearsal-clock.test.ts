/**
 * `DRUMBEAT_CLOCK_START`: `npm start` (the compiled program) with its clock set to a moment of the
 * v1.35 cycle, running at real speed, against the local workspace; and refused where the setup
 * looks like production unless allowed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.ts';
import { openDatabase } from '../../src/db/open.ts';
import { createHttpDriver } from '../../src/sandbox/driver.ts';
import { seedFromConfig } from '../../src/sandbox/seed-from-config.ts';
import { startWebApiServer, type WebApiServer } from '../../src/sandbox/web-api-server.ts';
import { SlackWorkspace } from '../../src/sandbox/workspace.ts';
import { createOffsetClock } from '../../src/system/offset-clock.ts';
import { type ChildBot, exampleConfig, spawnMain, statusPosts, tick } from './harness.ts';

const botToken = 'xoxb-3535-rehearsal-bot-token';
const signingSecret = 'rehearsal-signing-secret-3535';
/** sig-node's round of the week opens on Tuesday 2025-10-07 at 16:00 UTC (drumbeat.example.yaml). */
const roundOpens = Date.parse('2025-10-07T16:00:00Z');
const clockStart = '2025-10-07T15:59:00Z';

/**
 * A start some seconds before the round opens, so that the round opens about 10 s before the next
 * real minute, when the scheduler's every-minute pass runs (the bot's clock starts a moment after
 * this one), and at least 15 s after start-up begins (the first pass, at start-up, must come
 * before it: a first pass never sends what was due earlier).
 */
function startBeforeTheRound(realNow: number): Date {
  let untilMinute = 60_000 - (realNow % 60_000);
  if (untilMinute < 25_000) untilMinute += 60_000;
  return new Date(roundOpens - (untilMinute - 10_000));
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

async function workspace(start = new Date(clockStart)): Promise<SlackWorkspace> {
  const loaded = await loadConfig(exampleConfig);
  if (!loaded.ok) throw new Error('the example config does not load');
  const seed = {
    ...seedFromConfig(loaded.config),
    tokens: { bot: botToken, app: 'xapp-1-unused' },
    signingSecret,
  };
  const clock = createOffsetClock(start);
  const ws = new SlackWorkspace(seed, { now: () => clock.now() });
  api = await startWebApiServer(ws);
  return ws;
}

function botEnv(extra: Record<string, string>): Record<string, string> {
  tempDir = mkdtempSync(join(tmpdir(), 'drumbeat-rehearsal-'));
  return {
    SLACK_BOT_TOKEN: botToken,
    SLACK_SIGNING_SECRET: signingSecret,
    SLACK_API_URL: api?.url ?? 'https://slack.com/api/',
    PORT: '0',
    HOST: '127.0.0.1',
    DRUMBEAT_DB: join(tempDir, 'drumbeat.db'),
    DRUMBEAT_CONFIG: exampleConfig,
    ...extra,
  };
}

function createdAt(dbFile: string): number[] {
  const db = openDatabase(dbFile);
  const rows = db.prepare('SELECT created_at AS at FROM status_updates ORDER BY id').all() as Array<{
    at: string;
  }>;
  db.close();
  return rows.map((r) => Date.parse(r.at));
}

describe('a rehearsal clock', () => {
  it('starts the bot at DRUMBEAT_CLOCK_START and runs at real speed: the round opens when its time comes', async () => {
    const start = startBeforeTheRound(Date.now());
    const ws = await workspace(start);
    const env = botEnv({
      DRUMBEAT_CLOCK_START: start.toISOString(),
      NODE_ENV: 'production',
      DRUMBEAT_ALLOW_REHEARSAL_CLOCK: '1',
    });
    const spawnedAt = performance.now();
    child = spawnMain(env, { compiled: true });
    const started = await child.waitForLog('drumbeat started');

    const lines = child.logLines();
    const warned = lines.findIndex((l) => l.level === 'warn' && l.clockStart === start.toISOString());
    expect(warned).toBeGreaterThanOrEqual(0);
    expect(String(lines[warned]!.msg)).toContain('REHEARSAL CLOCK');
    expect(warned).toBeLessThan(lines.findIndex((l) => l.msg === 'drumbeat started'));
    // the first pass, at start-up, came before the round's time: nothing yet
    const rounds = () => ws.messages('#sig-node').filter((m) => m.text.includes('drumbeat round'));
    expect(rounds()).toEqual([]);

    const round = await ws.waitFor(() => rounds()[0], 90_000);
    expect(round.text).toContain('Node drumbeat round for v1.35');
    const postedAt = Number(round.ts) * 1000;
    expect(postedAt).toBeGreaterThanOrEqual(roundOpens);
    expect(postedAt).toBeLessThan(roundOpens + 20_000);

    const driver = createHttpDriver(ws, {
      appUrl: `http://127.0.0.1:${String(started.port)}/slack/events`,
      responseOrigin: api!.origin,
    });
    await driver.command('alice-facilitator', '#sig-node', '/kep-status', '5573 on-track');
    await tick(2000);
    await driver.command('alice-facilitator', '#sig-node', '/kep-status', '5593 on-track');
    await ws.waitFor(() => statusPosts(ws, '#sig-node')[1]);
    const elapsedMs = performance.now() - spawnedAt;

    const [first, second] = createdAt(env.DRUMBEAT_DB!);
    expect(first).toBeGreaterThanOrEqual(roundOpens);
    expect(second! - first!).toBeGreaterThanOrEqual(1900);
    expect(second!).toBeLessThanOrEqual(start.getTime() + elapsedMs);
  }, 150_000);

  it('is refused where the setup looks like production, unless DRUMBEAT_ALLOW_REHEARSAL_CLOCK=1', async () => {
    child = spawnMain(botEnv({ DRUMBEAT_CLOCK_START: clockStart, NODE_ENV: 'production' }), {
      compiled: true,
    });
    const exit = await child.exited;

    expect(exit.code).toBe(1);
    const said = child.stderr();
    expect(said).toContain('DRUMBEAT_CLOCK_START');
    expect(said).toContain('NODE_ENV=production');
    expect(said).toContain('DRUMBEAT_ALLOW_REHEARSAL_CLOCK=1');
    expect(said).not.toContain('drumbeat started');
  });
});
