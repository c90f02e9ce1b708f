/**
 * `drumbeat simulate`: the real bot (Bolt over HTTP, SQLite, outbox, scheduler) against the local
 * Slack workspace on a simulated clock, stepped from one due instant to the next, so a whole
 * release cycle of rounds, nudges, summaries and deadline alerts runs in seconds. Every post is
 * collected in time order with its rendered text. `statusUpdates` injects `/kep-status` commands at
 * given instants, so blockers (and their escalations) show in the timeline too.
 */
import type { ResolvedConfig } from '../config/resolved-config.ts';
import type { Logger } from '../ports/logger.ts';
import { type RoundlessSig, scheduleSettingsFrom } from '../wiring/schedule-settings.ts';
import type { RunningBot } from '../wiring/start-bot.ts';
import { namesFrom, renderMessageBody } from './render-text.ts';
import { SimulatedClock } from './simulated-clock.ts';
import { startSandboxBot } from './start-sandbox-bot.ts';
import type { SandboxMessage, SlackWorkspace } from './workspace.ts';

export interface SimulatedPost {
  /** When Slack got it (the simulated clock). */
  at: Date;
  /** `#sig-node`, or `DM @alice-facilitator`. */
  where: string;
  /** True for a thread reply. */
  inThread: boolean;
  text: string;
}

export interface SimulationResult {
  posts: SimulatedPost[];
  roundless: RoundlessSig[];
  /** SIGs that get rounds. */
  roundSigs: string[];
  /** Scheduler passes run. */
  passes: number;
}

export interface SimulateOptions {
  config: ResolvedConfig;
  from: Date;
  to: Date;
  logger?: Logger;
  /**
   * `/kep-status` commands sent at given instants (e.g. blockers, to see escalations in the
   * timeline); read them from a file with `parseSimulatedUpdates`.
   */
  statusUpdates?: SimulatedStatusUpdate[];
}

/** A `/kep-status` command a person sends during the simulation. */
export interface SimulatedStatusUpdate {
  at: Date;
  /** GitHub login of a person in the config. */
  user: string;
  /** `#sig-node`. */
  channel: string;
  /** What follows `/kep-status`, e.g. `5593 blocked blocked by sig-auth`. */
  text: string;
}

/**
 * Reads status updates for `simulate`, one per line: `INSTANT LOGIN #CHANNEL TEXT…`, e.g.
 * `2025-10-07T10:00Z alice-facilitator #sig-node 5593 blocked blocked by sig-auth`. Blank lines
 * and lines starting with `#` followed by a space are skipped; each bad line is reported by number.
 */
export function parseSimulatedUpdates(text: string): {
  updates: SimulatedStatusUpdate[];
  problems: string[];
} {
  const updates: SimulatedStatusUpdate[] = [];
  const problems: string[] = [];
  for (const [i, raw] of text.split('\n').entries()) {
    const line = raw.trim();
    if (line === '' || line.startsWith('# ')) continue;
    const match = /^(\S+)\s+(\S+)\s+(#\S+)\s+(.+)$/.exec(line);
    const at = match ? new Date(match[1]!) : null;
    if (!match || !at || Number.isNaN(at.getTime())) {
      problems.push(
        `line ${i + 1}: expected "INSTANT LOGIN #CHANNEL TEXT", e.g. "2025-10-07T10:00Z alice #sig-node 5593 blocked blocked by sig-auth"`,
      );
      continue;
    }
    updates.push({ at, user: match[2]!, channel: match[3]!, text: match[4]! });
  }
  return { updates, problems };
}

async function settle(bot: RunningBot, clock: SimulatedClock): Promise<void> {
  for (let i = 0; i < 3; i++) await new Promise((resolve) => setImmediate(resolve));
  await bot.scheduler?.idle();
  await bot.outbox.drain({ until: clock.now() });
}

function collectPosts(ws: SlackWorkspace): SimulatedPost[] {
  const names = namesFrom(ws);
  const posts: Array<SimulatedPost & { ts: number }> = [];
  for (const channel of ws.channels()) {
    const where = channel.isIm
      ? `DM @${names.user(channel.imUser ?? '') ?? channel.imUser}`
      : `#${channel.name}`;
    const add = (m: SandboxMessage, inThread: boolean) =>
      posts.push({
        at: new Date(Math.floor(Number(m.ts) * 1000)),
        ts: Number(m.ts),
        where,
        inThread,
        text: renderMessageBody(m, names),
      });
    for (const m of ws.messages(channel.id)) {
      add(m, false);
      for (const reply of ws.replies(channel.id, m.ts)) add(reply, true);
    }
  }
  return posts.sort((a, b) => a.ts - b.ts).map(({ ts: _ts, ...post }) => post);
}

/** Runs the scheduler from `from` to `to` on a simulated clock and returns every post. */
export async function simulateRelease(options: SimulateOptions): Promise<SimulationResult> {
  const clock = new SimulatedClock(options.from);
  const sandbox = await startSandboxBot({
    mode: 'http',
    editConfig: () => options.config,
    clock,
    sleep: clock.sleep,
    perChannelIntervalMs: 0,
    workspace: { rate: { perChannelPerSecond: 1_000_000, burst: 1_000_000 } },
    ...(options.logger ? { logger: options.logger } : {}),
  });
  try {
    const bot = sandbox.bot;
    const updates = (options.statusUpdates ?? [])
      .filter((u) => u.at <= options.to)
      .sort((a, b) => +a.at - +b.at);
    for (;;) {
      await settle(bot, clock);
      const next = clock.nextTimerAt();
      const update = updates[0];
      if (update && (next === null || update.at <= next)) {
        clock.advanceTo(update.at);
        await sandbox.driver.command(update.user, update.channel, '/kep-status', update.text);
        updates.shift();
        continue;
      }
      if (next === null || next > options.to) break;
      clock.advanceTo(next);
    }
    clock.advanceTo(options.to);
    await settle(bot, clock);
    const { settings, roundless } = scheduleSettingsFrom(options.config);
    return {
      posts: collectPosts(sandbox.ws),
      roundless,
      roundSigs: settings.rounds.map((r) => r.sig),
      passes: bot.scheduler?.passes ?? 0,
    };
  } finally {
    // Messages deferred past `to` (quiet hours) stay unsent: a drain would wait for simulated
    // time that never comes, so stop without one.
    await sandbox.bot.scheduler?.stop();
    await sandbox.bot.outbox.stop({ drainMs: 0 });
    await sandbox.close();
  }
}
