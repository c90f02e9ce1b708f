/**
 * Kills: the compiled bot (`node dist/main.js`, as `npm start` runs it) gets SIGKILL while updates
 * are arriving and being posted, `kills` times on one database, then a last start drains what is
 * left. Every update Slack got an answer for must be recorded and posted exactly once.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { loadConfig } from '../src/config/load-config.ts';
import { openDatabase } from '../src/db/open.ts';
import { createHttpDriver } from '../src/sandbox/driver.ts';
import { seedFromConfig } from '../src/sandbox/seed-from-config.ts';
import { startWebApiServer } from '../src/sandbox/web-api-server.ts';
import { SlackWorkspace } from '../src/sandbox/workspace.ts';
import { systemClock } from '../src/system/system-clock.ts';
import { type ChildBot, exampleConfig, repoRoot, spawnMain } from '../test/e2e/harness.ts';
import { startHoldingProxy } from '../test/e2e/holding-proxy.ts';
import type { ReliabilityRow } from './reliability-row.ts';

const keps = [5593, 5573, 2535, 4639];

interface Rig {
  ws: SlackWorkspace;
  env: Record<string, string>;
  dbFile: string;
  close(): Promise<void>;
}

async function rig(): Promise<Rig> {
  const loaded = await loadConfig(exampleConfig);
  if (!loaded.ok) throw new Error('the example config does not load');
  const ws = new SlackWorkspace(seedFromConfig(loaded.config), { now: () => systemClock.now() });
  const api = await startWebApiServer(ws);
  const dir = mkdtempSync(join(tmpdir(), 'drumbeat-kills-'));
  const dbFile = join(dir, 'drumbeat.db');
  const env = {
    SLACK_BOT_TOKEN: ws.seed.tokens.bot,
    SLACK_SIGNING_SECRET: ws.seed.signingSecret,
    SLACK_API_URL: api.url,
    PORT: '0',
    HOST: '127.0.0.1',
    DRUMBEAT_DB: dbFile,
    DRUMBEAT_CONFIG: exampleConfig,
    LOG_LEVEL: 'info',
  };
  const close = async () => {
    await api.close();
    rmSync(dir, { recursive: true, force: true });
  };
  return { ws, env, dbFile, close };
}

async function start(r: Rig): Promise<{ child: ChildBot; url: string }> {
  const child = spawnMain(r.env, { compiled: true });
  const started = await child.waitForLog('drumbeat started', 30_000);
  return { child, url: `http://127.0.0.1:${String(started.port)}/slack/events` };
}

/** Sends updates until the kill lands; returns the notes of those Slack got an answer for. */
async function sendUntilKilled(r: Rig, url: string, child: ChildBot, round: number, perRound: number) {
  const driver = createHttpDriver(r.ws, {
    appUrl: url,
    responseOrigin: new URL(r.env.SLACK_API_URL!).origin,
  });
  const answered: string[] = [];
  const killAfter = 2 + ((round * 5) % (perRound - 2));
  for (let i = 0; i < perRound; i++) {
    const note = `kill ${round} update ${i}`;
    if (i === killAfter) setTimeout(() => child.kill('SIGKILL'), round % 3);
    const result = await driver
      .command('alice-facilitator', '#sig-node', '/kep-status', `${keps[i % keps.length]} on-track ${note}`)
      .catch(() => null);
    if (result?.status === 200 && JSON.stringify(result.body).includes('Posting to')) answered.push(note);
    if (child.child.exitCode !== null || child.child.signalCode !== null) break;
  }
  await child.exited;
  return answered;
}

function stored(dbFile: string): { notes: string[]; pending: number } {
  const db = openDatabase(dbFile);
  try {
    const notes = (db.prepare('SELECT note FROM status_updates').all() as Array<{ note: string }>).map(
      (n) => n.note,
    );
    const { n } = db
      .prepare("SELECT count(*) AS n FROM slack_outbox WHERE status IN ('pending', 'sending')")
      .get() as { n: number };
    return { notes, pending: n };
  } finally {
    db.close();
  }
}

function statusPostKeys(ws: SlackWorkspace): string[] {
  return ws
    .allMessages(ws.channelId('#sig-node'))
    .map((m) => String(m.metadata?.event_payload?.key ?? ''))
    .filter((k) => k.startsWith('status:'));
}

/** `kills` SIGKILLs mid-traffic on one database, then a last start drains the outbox. */
export async function killsMidTraffic(kills = 5, perRound = 12): Promise<ReliabilityRow> {
  const r = await rig();
  try {
    const answered: string[] = [];
    for (let round = 0; round < kills; round++) {
      const { child, url } = await start(r);
      answered.push(...(await sendUntilKilled(r, url, child, round, perRound)));
    }
    const last = await start(r);
    await r.ws.waitFor(() => stored(r.dbFile).pending === 0, 30_000).catch(() => undefined);
    last.child.kill('SIGTERM');
    await last.child.exited;
    const { notes, pending } = stored(r.dbFile);
    const keys = statusPostKeys(r.ws);
    const duplicates = keys.length - new Set(keys).size;
    const unrecorded = answered.filter((n) => !notes.includes(n)).length;
    const unposted = Math.max(0, notes.length - new Set(keys).size);
    return {
      fault: `kill -9 mid-traffic (${kills} kills, compiled bot)`,
      inputs: answered.length,
      failures: duplicates,
      lost: unrecorded + unposted,
      note: `${notes.length} recorded, ${new Set(keys).size} posted, duplicates: ${duplicates}, still pending: ${pending}`,
    };
  } finally {
    await r.close();
  }
}

/** How the app is installed and configured for the window scenario. */
export type CrashMode = 'history scopes' | 'at-least-once' | 'at-most-once';

/** The example config (paths made absolute) with its `delivery:` section set for `mode`, in `dir`. */
function configFor(mode: CrashMode, dir: string): string {
  const config = parseDocument(readFileSync(exampleConfig, 'utf8').replaceAll(': ./', `: ${repoRoot}`));
  const delivery =
    mode === 'history scopes'
      ? { historyScopes: true, afterCrash: { default: 'at-least-once' } }
      : { historyScopes: false, afterCrash: { default: mode } };
  config.set('delivery', delivery);
  const file = join(dir, 'drumbeat.yaml');
  writeFileSync(file, config.toString());
  return file;
}

/**
 * Kills the bot exactly in the window the history scopes cover: with a status post held by a
 * proxy before Slack got it (half the kills) or after Slack accepted it but before the bot heard
 * back (the other half). Without the scopes, at-least-once duplicates the second kind, at-most-once
 * loses the first; with them, neither.
 */
export async function killsInTheWindow(mode: CrashMode, kills = 6): Promise<ReliabilityRow> {
  const r = await rig();
  const proxy = await startHoldingProxy(r.env.SLACK_API_URL!);
  const dir = mkdtempSync(join(tmpdir(), 'drumbeat-window-'));
  if (mode !== 'history scopes') r.ws.withholdScopes(['channels:history', 'groups:history', 'im:history']);
  const env = { ...r.env, DRUMBEAT_CONFIG: configFor(mode, dir) };
  try {
    const notes: string[] = [];
    for (let i = 0; i < kills; i++) {
      const child = spawnMain({ ...env, SLACK_API_URL: proxy.url }, { compiled: true });
      const started = await child.waitForLog('drumbeat started', 30_000);
      const note = `window-${i}`;
      const when = i % 2 === 0 ? 'before' : 'after';
      proxy.holdNext({ method: 'chat.postMessage', match: (body) => body.includes(note), when });
      const driver = createHttpDriver(r.ws, {
        appUrl: `http://127.0.0.1:${String(started.port)}/slack/events`,
        responseOrigin: new URL(r.env.SLACK_API_URL!).origin,
      });
      const result = await driver.command(
        'alice-facilitator',
        '#sig-node',
        '/kep-status',
        `5593 on-track ${note}`,
      );
      if (result.status === 200) notes.push(note);
      await r.ws.waitFor(() => proxy.held().length === i + 1, 10_000);
      child.kill('SIGKILL');
      await child.exited;
    }
    const last = spawnMain(env, { compiled: true });
    await last.waitForLog('drumbeat started', 30_000);
    await r.ws.waitFor(() => stored(r.dbFile).pending === 0, 30_000).catch(() => undefined);
    last.kill('SIGTERM');
    await last.exited;
    return windowRow(mode, kills, r, notes);
  } finally {
    await proxy.close();
    rmSync(dir, { recursive: true, force: true });
    await r.close();
  }
}

function windowRow(mode: CrashMode, kills: number, r: Rig, notes: string[]): ReliabilityRow {
  const posts = r.ws.allMessages(r.ws.channelId('#sig-node')).map((m) => JSON.stringify(m.blocks ?? m.text));
  const copies = notes.map((note) => posts.filter((p) => p.includes(note)).length);
  const duplicates = copies.reduce((sum, n) => sum + Math.max(0, n - 1), 0);
  const lost = copies.filter((n) => n === 0).length;
  // each mode's promise: at-least-once may duplicate, at-most-once may lose, history neither
  const promise =
    mode === 'at-least-once' ? 'duplicates allowed' : mode === 'at-most-once' ? 'losses allowed' : 'neither';
  return {
    fault: `kill -9 between Slack and the record (${mode})`,
    inputs: kills,
    failures: mode === 'at-least-once' ? 0 : duplicates,
    lost,
    lossAccepted: mode === 'at-most-once',
    note: `${kills / 2} kills before Slack got the post, ${kills / 2} after; duplicates: ${duplicates}, lost: ${lost} (${promise})`,
  };
}
