/**
 * Ack latency of slash commands sent signed through the HTTP receiver, for the real bot and for a
 * bare Bolt app that only acks (same machine, same run), and the modal open latency (request in →
 * `views.open` received by the emulator). Sequential requests after a warm-up.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { App, HTTPReceiver, LogLevel } from '@slack/bolt';
import { encodeRequest, signRequest } from '../src/sandbox/driver.ts';
import { type SandboxBot, startSandboxBot } from '../src/sandbox/start-sandbox-bot.ts';
import type { SlackWorkspace } from '../src/sandbox/workspace.ts';
import { systemClock } from '../src/system/system-clock.ts';
import { compared, type Figure, figure, percentile, type Suite } from './figure.ts';

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

/** Bursts of `concurrency` requests at once, alternating the variants burst by burst. */
async function concurrentBursts(variants: Array<{ target: Target; text: (i: number) => string }>) {
  const times = variants.map(() => [] as number[]);
  for (let b = 0; b < bursts + 1; b++) {
    for (const [v, variant] of variants.entries()) {
      const burst = Array.from({ length: concurrency }, (_, i) =>
        once(variant.target, variant.text(b * concurrency + i)),
      );
      const ms = await Promise.all(burst);
      if (b > 0) times[v]!.push(...ms); // the first burst warms up
    }
  }
  return times;
}

/**
 * A backlog like the morning of a freeze: `count` scheduled posts spread over the workspace's
 * channels, all due now. Pacing (one post per second per channel) keeps most of them pending
 * for the whole measurement.
 */
function enqueueBacklog(sandbox: SandboxBot, count: number): void {
  const channels = sandbox.ws.seed.channels
    .filter((c) => c.botIsMember !== false && !c.isPrivate)
    .map((c) => sandbox.ws.channelId(c.name));
  for (let i = 0; i < count; i++) {
    sandbox.bot.outbox.enqueue({
      kind: 'post',
      key: `bench:backlog:${i}`,
      lane: 'scheduled',
      channel: channels[i % channels.length]!,
      text: `backlog post ${i}`,
    });
  }
}

/** p50 and p99 of ours against the bare app's, under one label. */
function concurrentFigures(label: string, ours: number[], bare: number[]): Figure[] {
  return [50, 99].map((p) =>
    compared(`slack ack: ${label} p${p} vs bare Bolt`, percentile(ours, p), percentile(bare, p), 'ms'),
  );
}

/** A Bolt app with the same receiver that only acks /kep-status: the floor for any listener. */
async function startBareApp(sandbox: SandboxBot): Promise<{ url: string; stop: () => Promise<void> }> {
  const receiver = new HTTPReceiver({
    signingSecret: sandbox.ws.seed.signingSecret,
    endpoints: '/slack/events',
  });
  const app = new App({
    receiver,
    token: sandbox.ws.seed.tokens.bot,
    clientOptions: { slackApiUrl: sandbox.api.url },
    logLevel: LogLevel.ERROR,
  });
  app.command('/kep-status', async ({ ack }) => {
    await ack();
  });
  const server = (await app.start({ port: 0, host: '127.0.0.1' })) as Server;
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/slack/events`,
    stop: async () => {
      await app.stop();
    },
  };
}

/** Time from sending `/kep-status` to the emulator receiving the bot's views.open, per request. */
async function modalOpenTimes(sandbox: SandboxBot, target: Target): Promise<number[] | null> {
  const { ws } = sandbox;
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
  const sandbox = await startSandboxBot({ mode: 'http', clock: systemClock });
  const bare = await startBareApp(sandbox);
  try {
    const ours: Target = {
      url: `http://127.0.0.1:${sandbox.bot.port}/slack/events`,
      ws: sandbox.ws,
      responseOrigin: sandbox.api.origin,
    };
    const baseline: Target = { ...ours, url: bare.url };
    const keps = sandbox.bot.store.keps
      .list({ owningSig: 'sig-node', latestMilestone: 'v1.35' })
      .map((k) => k.number);

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
    const [bareBurst, quickBurst] = (await concurrentBursts([
      { target: baseline, text: () => 'help' },
      { target: ours, text: quickText },
    ])) as [number[], number[]];
    figures.push(...concurrentFigures(`quick form, ${concurrency} concurrent`, quickBurst, bareBurst));
    enqueueBacklog(sandbox, backlogSize);
    const [bareBacklog, quickBacklog] = (await concurrentBursts([
      { target: baseline, text: () => 'help' },
      { target: ours, text: quickText },
    ])) as [number[], number[]];
    figures.push(
      ...concurrentFigures(
        `quick form, ${concurrency} concurrent, ${backlogSize}-post outbox backlog`,
        quickBacklog,
        bareBacklog,
      ),
      figure(
        'slack ack: outbox rows still pending after the backlog bursts',
        sandbox.bot.outbox.stats().lanes.scheduled.pending,
        'rows',
      ),
    );
    const modal = await modalOpenTimes(sandbox, ours);
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
    await bare.stop();
    await sandbox.close();
  }
}

export const slackAckSuite: Suite = { name: 'slack-ack', run };
