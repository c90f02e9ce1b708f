/**
 * Ack latency of slash commands sent signed through the HTTP receiver, for the real bot and for a
 * bare Bolt app that only acks (same machine, same run), and the modal open latency (request in →
 * `views.open` received by the emulator). Sequential requests after a warm-up, then bursts of
 * concurrent ones, with and without a deep outbox backlog.
 *
 * The bot runs as `npm start` runs it and the bare app as a plain Node program, each in a process
 * of its own (`bench/spawned.ts`); this process is Slack: the local workspace's Web API, response
 * URLs and the client sending the signed requests. So each side's figures count its own CPU only,
 * as in a deployment, and the bot's work after an ack (its channel post, its response-URL update)
 * competes with its later acks as it would in production.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createStore } from '../src/db/create-store.ts';
import { migrate } from '../src/db/migrate.ts';
import { openDatabase } from '../src/db/open.ts';
import { createOutboxRepo } from '../src/db/repos/outbox-repo.ts';
import { encodeRequest, signRequest } from '../src/sandbox/driver.ts';
import type { SlackWorkspace } from '../src/sandbox/workspace.ts';
import { buildOutboxRecord } from '../src/slack/outbox/build-outbox-record.ts';
import { systemClock } from '../src/system/system-clock.ts';
import { compared, type Figure, figure, percentile, type Suite } from './figure.ts';
import { bareCommand, cpuMs, type Spawned, spawnServing, startCommand, startLocalSlack } from './spawned.ts';

const warmup = 30;
const samples = 400;
const backlogSize = 2000;

interface Target {
  url: string;
  ws: SlackWorkspace;
  responseOrigin: string;
}

/** A fresh signed slash command (its own trigger_id, so idempotency never short-cuts it). */
function signedCommand(target: Target, user: string, channel: string, text: string) {
  const { ws } = target;
  const userId = ws.userId(user);
  const channelId = ws.channelId(channel);
  const payload = {
    token: 'sandbox-verification-token',
    team_id: ws.seed.team.id,
    team_domain: ws.seed.team.domain,
    channel_id: channelId,
    channel_name: channel.replace(/^#/, ''),
    user_id: userId,
    user_name: user,
    command: '/kep-status',
    text,
    api_app_id: ws.seed.bot.appId,
    is_enterprise_install: 'false',
    response_url: target.responseOrigin + ws.createResponseUrlPath({ channel: channelId, user: userId }),
    trigger_id: ws.mintTriggerId(userId),
  };
  const { body, contentType } = encodeRequest('command', payload);
  const timestamp = Math.floor(systemClock.now().getTime() / 1000);
  const headers = {
    'content-type': contentType,
    'x-slack-request-timestamp': String(timestamp),
    'x-slack-signature': signRequest(ws.seed.signingSecret, timestamp, body),
  };
  return { body, headers };
}

/** Sends one command and returns its time to the ack, in ms. */
async function once(target: Target, text: string): Promise<number> {
  const { body, headers } = signedCommand(target, 'alice-facilitator', '#sig-node', text);
  const started = performance.now();
  const response = await fetch(target.url, { method: 'POST', headers, body });
  await response.text();
  const ms = performance.now() - started;
  if (response.status !== 200) throw new Error(`${target.url} answered ${response.status} to "${text}"`);
  return ms;
}

/**
 * Runs the variants round-robin, one request at a time (so machine noise falls on all of them
 * alike): a warm-up, then `samples` requests each. Returns each variant's times.
 */
async function interleaved(variants: Array<{ target: Target; text: (i: number) => string }>) {
  const times = variants.map(() => [] as number[]);
  for (let i = 0; i < warmup + samples; i++) {
    for (const [v, variant] of variants.entries()) {
      const ms = await once(variant.target, variant.text(i));
      if (i >= warmup) times[v]!.push(ms);
    }
  }
  return times;
}

/** How many requests arrive at once in the concurrent figures, and how many such bursts. */
const concurrency = 50;
const bursts = 8;
/** How long a process is given after a burst to finish what the burst started, when its CPU is read. */
const settleMs = 300;

/** Bursts of `concurrency` requests at once, alternating the variants burst by burst. */
/**
 * Bursts of `concurrency` requests at once, alternating the variants burst by burst. With a pid,
 * a variant's CPU time per request is read from /proc: from just before each burst until its
 * process has settled (its posts and response-URL updates after the acks included).
 */
async function concurrentBursts(
  variants: Array<{ target: Target; text: (i: number) => string; pid?: number }>,
) {
  const times = variants.map(() => [] as number[]);
  const cpu = variants.map(() => 0);
  for (let b = 0; b < bursts + 1; b++) {
    for (const [v, variant] of variants.entries()) {
      const before = variant.pid ? cpuMs(variant.pid) : 0;
      const burst = Array.from({ length: concurrency }, (_, i) =>
        once(variant.target, variant.text(b * concurrency + i)),
      );
      const ms = await Promise.all(burst);
      if (variant.pid) await new Promise((r) => setTimeout(r, settleMs));
      if (b > 0) {
        times[v]!.push(...ms); // the first burst warms up
        if (variant.pid) cpu[v]! += cpuMs(variant.pid) - before;
      }
    }
  }
  return { times, cpuPerRequest: cpu.map((total) => total / (bursts * concurrency)) };
}

/** p50 and p99 of ours against the bare app's, under one label. */
function concurrentFigures(label: string, ours: number[], bare: number[]): Figure[] {
  return [50, 99].map((p) =>
    compared(`slack ack: ${label} p${p} vs bare Bolt`, percentile(ours, p), percentile(bare, p), 'ms'),
  );
}

/**
 * A backlog like the morning of a freeze, written into the bot's database before it starts (so its
 * outbox recovers it at start): `count` scheduled posts spread over the workspace's channels, all
 * due now. Pacing (one post per second per channel) keeps most of them pending for the whole
 * measurement.
 */
function seedBacklog(ws: SlackWorkspace, dbFile: string, count: number): void {
  const channels = ws.seed.channels
    .filter((c) => c.botIsMember !== false && !c.isPrivate)
    .map((c) => ws.channelId(c.name));
  const db = openDatabase(dbFile);
  try {
    migrate(db);
    const outbox = createOutboxRepo(db);
    const now = systemClock.now();
    db.transaction(() => {
      for (let i = 0; i < count; i++) {
        const message = {
          kind: 'post' as const,
          key: `bench:backlog:${i}`,
          lane: 'scheduled' as const,
          channel: channels[i % channels.length]!,
          text: `backlog post ${i}`,
        };
        outbox.insert(buildOutboxRecord(message, now), now);
      }
    })();
  } finally {
    db.close();
  }
}

/** Pending outbox rows of the scheduled lane in the bot's database (read from a second connection). */
function pendingScheduled(dbFile: string): number {
  const db = openDatabase(dbFile);
  try {
    return createOutboxRepo(db).countPending('scheduled', null);
  } finally {
    db.close();
  }
}

/** The sig-node KEPs of the release in the bot's database, once it has read the KEPs at start. */
function sigNodeKeps(dbFile: string): number[] {
  const db = openDatabase(dbFile);
  try {
    return createStore(db)
      .keps.list({ owningSig: 'sig-node', latestMilestone: 'v1.35' })
      .map((k) => k.number);
  } finally {
    db.close();
  }
}

/** Time from sending `/kep-status` to the emulator receiving the bot's views.open, per request. */
async function modalOpenTimes(target: Target): Promise<number[] | null> {
  const { ws } = target;
  let opened = 0;
  let openedAt = 0;
  const unsubscribe = ws.onChange(() => {
    const count = ws.calls('views.open').length;
    if (count > opened) {
      opened = count;
      openedAt = performance.now();
    }
  });
  try {
    const once = async (): Promise<number | null> => {
      const before = opened;
      const { body, headers } = signedCommand(target, 'alice-facilitator', '#sig-node', '');
      const started = performance.now();
      const response = await fetch(target.url, { method: 'POST', headers, body });
      await response.text();
      if (opened === before) return null;
      return openedAt - started;
    };
    const first = await once();
    if (first === null) return null;
    for (let i = 1; i < warmup; i++) await once();
    const times: number[] = [];
    for (let i = 0; i < samples; i++) {
      const t = await once();
      if (t === null) throw new Error('a /kep-status without text did not open the modal');
      times.push(t);
    }
    return times;
  } finally {
    unsubscribe();
  }
}

async function run(): Promise<Figure[]> {
  const { ws, api, env } = await startLocalSlack();
  const dir = mkdtempSync(join(tmpdir(), 'drumbeat-bench-ack-'));
  const dbFile = join(dir, 'bot.db');
  const backlogDb = join(dir, 'backlog.db');
  const running: Spawned[] = [];
  const spawnOne = async (command: string[], extra: Record<string, string> = {}) => {
    const spawned = await spawnServing(command, { ...env, ...extra });
    running.push(spawned);
    return spawned;
  };
  const targetOf = (port: number): Target => ({
    url: `http://127.0.0.1:${port}/slack/events`,
    ws,
    responseOrigin: api.origin,
  });
  try {
    const bot = await spawnOne(startCommand(), { DRUMBEAT_DB: dbFile });
    const bareApp = await spawnOne(bareCommand());
    const ours = targetOf(bot.port);
    const baseline = targetOf(bareApp.port);
    const keps = sigNodeKeps(dbFile);
    if (keps.length === 0) throw new Error('the bot read no sig-node KEP of v1.35 from the example');

    const [bareTimes, helpTimes, quickTimes] = (await interleaved([
      { target: baseline, text: () => 'help' },
      { target: ours, text: () => 'help' },
      { target: ours, text: (i) => `${keps[i % keps.length]} ${i % 2 ? 'on-track' : 'at-risk'}` },
    ])) as [number[], number[], number[]];
    const bareP50 = percentile(bareTimes, 50);
    const bareP99 = percentile(bareTimes, 99);
    const figures: Figure[] = [
      figure('slack ack: bare Bolt app p50', bareP50, 'ms'),
      figure('slack ack: bare Bolt app p99', bareP99, 'ms'),
      compared('slack ack: /kep-status help p50 vs bare Bolt', percentile(helpTimes, 50), bareP50, 'ms'),
      compared('slack ack: /kep-status help p99 vs bare Bolt', percentile(helpTimes, 99), bareP99, 'ms'),
      compared(
        'slack ack: /kep-status <kep> on-track (quick form, db write) p50 vs bare Bolt',
        percentile(quickTimes, 50),
        bareP50,
        'ms',
      ),
      compared(
        'slack ack: /kep-status <kep> on-track (quick form, db write) p99 vs bare Bolt',
        percentile(quickTimes, 99),
        bareP99,
        'ms',
      ),
    ];
    const quickText = (i: number) => `${keps[i % keps.length]} ${i % 2 ? 'on-track' : 'at-risk'}`;
    const burst = await concurrentBursts([
      { target: baseline, text: () => 'help', pid: bareApp.pid },
      { target: ours, text: quickText, pid: bot.pid },
    ]);
    const [bareBurst, quickBurst] = burst.times as [number[], number[]];
    figures.push(
      ...concurrentFigures(`quick form, ${concurrency} concurrent`, quickBurst, bareBurst),
      compared(
        'slack ack: CPU per quick-form request (record, ack, channel post, reply update) vs bare Bolt ack',
        burst.cpuPerRequest[1]!,
        burst.cpuPerRequest[0]!,
        'ms',
      ),
    );
    const modal = await modalOpenTimes(ours);
    await bot.stop();
    seedBacklog(ws, backlogDb, backlogSize);
    const backlogBot = await spawnOne(startCommand(), { DRUMBEAT_DB: backlogDb });
    const [bareBacklog, quickBacklog] = (
      await concurrentBursts([
        { target: baseline, text: () => 'help' },
        { target: targetOf(backlogBot.port), text: quickText },
      ])
    ).times as [number[], number[]];
    figures.push(
      ...concurrentFigures(
        `quick form, ${concurrency} concurrent, ${backlogSize}-post outbox backlog`,
        quickBacklog,
        bareBacklog,
      ),
      figure(
        'slack ack: outbox rows still pending after the backlog bursts',
        pendingScheduled(backlogDb),
        'rows',
      ),
    );
    if (modal === null) {
      process.stderr.write(
        'bench slack-ack: the /kep-status modal is not built yet; modal open latency skipped\n',
      );
    } else {
      figures.push(
        compared(
          'slack modal: /kep-status request → views.open p50 vs bare Bolt ack',
          percentile(modal, 50),
          bareP50,
          'ms',
        ),
        compared(
          'slack modal: /kep-status request → views.open p99 vs bare Bolt ack',
          percentile(modal, 99),
          bareP99,
          'ms',
        ),
      );
    }
    return figures;
  } finally {
    for (const spawned of running) await spawned.stop();
    await api.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export const slackAckSuite: Suite = { name: 'slack-ack', run };
