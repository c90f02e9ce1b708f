/**
 * Helpers for the reliability end-to-end tests: signed raw requests, a fake-clock pump, reading
 * what the bot stored and posted, and the real `npm start` entry point as a child process.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import type { Db } from '../../src/db/open.ts';
import { encodeRequest, signRequest } from '../../src/sandbox/driver.ts';
import type { SandboxMessage, SlackWorkspace } from '../../src/sandbox/workspace.ts';
import { systemClock } from '../../src/system/system-clock.ts';
import type { FakeClock } from '../fakes/fake-clock.ts';

export const repoRoot = new URL('../../', import.meta.url).pathname;
export const tsxBin = `${repoRoot}node_modules/.bin/tsx`;
export const mainScript = `${repoRoot}src/main.ts`;
/** What `npm start` runs: the compiled program (`npm run build`; `npm test` builds it first). */
export const compiledMain = `${repoRoot}dist/main.js`;
export const exampleConfig = `${repoRoot}drumbeat.example.yaml`;

/** One slash command as the exact bytes and headers Slack would send (for `driver.raw`). */
export interface SignedRequest {
  body: string;
  headers: Record<string, string>;
  triggerId: string;
}

/** A slash command typed by `user` in `channel`. */
export interface CommandRequest {
  user: string;
  channel: string;
  text: string;
  command?: string;
}

/** The payload Slack sends for a slash command (as the sandbox driver builds it), with a fresh trigger_id. */
export function slashCommandPayload(ws: SlackWorkspace, responseOrigin: string, request: CommandRequest) {
  const userId = ws.userId(request.user);
  const channelId = ws.channelId(request.channel);
  const triggerId = ws.mintTriggerId(userId);
  return {
    token: 'sandbox-verification-token',
    team_id: ws.seed.team.id,
    team_domain: ws.seed.team.domain,
    channel_id: channelId,
    channel_name: ws.findChannel(channelId)?.name ?? channelId,
    user_id: userId,
    user_name: ws.findUser(userId)?.name ?? userId,
    command: request.command ?? '/kep-status',
    text: request.text,
    api_app_id: ws.seed.bot.appId,
    is_enterprise_install: 'false',
    response_url: responseOrigin + ws.createResponseUrlPath({ channel: channelId, user: userId }),
    trigger_id: triggerId,
  };
}

/** Builds and signs a slash command, so the same bytes can be sent twice (`driver.raw`). */
export function signedCommand(
  ws: SlackWorkspace,
  responseOrigin: string,
  request: CommandRequest,
): SignedRequest {
  const payload = slashCommandPayload(ws, responseOrigin, request);
  const encoded = encodeRequest('command', payload);
  // Bolt checks the timestamp against the real clock, as the driver does.
  const timestamp = Math.floor(systemClock.now().getTime() / 1000);
  return {
    body: encoded.body,
    triggerId: payload.trigger_id,
    headers: {
      'content-type': encoded.contentType,
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': signRequest(ws.seed.signingSecret, timestamp, encoded.body),
    },
  };
}

/** Lets real I/O (HTTP to the emulator, SQLite, WebSockets) make progress for a moment. */
export const tick = (ms = 1) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Advances a fake clock in steps, yielding to real I/O between steps, until `probe` returns a
 * truthy value. Throws (naming `what`) after `maxFakeMs` of fake time.
 */
export async function pumpUntil<T>(
  clock: FakeClock,
  probe: () => T | undefined | null | false,
  what: string,
  { stepMs = 100, maxFakeMs = 120_000 } = {},
): Promise<T> {
  for (let advanced = 0; ; advanced += stepMs) {
    for (let i = 0; i < 3; i++) {
      const value = probe();
      if (value) return value;
      await tick();
    }
    if (advanced >= maxFakeMs) throw new Error(`gave up after ${maxFakeMs} fake ms waiting for ${what}`);
    clock.advance(stepMs);
  }
}

/** The outbox key a message was posted under (its metadata), or null for other messages. */
export function outboxKeyOf(message: SandboxMessage): string | null {
  const key = message.metadata?.event_payload?.key;
  return typeof key === 'string' ? key : null;
}

/** Every status-update post in a channel, top level and thread replies (the scheduler's posts left out). */
export function statusPosts(ws: SlackWorkspace, channel: string): SandboxMessage[] {
  return ws.allMessages(ws.channelId(channel)).filter((m) => outboxKeyOf(m)?.startsWith('status:'));
}

/** Keys that occur more than once in `messages`. */
export function duplicateKeys(messages: SandboxMessage[]): string[] {
  const seen = new Set<string>();
  const doubled = new Set<string>();
  for (const key of messages.map(outboxKeyOf)) {
    if (key === null) continue;
    if (seen.has(key)) doubled.add(key);
    seen.add(key);
  }
  return [...doubled];
}

/** Status updates stored, all or for one idempotency key prefix. */
export function countStatusUpdates(db: Db): number {
  return (db.prepare('SELECT count(*) AS n FROM status_updates').get() as { n: number }).n;
}

/** Outbox rows of one key prefix by status, e.g. `{ sent: 3 }`. */
export function outboxStatuses(db: Db, keyPrefix: string): Record<string, number> {
  const rows = db
    .prepare('SELECT status, count(*) AS n FROM slack_outbox WHERE key LIKE ? GROUP BY status')
    .all(`${keyPrefix}%`) as Array<{ status: string; n: number }>;
  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}

/** A `drumbeat` process started the way `npm start` starts it. */
export interface ChildBot {
  child: ChildProcess;
  /** Everything written to stderr / stdout so far. */
  stderr(): string;
  stdout(): string;
  /** stderr parsed as JSON lines (lines that are not JSON are returned as `{ notJson: line }`). */
  logLines(): Array<Record<string, unknown>>;
  /** Resolves with the first log record whose `msg` is `msg` (rejects if the process exits first). */
  waitForLog(msg: string, timeoutMs?: number): Promise<Record<string, unknown>>;
  /** Resolves when the process has exited, with how long after spawn. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; ms: number }>;
  kill(signal?: NodeJS.Signals): void;
}

/**
 * Spawns `tsx src/main.ts` with exactly `env` (plus PATH, so `#!/usr/bin/env node` resolves). The
 * tsx CLI runs the program in a child of its own and relays SIGTERM/SIGINT to it, but nobody can
 * relay SIGKILL: `direct` runs `node --import tsx` instead, one process, so a SIGKILL kills the bot
 * itself. `compiled` runs what `npm start` runs, `node dist/main.js`. `cwd` is where it runs (and
 * where it looks for `.env`); the repository root by default.
 */
export function spawnMain(
  env: Record<string, string>,
  { direct = false, compiled = false, cwd = repoRoot } = {},
): ChildBot {
  const started = performance.now();
  if (compiled && !existsSync(compiledMain)) throw new Error('dist/ is missing: run `npm run build` first');
  const [command, args] = compiled
    ? [process.execPath, ['--enable-source-maps', compiledMain]]
    : direct
      ? [process.execPath, ['--import', 'tsx', mainScript]]
      : [tsxBin, [mainScript]];
  const child = spawn(command, args, {
    cwd,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  let out = '';
  const listeners = new Set<() => void>();
  const changed = () => {
    for (const listener of [...listeners]) listener();
  };
  child.stderr!.on('data', (chunk: Buffer) => {
    err += chunk.toString('utf8');
    changed();
  });
  child.stdout!.on('data', (chunk: Buffer) => {
    out += chunk.toString('utf8');
    changed();
  });
  let done = false;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; ms: number }>(
    (resolve) => {
      child.once('exit', (code, signal) => {
        const ms = performance.now() - started;
        // Let the pipes flush what the process wrote before it exited.
        child.stderr!.once('end', () => {
          done = true;
          changed();
          resolve({ code, signal, ms });
        });
        if (child.stderr!.readableEnded) {
          done = true;
          changed();
          resolve({ code, signal, ms });
        }
      });
    },
  );
  const logLines = () =>
    err
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => {
        try {
          return JSON.parse(line) as Record<string, unknown>;
        } catch {
          return { notJson: line };
        }
      });
  const waitForLog = (msg: string, timeoutMs = 15_000) =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      const timer = setTimeout(() => {
        listeners.delete(check);
        reject(new Error(`no "${msg}" log line within ${timeoutMs} ms; stderr so far:\n${err}`));
      }, timeoutMs);
      const check = () => {
        const found = logLines().find((l) => l.msg === msg);
        if (found || done) {
          clearTimeout(timer);
          listeners.delete(check);
          if (found) resolve(found);
          else reject(new Error(`the process exited before logging "${msg}"; stderr:\n${err}`));
        }
      };
      listeners.add(check);
      check();
    });
  return {
    child,
    stderr: () => err,
    stdout: () => out,
    logLines,
    waitForLog,
    exited,
    kill: (signal = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    },
  };
}

/** `GET /metrics` on `port`, as `name{labels}` → value. */
export async function readMetrics(port: number): Promise<Map<string, number>> {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  const samples = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const at = line.lastIndexOf(' ');
    samples.set(line.slice(0, at), Number(line.slice(at + 1)));
  }
  return samples;
}

/** `GET <path>` on `port`: the HTTP status and the JSON body. */
export async function readHealth(port: number, path = '/healthz') {
  const response = await fetch(`http://127.0.0.1:${port}${path}`);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** A logger that keeps every JSON line it writes (at `level` and above), for assertions. */
export function keptLogLines(): { lines: Array<Record<string, unknown>>; write: (line: string) => void } {
  const lines: Array<Record<string, unknown>> = [];
  return { lines, write: (line) => lines.push(JSON.parse(line) as Record<string, unknown>) };
}
