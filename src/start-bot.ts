import type { Server } from 'node:http';
import { LogLevel, WebClient } from '@slack/web-api';
import { loadReferenceData } from './app/load-reference-data.ts';
import { runDueJobs } from './app/run-due-jobs.ts';
import type { Env } from './config/env.ts';
import type { ResolvedConfig } from './config/resolved-config.ts';
import { createStore } from './db/create-store.ts';
import { migrate } from './db/migrate.ts';
import { type Db, openDatabase } from './db/open.ts';
import { createInboundRepo } from './db/repos/inbound-repo.ts';
import { describeFreshness } from './domain/github-freshness.ts';
import { createGithubClient } from './github/client.ts';
import { createGithubSource } from './github/github-source.ts';
import { githubSyncTask } from './github/github-sync-task.ts';
import { parseKepYaml, readKepsFromCheckout } from './github/local-checkout.ts';
import { syncOptionsFromConfig } from './github/sync-options.ts';
import type { Clock } from './ports/clock.ts';
import type { Logger } from './ports/logger.ts';
import type { Store } from './ports/store.ts';
import { referenceDataFrom } from './reference-data.ts';
import { scheduledTasks } from './scheduled-tasks.ts';
import { createScheduler, type Scheduler } from './scheduler/create-scheduler.ts';
import { scheduleSettingsFrom } from './scheduler/schedule-settings.ts';
import { runTasks, type ScheduledTask } from './scheduler/scheduled-task.ts';
import { createAckOnError } from './slack/ack-on-error.ts';
import { createSlackApp, type SlackApp } from './slack/app.ts';
import { scheduleMessages } from './slack/blocks/schedule-messages.ts';
import { toBoltLogger } from './slack/bolt-logger.ts';
import { type BotContext, statusPolicyFrom } from './slack/context.ts';
import { createIdempotencyMiddleware } from './slack/idempotency.ts';
import { registerListeners } from './slack/listeners/index.ts';
import { createOutbox } from './slack/outbox/create-outbox.ts';
import type { Outbox } from './slack/outbox/types.ts';
import { resolveChannels } from './slack/resolve-channels.ts';
import { createSlackChat } from './slack/slack-chat.ts';
import { type HealthEndpoints, startHealthServer } from './system/health.ts';
import { createMetrics } from './system/metrics.ts';
import type { Sleep } from './system/sleep.ts';
import { sleep as realSleep } from './system/sleep.ts';

export interface StartBotOptions {
  env: Env;
  config: ResolvedConfig;
  clock: Clock;
  logger: Logger;
  /** Outbox waiting; tests on a fake clock pass its sleep. */
  sleep?: Sleep;
  /** Outbox pacing per channel (default 1000 ms, Slack's one message per second). */
  perChannelIntervalMs?: number;
  /**
   * How scheduled work (rounds, nudges, alerts) is driven: `cron` (a node-cron task every minute,
   * the default), `timer` (sleeps on `sleep` until the next due instant: the default with a fake
   * clock's `sleep`), or `off`.
   */
  scheduler?: 'cron' | 'timer' | 'off';
}

export interface RunningBot {
  ctx: BotContext;
  slack: SlackApp;
  outbox: Outbox;
  db: Db;
  /** HTTP mode: the port the receiver listens on. */
  port: number | null;
  healthPort: number | null;
  /** Rounds, nudges and deadline alerts; null when scheduling is off. */
  scheduler: Scheduler | null;
  /** Stops intake, drains the outbox for up to `drainMs`, closes the database. */
  stop(options?: { drainMs?: number }): Promise<void>;
}

/**
 * The composition root: database → reference data → Slack clients → outbox → Bolt app → start.
 * The only place that knows every adapter.
 */
export async function startBot(options: StartBotOptions): Promise<RunningBot> {
  const { env, config, clock, logger } = options;
  const db = openDatabase(env.DRUMBEAT_DB);
  migrate(db, undefined, () => clock.now());
  const store = createStore(db);
  const loaded = loadReferenceData(store, await referenceData(config, logger), clock.now());
  logger.info('reference data loaded', { ...loaded });

  const client = (lane: string) =>
    new WebClient(env.slack.botToken, {
      slackApiUrl: env.SLACK_API_URL,
      retryConfig: { retries: 0 },
      rejectRateLimitedCalls: true,
      timeout: 30_000,
      headers: { 'X-Drumbeat-Lane': lane },
      // its warnings (rate limits, retries) as our JSON log lines, not console text
      logger: toBoltLogger(logger.child({ component: 'web-api', lane }), slackLogLevel(env.LOG_LEVEL)),
    });
  const clients = { interactive: client('interactive'), scheduled: client('scheduled') };
  const channels = await resolveConfiguredChannels(clients.interactive, config, store, logger);

  const outbox = createOutbox({
    db,
    clients,
    clock,
    logger: logger.child({ component: 'outbox' }),
    ...(options.sleep ? { sleep: options.sleep } : {}),
    ...(options.perChannelIntervalMs !== undefined
      ? { perChannelIntervalMs: options.perChannelIntervalMs }
      : {}),
  });
  const chat = createSlackChat({ outbox, clock });
  const ctx: BotContext = {
    config,
    store,
    chat,
    clock,
    logger,
    channels,
    statusPolicy: statusPolicyFrom(config),
    roundThreads: (sig) => store.rounds.openFor(sig)?.parentKey ?? null,
  };

  const metrics = createMetrics({
    drumbeat_outbox_messages: { type: 'gauge', help: 'Outbox messages by status.' },
    drumbeat_slack_connected: { type: 'gauge', help: '1 when the Slack connection is up.' },
  });
  let slack: SlackApp | null = null;
  const health: HealthEndpoints = {
    health: () => {
      const dbOk = safely(() => db.prepare('SELECT 1 AS ok').get() !== undefined);
      const connected = slack?.isConnected() ?? false;
      const stats = safely(() => outbox.stats());
      return {
        ok: dbOk === true && connected,
        checks: {
          database: { ok: dbOk === true },
          slack: { ok: connected, detail: env.slack.kind === 'socket' ? 'socket mode' : 'http' },
          outbox: { ok: stats !== false, detail: JSON.stringify(stats) },
        },
      };
    },
    metrics: () => {
      const stats = safely(() => outbox.stats());
      for (const [lane, counts] of Object.entries(stats ? stats.lanes : {})) {
        for (const status of ['pending', 'sending', 'sent', 'failed'] as const) {
          metrics.set('drumbeat_outbox_messages', counts[status], { lane, status });
        }
      }
      metrics.set('drumbeat_slack_connected', slack?.isConnected() ? 1 : 0);
      return metrics.render();
    },
  };

  const idempotency = createIdempotencyMiddleware({ inbound: createInboundRepo(db), clock, logger });
  slack = createSlackApp({
    mode: env.slack,
    apiUrl: env.SLACK_API_URL,
    port: env.PORT,
    host: env.HOST,
    logger,
    logLevel: slackLogLevel(env.LOG_LEVEL),
    middleware: [idempotency, createAckOnError(logger)],
    register: (app) => registerListeners(app, ctx),
    health,
  });
  await outbox.start();
  const { port } = await slack.start();
  const scheduler = await startScheduler(options, ctx);
  let healthServer: Server | null = null;
  let healthPort: number | null = null;
  if (env.HEALTH_PORT !== undefined) {
    const started = await startHealthServer(health, env.HEALTH_PORT, env.HOST);
    healthServer = started.server;
    healthPort = started.port;
  }
  logger.info('drumbeat started', { mode: env.slack.kind, port, healthPort, release: config.release.name });

  const running = slack;
  return {
    ctx,
    slack: running,
    outbox,
    db,
    port,
    healthPort,
    scheduler,
    async stop({ drainMs = 10_000 } = {}) {
      // intake first: nothing new is accepted while the outbox drains
      await running.stop();
      await scheduler?.stop();
      logger.info('intake stopped; draining the outbox', { drainMs, ...outboxOpen(outbox) });
      await outbox.stop({ drainMs });
      if (healthServer) await new Promise<void>((resolve) => healthServer.close(() => resolve()));
      db.close();
      logger.info('drumbeat stopped');
    },
  };
}

/**
 * The scheduled GitHub sync when GITHUB_TOKEN is set; otherwise says where KEP data comes from
 * and how old it is.
 */
function githubTask(options: StartBotOptions, ctx: BotContext): ScheduledTask | null {
  const { env, config } = options;
  const logger = ctx.logger.child({ component: 'github' });
  if (!env.GITHUB_TOKEN) {
    const lastSyncAt = ctx.store.githubSync.lastRun('ok')?.finishedAt ?? null;
    logger.info(
      describeFreshness(
        { hasToken: false, lastSyncAt, localCheckout: config.github.localCheckout },
        ctx.clock.now(),
      ),
    );
    return null;
  }
  const client = createGithubClient({
    token: env.GITHUB_TOKEN,
    apiUrl: env.GITHUB_API_URL,
    clock: ctx.clock,
    sleep: options.sleep ?? realSleep,
    logger,
  });
  const deps = {
    github: createGithubSource(client),
    store: ctx.store,
    clock: ctx.clock,
    logger,
    readKepYaml: parseKepYaml,
  };
  return githubSyncTask(deps, syncOptionsFromConfig(config, false));
}

/** Starts rounds, nudges and alerts after the Slack app: a first pass catches up what was missed. */
async function startScheduler(options: StartBotOptions, ctx: BotContext): Promise<Scheduler | null> {
  const mode = options.scheduler ?? (options.sleep ? 'timer' : 'cron');
  if (mode === 'off') return null;
  const { settings, roundless } = scheduleSettingsFrom(options.config);
  const logger = ctx.logger.child({ component: 'scheduler' });
  logger.info('drumbeat rounds', {
    sigs: settings.rounds.map((r) => r.sig),
    withoutRounds: roundless.map((r) => `${r.sig} (${r.reason})`).join(', '),
  });
  const deps = { ...ctx, logger, messages: scheduleMessages };
  const tasks = scheduledTasks(ctx, {
    rounds: (now) => runDueJobs(deps, { settings, now }),
    github: githubTask(options, ctx),
  });
  const scheduler = createScheduler({
    run: (now) => runTasks(tasks, now, logger),
    clock: ctx.clock,
    logger,
    mode,
    ...(options.sleep ? { sleep: options.sleep } : {}),
  });
  await scheduler.start();
  return scheduler;
}

async function referenceData(config: ResolvedConfig, logger: Logger) {
  let keps = null;
  if (config.github.localCheckout) {
    const read = await readKepsFromCheckout(config.github.localCheckout, {
      knownSigs: config.sigs.map((s) => s.dir),
    });
    keps = read.keps;
    const withWarnings = read.keps.filter((k) => k.warnings.length > 0).length;
    logger.info('KEPs read from the local checkout', {
      keps: read.keps.length,
      withWarnings,
      problems: read.warnings.length,
    });
  }
  return referenceDataFrom(config, keps);
}

/** Resolves the config's channels once at start and reports each one the bot cannot use. */
async function resolveConfiguredChannels(
  client: WebClient,
  config: ResolvedConfig,
  store: Store,
  logger: Logger,
) {
  const sigChannels = config.sigs.filter((s) => s.channel).map((s) => [s.dir, s.channel!] as const);
  const wanted = [
    config.workspace.channels.pm,
    config.workspace.channels.release,
    ...sigChannels.map(([, c]) => c),
  ];
  let ids = new Map<string, string>();
  try {
    const resolution = await resolveChannels(client, wanted);
    ids = resolution.ids;
    for (const problem of resolution.problems) logger.warn(`channel problem: ${problem}`);
  } catch (error) {
    // Slack takes a channel's name where an ID is expected: post to the names as written, so a
    // Slack-compatible server without conversations.list still gets the posts.
    ids = new Map(wanted.map((written) => [written, written.replace(/^#/, '')]));
    logger.warn('could not list Slack channels; posting to the configured channel names as written', {
      error,
    });
  }
  const bySig = new Map(sigChannels.map(([dir, written]) => [dir, ids.get(written) ?? null]));
  store.sigs.upsertMany(
    store.sigs.list().map((s) => {
      const written = bySig.has(s.dir) ? config.sigsByDir.get(s.dir)?.channel : null;
      const id = bySig.get(s.dir) ?? null;
      return { ...s, channelId: id, channelName: id && written ? written.replace(/^#/, '') : null };
    }),
  );
  return {
    pm: ids.get(config.workspace.channels.pm) ?? null,
    release: ids.get(config.workspace.channels.release) ?? null,
    sig: (dir: string) => bySig.get(dir) ?? null,
  };
}

/** Bolt's, the Socket Mode client's and the Web API clients' level for our LOG_LEVEL. */
function slackLogLevel(level: Env['LOG_LEVEL']): LogLevel {
  const levels = { debug: LogLevel.DEBUG, info: LogLevel.INFO, warn: LogLevel.WARN } as const;
  return level in levels ? levels[level as keyof typeof levels] : LogLevel.ERROR;
}

/** Messages still to send, for the shutdown log line. */
function outboxOpen(outbox: Outbox): { pending: number; sending: number } {
  const stats = safely(() => outbox.stats());
  if (!stats) return { pending: 0, sending: 0 };
  const { interactive, scheduled } = stats.lanes;
  return {
    pending: interactive.pending + scheduled.pending,
    sending: interactive.sending + scheduled.sending,
  };
}

function safely<T>(fn: () => T): T | false {
  try {
    return fn();
  } catch {
    return false;
  }
}
