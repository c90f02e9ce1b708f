/**
 * The reliability suite: the real bot (Bolt over HTTP, SQLite, the outbox) against the local Slack
 * workspace with faults injected, driven by signed requests. Each scenario counts the inputs tried,
 * the failures (a false claim, an answer after Slack's 3 s, a duplicate post, a person not told)
 * and what was lost (an update not recorded, a post neither delivered nor reported as refused).
 * `npm run test:reliability` prints them as a table; `npm run bench -- reliability` as figures.
 */
import { performance } from 'node:perf_hooks';
import { createHttpDriver, type SlackDriver } from '../src/sandbox/driver.ts';
import { type SandboxBot, startSandboxBot } from '../src/sandbox/start-sandbox-bot.ts';
import type { SandboxFailure } from '../src/sandbox/workspace.ts';
import { systemClock } from '../src/system/system-clock.ts';
import { type Figure, figure, type Suite } from './figure.ts';
import { forgedPayloads, hostileInputs } from './reliability-hostile.ts';
import { killsInTheWindow, killsMidTraffic } from './reliability-kills.ts';
import type { ReliabilityRow } from './reliability-row.ts';

/** SIGs with KEPs in the example release; erin (the release team) may report for each. */
const sigs = ['sig-node', 'sig-storage', 'sig-scheduling', 'sig-instrumentation'];
const reporter = 'erin-enhancements';

async function sandboxBot(): Promise<SandboxBot> {
  return startSandboxBot({
    mode: 'http',
    clock: systemClock,
    perChannelIntervalMs: 0,
    workspace: { rate: { perChannelPerSecond: 1_000_000, burst: 1_000_000 } },
  });
}

/** A driver that gives up after 3 s, as Slack does. */
function slackLike(sb: SandboxBot): SlackDriver {
  return createHttpDriver(sb.ws, {
    appUrl: `http://127.0.0.1:${sb.bot.port}/slack/events`,
    responseOrigin: sb.api.origin,
    ackTimeoutMs: 3000,
  });
}

function kepsOf(sb: SandboxBot, sig: string): number[] {
  return sb.bot.store.keps.list({ owningSig: sig, latestMilestone: 'v1.35' }).map((k) => k.number);
}

const countUpdates = (sb: SandboxBot) =>
  (sb.bot.db.prepare('SELECT count(*) AS n FROM status_updates').get() as { n: number }).n;

const statusPosts = (sb: SandboxBot, sig: string) =>
  sb.ws
    .allMessages(sb.ws.channelId(`#${sig}`))
    .filter((m) => String(m.metadata?.event_payload?.key ?? '').startsWith('status:'));

/** Sends `count` one-line updates round-robin over the SIGs; returns each reply's text. */
async function sendUpdates(sb: SandboxBot, driver: SlackDriver, count: number): Promise<string[]> {
  const replies: string[] = [];
  for (let i = 0; i < count; i++) {
    const sig = sigs[i % sigs.length]!;
    const keps = kepsOf(sb, sig);
    const kep = keps[Math.floor(i / sigs.length) % keps.length]!;
    const result = await driver.command(reporter, `#${sig}`, '/kep-status', `${kep} on-track run ${i}`);
    replies.push(result.status === 200 ? JSON.stringify(result.body) : `HTTP ${result.status}`);
  }
  return replies;
}

/** With every call refused for the token: no reply claims a post, everyone is told, nothing is lost. */
export async function tokenRevoked(count = 20): Promise<ReliabilityRow> {
  const sb = await sandboxBot();
  try {
    sb.ws.revokeToken();
    const replies = await sendUpdates(sb, slackLike(sb), count);
    await sb.ws.waitFor(() => sb.ws.ephemerals().filter((e) => e.replaceOriginal).length >= count, 15_000);
    const told = sb.ws.ephemerals().filter((e) => e.replaceOriginal);
    const falseClaims = [...replies, ...told.map((e) => JSON.stringify(e.blocks))].filter((r) =>
      r.includes('Posted in'),
    ).length;
    const untold = count - told.filter((e) => JSON.stringify(e.blocks).includes('token_revoked')).length;
    const health = await fetch(`http://127.0.0.1:${sb.bot.port}/readyz`);
    const lost = count - countUpdates(sb);
    return {
      fault: 'token revoked (every Web API call)',
      inputs: count,
      failures: falseClaims + untold + replies.filter((r) => r.startsWith('HTTP')).length,
      lost,
      note: `/readyz ${health.status}; false "Posted": ${falseClaims}; not told: ${untold}`,
    };
  } finally {
    await sb.close();
  }
}

/**
 * A 429 storm on one channel (Retry-After 2 s, `stormCalls` calls) while updates go to four: every
 * post once, none lost, and the other channels' posts never wait for the storm.
 */
export async function rateLimitStorm(count = 40, stormCalls = 8): Promise<ReliabilityRow> {
  const sb = await sandboxBot();
  try {
    sb.ws.failNext('chat.postMessage', { channel: '#sig-node', retryAfter: 2, times: stormCalls });
    const started = performance.now();
    const replies = await sendUpdates(sb, slackLike(sb), count);
    const others = sigs.filter((s) => s !== 'sig-node');
    const expected = (sig: string) => Math.ceil((count - sigs.indexOf(sig)) / sigs.length);
    const othersDone = await sb.ws.waitFor(
      () => others.every((s) => statusPosts(sb, s).length >= expected(s)) && performance.now(),
      30_000,
    );
    await sb.ws.waitFor(() => statusPosts(sb, 'sig-node').length >= expected('sig-node'), 60_000);
    const nodeDone = performance.now();
    await new Promise((resolve) => setTimeout(resolve, 200));
    const posts = sigs.flatMap((s) => statusPosts(sb, s));
    const keys = posts.map((m) => String(m.metadata?.event_payload?.key));
    const duplicates = keys.length - new Set(keys).size;
    const limited = sb.ws.calls('chat.postMessage').filter((c) => c.error === 'ratelimited').length;
    return {
      fault: '429 storm on one channel (Retry-After 2 s)',
      inputs: count,
      // the other channels must not wait for the limited one
      failures:
        duplicates + replies.filter((r) => r.startsWith('HTTP')).length + (othersDone >= nodeDone ? 1 : 0),
      lost: count - new Set(keys).size + (count - countUpdates(sb)),
      note: `${limited} calls answered 429; other channels done after ${Math.round(othersDone - started)} ms, the limited one after ${Math.round(nodeDone - started)} ms; duplicates: ${duplicates}`,
    };
  } finally {
    await sb.close();
  }
}

/** views.open slow (4 s), failing (503) or rate limited: each person gets the bot's answer within 3 s. */
export async function degradedViewsOpen(perKind = 5): Promise<ReliabilityRow> {
  const sb = await sandboxBot();
  try {
    const driver = slackLike(sb);
    const kinds: SandboxFailure[] = [{ delayMs: 4000 }, { status: 503 }, { status: 500 }, { retryAfter: 30 }];
    let failures = 0;
    let slowest = 0;
    for (let i = 0; i < perKind * kinds.length; i++) {
      sb.ws.failNext('views.open', kinds[i % kinds.length]!);
      const started = performance.now();
      const result = await driver.command('alice-facilitator', '#sig-node', '/kep-status');
      slowest = Math.max(slowest, performance.now() - started);
      if (result.status !== 200 || !JSON.stringify(result.body).includes('could not open')) failures++;
    }
    return {
      fault: 'views.open slow (4 s) / 5xx / 429',
      inputs: perKind * kinds.length,
      failures,
      lost: 0,
      note: `every answer is the bot's own; slowest ack ${Math.round(slowest)} ms (Slack's limit 3000)`,
    };
  } finally {
    await sb.close();
  }
}

/** Runs `scenario` on a fresh sandbox bot. */
async function onSandbox(scenario: (sb: SandboxBot) => Promise<ReliabilityRow>): Promise<ReliabilityRow> {
  const sb = await sandboxBot();
  try {
    return await scenario(sb);
  } finally {
    await sb.close();
  }
}

/** Every scenario, in order. */
export async function runReliability(): Promise<ReliabilityRow[]> {
  return [
    await tokenRevoked(),
    await rateLimitStorm(),
    await degradedViewsOpen(),
    await onSandbox((sb) => hostileInputs(sb)),
    await onSandbox(forgedPayloads),
    await killsMidTraffic(),
    await killsInTheWindow('history scopes'),
    await killsInTheWindow('at-least-once'),
    await killsInTheWindow('at-most-once'),
  ];
}

/** The rows as a plain-text table. */
export function formatTable(rows: ReliabilityRow[]): string {
  const header = ['fault', 'inputs tried', 'failures', 'lost', 'notes'];
  const cells = rows.map((r) => [r.fault, String(r.inputs), String(r.failures), String(r.lost), r.note]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) => c.map((v, i) => v.padEnd(widths[i]!)).join(' | ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('-|-'), ...cells.map(line)].join('\n');
}

export const reliabilitySuite: Suite = {
  name: 'reliability',
  async run(): Promise<Figure[]> {
    const rows = await runReliability();
    return rows.flatMap((r) => [
      figure(`reliability ${r.fault}: inputs`, r.inputs, 'count'),
      figure(`reliability ${r.fault}: failures`, r.failures, 'count'),
      figure(`reliability ${r.fault}: lost`, r.lost, 'count'),
    ]);
  },
};
