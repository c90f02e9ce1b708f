/**
 * `npm run bench -- cold-start`: what `npm start` costs before it serves, and at rest. The bot is
 * started exactly as package.json's `start` script starts it (one process, so its memory is its
 * own), in HTTP mode against the local Slack workspace with the example configuration, next to a
 * bare Bolt app (`bench/bare-bolt-app.mjs`) started the same way, alternately, several times:
 * - time from spawn to the first `GET /healthz` answered 200;
 * - resident memory after a few idle seconds.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadConfig } from '../src/config/load-config.ts';
import { seedFromConfig } from '../src/sandbox/seed-from-config.ts';
import { startWebApiServer } from '../src/sandbox/web-api-server.ts';
import { SlackWorkspace } from '../src/sandbox/workspace.ts';
import { systemClock } from '../src/system/system-clock.ts';
import { compared, type Figure, percentile, type Suite } from './figure.ts';

const repoRoot = new URL('../', import.meta.url).pathname;
const runs = 5;
const idleMs = 3000;

/** The command `npm start` runs, as one Node process (tsx as a loader rather than its CLI). */
function startCommand(): string[] {
  const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  };
  const [bin, ...args] = pkg.scripts.start!.split(/\s+/);
  if (bin === 'node') return [process.execPath, ...args];
  if (bin === 'tsx') return [process.execPath, '--import', 'tsx', ...args];
  throw new Error(`bench cold-start: cannot run the start script "${pkg.scripts.start}" directly`);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function untilHealthy(port: number, child: ChildProcess, started: number): Promise<number> {
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`the process exited (${child.exitCode}) before /healthz answered`);
    if (performance.now() - started > 30_000) throw new Error('/healthz did not answer within 30 s');
    try {
      const response = await fetch(`http://127.0.0.1:${port}/healthz`);
      await response.text();
      if (response.status === 200) return performance.now() - started;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 5));
  }
}

function rssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN);
  return kb / 1024;
}

/** Spawns `command`, times it to a healthy /healthz, idles, reads its RSS, and stops it. */
async function measure(command: string[], env: Record<string, string>): Promise<{ ms: number; rss: number }> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(command[0]!, command.slice(1), {
    cwd: repoRoot,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  try {
    const ms = await untilHealthy(port, child, started);
    await new Promise((r) => setTimeout(r, idleMs));
    return { ms, rss: rssMiB(child.pid!) };
  } catch (error) {
    throw new Error(`${command.join(' ')}: ${(error as Error).message}\n${stderr.slice(-2000)}`);
  } finally {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  }
}

async function run(): Promise<Figure[]> {
  const loaded = await loadConfig(join(repoRoot, 'drumbeat.example.yaml'));
  if (!loaded.ok) throw new Error('the example config does not load');
  const ws = new SlackWorkspace(seedFromConfig(loaded.config), { now: () => systemClock.now() });
  const api = await startWebApiServer(ws);
  const dir = mkdtempSync(join(tmpdir(), 'drumbeat-bench-start-'));
  const env = {
    SLACK_BOT_TOKEN: ws.seed.tokens.bot,
    SLACK_SIGNING_SECRET: ws.seed.signingSecret,
    SLACK_API_URL: api.url,
    DRUMBEAT_CONFIG: join(repoRoot, 'drumbeat.example.yaml'),
    LOG_LEVEL: 'warn',
  };
  const bot: Array<{ ms: number; rss: number }> = [];
  const bare: Array<{ ms: number; rss: number }> = [];
  try {
    for (let i = 0; i < runs; i++) {
      bare.push(await measure([process.execPath, join(repoRoot, 'bench/bare-bolt-app.mjs')], env));
      bot.push(await measure(startCommand(), { ...env, DRUMBEAT_DB: join(dir, `run-${i}.db`) }));
    }
  } finally {
    await api.close();
    rmSync(dir, { recursive: true, force: true });
  }
  const median = (xs: number[]) => percentile(xs, 50);
  return [
    compared(
      'cold start: npm start → /healthz 200 vs bare Bolt (median of 5)',
      median(bot.map((r) => r.ms)),
      median(bare.map((r) => r.ms)),
      'ms',
    ),
    compared(
      'idle RSS: npm start after 3 s idle vs bare Bolt (median of 5)',
      median(bot.map((r) => r.rss)),
      median(bare.map((r) => r.rss)),
      'MiB',
    ),
  ];
}

export const coldStartSuite: Suite = { name: 'cold-start', run };
