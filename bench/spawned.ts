/**
 * Programs started as their own Node processes, the way production starts them: the bot exactly as
 * package.json's `start` script runs it, and the bare Bolt app (`bench/bare-bolt-app.mjs`), each
 * against the local Slack workspace served from the bench process. Their CPU and memory are their
 * own, as in a deployment where Slack is elsewhere.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadConfig } from '../src/config/load-config.ts';
import { seedFromConfig } from '../src/sandbox/seed-from-config.ts';
import { startWebApiServer } from '../src/sandbox/web-api-server.ts';
import { SlackWorkspace } from '../src/sandbox/workspace.ts';
import { systemClock } from '../src/system/system-clock.ts';

export const repoRoot = new URL('../', import.meta.url).pathname;

/** The command `npm start` runs, as one Node process (tsx as a loader rather than its CLI). */
export function startCommand(): string[] {
  const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  };
  const [bin, ...args] = pkg.scripts.start!.split(/\s+/);
  if (bin === 'node') return [process.execPath, ...args];
  if (bin === 'tsx') return [process.execPath, '--import', 'tsx', ...args];
  throw new Error(`bench: cannot run the start script "${pkg.scripts.start}" directly`);
}

/** The bare Bolt app: a Bolt app in HTTP mode that only acks /kep-status and serves /healthz. */
export function bareCommand(): string[] {
  return [process.execPath, join(repoRoot, 'bench/bare-bolt-app.mjs')];
}

export function freePort(): Promise<number> {
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

export function rssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN);
  return kb / 1024;
}

/** CPU time (user + system) the process has used so far, in ms. */
export function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  return (ticks * 1000) / 100;
}

export interface Spawned {
  port: number;
  pid: number;
  /** Spawn to the first /healthz 200, ms. */
  startMs: number;
  stop: () => Promise<void>;
}

/** Spawns `command` on a free port, waits for /healthz 200; `stop` sends SIGTERM and waits for the exit. */
export async function spawnServing(command: string[], env: Record<string, string>): Promise<Spawned> {
  const port = await freePort();
  const started = performance.now();
  // e.g. BENCH_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the measured programs
  const extra = process.env.BENCH_NODE_ARGS?.split(/\s+/).filter(Boolean) ?? [];
  const child = spawn(command[0]!, [...extra, ...command.slice(1)], {
    cwd: repoRoot,
    env: {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      ...env,
      PORT: String(port),
      HOST: '127.0.0.1',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const stop = async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  };
  try {
    const startMs = await untilHealthy(port, child, started);
    return { port, pid: child.pid!, startMs, stop };
  } catch (error) {
    await stop();
    throw new Error(`${command.join(' ')}: ${(error as Error).message}\n${stderr.slice(-2000)}`);
  }
}

export interface LocalSlack {
  ws: SlackWorkspace;
  api: Awaited<ReturnType<typeof startWebApiServer>>;
  /** What a spawned bot or bare app needs to reach it, with the example configuration. */
  env: Record<string, string>;
}

/** The local Slack workspace of the example configuration, its Web API served from this process. */
export async function startLocalSlack(): Promise<LocalSlack> {
  const configFile = join(repoRoot, 'drumbeat.example.yaml');
  const loaded = await loadConfig(configFile);
  if (!loaded.ok) throw new Error('the example config does not load');
  const ws = new SlackWorkspace(seedFromConfig(loaded.config), { now: () => systemClock.now() });
  const api = await startWebApiServer(ws);
  const env = {
    SLACK_BOT_TOKEN: ws.seed.tokens.bot,
    SLACK_SIGNING_SECRET: ws.seed.signingSecret,
    SLACK_API_URL: api.url,
    DRUMBEAT_CONFIG: configFile,
    LOG_LEVEL: 'warn',
  };
  return { ws, api, env };
}
