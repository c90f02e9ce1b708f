/**
 * `npm run bench -- cold-start`: what `npm start` costs before it serves, and at rest. The bot is
 * started exactly as package.json's `start` script starts it (one process, so its memory is its
 * own), in HTTP mode against the local Slack workspace with the example configuration, next to a
 * bare Bolt app (`bench/bare-bolt-app.mjs`) started the same way, alternately, several times:
 * - time from spawn to the first `GET /healthz` answered 200;
 * - resident memory after a few idle seconds (what start-up left behind);
 * - resident memory of both left idle side by side for `settledIdleMs`, once: V8's memory reducer
 *   has by then given back what the start-up burst grew (the steady state of a bot between
 *   requests, which is what a pod's memory request is sized from).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compared, type Figure, percentile, type Suite } from './figure.ts';
import { bareCommand, rssMiB, spawnServing, startCommand, startLocalSlack } from './spawned.ts';

const runs = 5;
const idleMs = 3000;

/** Spawns `command`, times it to a healthy /healthz, idles, reads its RSS, and stops it. */
async function measure(command: string[], env: Record<string, string>): Promise<{ ms: number; rss: number }> {
  const started = await spawnServing(command, env);
  try {
    await new Promise((r) => setTimeout(r, idleMs));
    return { ms: started.startMs, rss: rssMiB(started.pid) };
  } finally {
    await started.stop();
  }
}

const settledIdleMs = 45_000;

/** Both programs started, left idle side by side for `settledIdleMs`, their RSS read, stopped. */
async function settledIdle(
  env: Record<string, string>,
  dbFile: string,
): Promise<{ bot: number; bare: number }> {
  const bot = await spawnServing(startCommand(), { ...env, DRUMBEAT_DB: dbFile });
  try {
    const bare = await spawnServing(bareCommand(), env);
    try {
      await new Promise((r) => setTimeout(r, settledIdleMs));
      return { bot: rssMiB(bot.pid), bare: rssMiB(bare.pid) };
    } finally {
      await bare.stop();
    }
  } finally {
    await bot.stop();
  }
}

async function run(): Promise<Figure[]> {
  const { api, env } = await startLocalSlack();
  const dir = mkdtempSync(join(tmpdir(), 'drumbeat-bench-start-'));
  const bot: Array<{ ms: number; rss: number }> = [];
  const bare: Array<{ ms: number; rss: number }> = [];
  let settled: { bot: number; bare: number };
  try {
    for (let i = 0; i < runs; i++) {
      bare.push(await measure(bareCommand(), env));
      bot.push(await measure(startCommand(), { ...env, DRUMBEAT_DB: join(dir, `run-${i}.db`) }));
    }
    settled = await settledIdle(env, join(dir, 'settled.db'));
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
    compared(
      `idle RSS: npm start left idle ${settledIdleMs / 1000} s (memory reducer run) vs bare Bolt`,
      settled.bot,
      settled.bare,
      'MiB',
    ),
  ];
}

export const coldStartSuite: Suite = { name: 'cold-start', run };
