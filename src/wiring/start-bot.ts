import type { Server } from 'node:http';
import { escalateAfterRequest } from '../app/escalate-after-request.ts';
import type { Env } from '../config/env.ts';
import type { Db } from '../db/open.ts';
import { createInboundRepo } from '../db/repos/inbound-repo.ts';
import type { Logger } from '../ports/logger.ts';
import type { BotMetrics } from '../ports/metrics.ts';
import type { ScheduledTask } from '../ports/scheduled-task.ts';
import type { Store } from '../ports/store.ts';
import type { Scheduler } from '../scheduler/create-scheduler.ts';
import type { SiteHandler } from '../site/serve-site.ts';
import { createAckOnError } from '../slack/ack-on-error.ts';
import type { AfterRequestWork } from '../slack/after-request.ts';
import { createSlackApp, type SlackApp } from '../slack/app.ts';
import type { BotContext } from '../slack/context.ts';
import { createIdempotencyMiddleware } from '../slack/idempotency.ts';
import { registerListeners } from '../slack/listeners/index.ts';
import { createOutbox } from '../slack/outbox/create-outbox.ts';
import type { Outbox } from '../slack/outbox/types.ts';
import { createSlackAuthMonitor } from '../slack/slack-auth-monitor.ts';
import { createSlackChat } from '../slack/slack-chat.ts';
import { type HealthEndpoints, startHealthServer } from '../system/health.ts';
import { installProcessGuards } from '../system/process-guards.ts';
import type { Adapters } from './adapters.ts';
import { afterCrashFrom } from './after-crash.ts';
import { startBotScheduler } from './bot-scheduler.ts';
import { botReload, openBotStore, reloadsReferenceData, schedulerMode } from './bot-store.ts';
import { resolveConfiguredChannels } from './configured-channels.ts';
import { type ConnectResult, createSlackConnector } from './connect-slack.ts';
import { type DeliveryHealthWatch, watchDeliveryHealth } from './delivery-health.ts';
import type { Features } from './features.ts';
import { botMetrics, healthEndpoints, healthRoutes, outboxOpen } from './health-endpoints.ts';
import { createLiveBot, type LiveBot } from './live-bot.ts';
import { logConfigWarnings } from './log-config-warnings.ts';
import type { ReferenceReload } from './reference-reload.ts';
import { createReferenceWatcher, nodeReferenceReader } from './reference-watcher.ts';
import { botSiteHandler, siteRoutes } from './site.ts';
import { createSlackClients, type SlackClients, slackLogLevel } from './slack-clients.ts';
import { createSocketSupervisor, type SocketSupervisor } from './socket-supervisor.ts';
import type { StartBotOptions } from './start-bot-options.ts';
import { checkBotToken, StartRefused } from './start-checks.ts';

export type { StartBotOptions } from './start-bot-options.ts';

export interface RunningBot {
  ctx: BotContext;
  /** The bot's whole store (the listeners get only the repos they hand to use cases). */
  store: Store;
  /** Every feature's settings and use-case dependencies, as composed at start. */
  features: Features;
  slack: SlackApp;
  outbox: Outbox;
  db: Db;
  /** HTTP mode: the port the receiver listens on. */
  port: number | null;
  healthPort: number | null;
  /** Rounds, nudges and deadline alerts; null when scheduling is off. */
  scheduler: Scheduler | null;
  /** The reload of changed reference data each scheduler pass runs; null when off. */
  reload: ReferenceReload | null;
  /** Stops intake, drains the outbox for up to `drainMs`, closes the database. */
  stop(options?: { drainMs?: number }): Promise<void>;
}

/**
 * Starts the bot: the bot token (refused ⇒ no start) → database → reference data → Slack channels →
 * outbox → features → Bolt app → health server → the Slack connection (Socket Mode: a few attempts,
 * then no start) → scheduler. The only place that knows every adapter. A start refused for a
 * token or the connection throws `StartRefused` after logging why.
 */
export async function startBot(options: StartBotOptions): Promise<RunningBot> {
  const { env, config, clock, logger } = options;
  const clients = createSlackClients(env, logger);
  const auth = createSlackAuthMonitor({ client: clients.interactive, clock, logger });
  await checkBotToken(auth, logger);
  const removeGuards = installProcessGuards(logger);
  logConfigWarnings(config.warnings, logger);
  const watcher = reloadsReferenceData(options)
    ? createReferenceWatcher(config.file, nodeReferenceReader)
    : null;
  const { db, store, keps } = await openBotStore(options, watcher);
  const channels = await resolveConfiguredChannels(clients.interactive, config, store, logger);
  let slack: SlackApp | null = null;
  let supervisor: SocketSupervisor | null = null;
  const delivery = watchDeliveryHealth({ db, auth, clock, logger, chat: () => chat, pmChannel: channels.pm });
  const metrics = botMetrics({ outbox: () => outbox, slack: () => slack, store, delivery });
  const outbox = botOutbox(options, db, clients, metrics, delivery);
  const chat = createSlackChat({ outbox, clock });
  const adapters: Adapters = { store, chat, clock, logger, channels };
  const live = createLiveBot(config, adapters);
  const { features, ctx } = live;
  const health = healthEndpoints({
    db,
    outbox,
    metrics,
    slack: () => slack,
    slackDetail: env.slack.kind === 'socket' ? 'socket mode' : 'http',
    slackProblem: () => connector.problem() ?? supervisor?.problem() ?? null,
    delivery,
  });
  const site = botSiteHandler(config, adapters, () => live.current().config);
  slack = createSlackApp({
    mode: env.slack,
    apiUrl: env.SLACK_API_URL,
    port: env.PORT,
    host: env.HOST,
    logger,
    logLevel: slackLogLevel(env.LOG_LEVEL),
    identity: () => auth.identity(),
    middleware: [
      createIdempotencyMiddleware({ inbound: createInboundRepo(db), clock, logger }),
      createAckOnError(logger),
    ],
    afterRequest: [escalationSweep(features)],
    ackLatency: metrics.ackLatency,
    register: (app) => registerListeners(app, ctx),
    routes: [...healthRoutes(health), ...siteRoutes(site)],
  });
  const connector = createSlackConnector(slack, {
    socket: env.slack.kind === 'socket',
    logger,
    ...(options.connect ? { policy: options.connect } : {}),
  });
  const healthServer = await startHealthPort(env, health, env.slack.kind === 'socket' ? site : null);
  const healthPort = healthServer?.port ?? null;
  if (healthPort !== null) logger.info('health endpoints listening', { healthPort });
  await outbox.start();
  const connected = await connector.connect();
  const partial = {
    slack,
    scheduler: null,
    outbox,
    healthServer: healthServer?.server ?? null,
    db,
    logger,
    removeGuards,
    delivery,
  };
  if (!connected.ok) await refuseStart(stopper(partial), connected, logger);
  const port = connected.ok ? connected.port : null;
  supervisor = superviseSocket(options, slack);
  const reload = watcher && botReload({ watcher, live, store, logger, metrics, keps, clients });
  const scheduler = await startScheduler(options, live, metrics, {
    first: reload ? [reload] : [],
    extra: [auth.task],
  });
  const sitePort = site ? (env.slack.kind === 'http' ? port : healthPort) : null;
  if (site && sitePort === null)
    logger.warn('site.access is on, but in Socket Mode the release page is served on HEALTH_PORT: set it');
  logger.info('drumbeat started', {
    mode: env.slack.kind,
    port,
    healthPort,
    site: config.site.access,
    release: config.release.name,
  });
  const stop = stopper({ ...partial, scheduler, supervisor });
  return { ctx, store, features, slack, outbox, db, port, healthPort, scheduler, reload, stop };
}

/** Socket Mode: a connection the Slack client stopped reconnecting is made afresh; HTTP: none. */
function superviseSocket(options: StartBotOptions, slack: SlackApp): SocketSupervisor | null {
  if (options.env.slack.kind !== 'socket') return null;
  return createSocketSupervisor({
    slack,
    clock: options.clock,
    logger: options.logger,
    ...(options.socketSupervisor ? { policy: options.socketSupervisor } : {}),
  });
}

/** Socket Mode never connected: everything started is stopped, then one line says why. */
async function refuseStart(
  stop: RunningBot['stop'],
  failed: Extract<ConnectResult, { ok: false }>,
  logger: Logger,
): Promise<never> {
  await stop({ drainMs: 0 });
  logger.error('Drumbeat cannot start: Socket Mode does not connect with SLACK_APP_TOKEN', {
    variable: 'SLACK_APP_TOKEN',
    error: failed.error,
    attempts: failed.attempts,
    hint: 'set SLACK_APP_TOKEN to an app-level token (xapp-…) with connections:write, from Basic Information → App-Level Tokens',
  });
  throw new StartRefused('SLACK_APP_TOKEN', failed.error);
}

/** `/healthz`, `/metrics` and (in Socket Mode) the release page on HEALTH_PORT, when it is set. */
async function startHealthPort(
  env: Env,
  health: HealthEndpoints,
  site: SiteHandler | null,
): Promise<{ server: Server; port: number } | null> {
  if (env.HEALTH_PORT === undefined) return null;
  return startHealthServer(health, env.HEALTH_PORT, env.HOST, site);
}

function botOutbox(
  options: StartBotOptions,
  db: Db,
  clients: SlackClients,
  metrics: BotMetrics,
  delivery: DeliveryHealthWatch,
): Outbox {
  return createOutbox({
    db,
    clients,
    metrics,
    onFailed: (failure) => delivery.onFailed(failure),
    afterCrash: afterCrashFrom(options.config.delivery),
    clock: options.clock,
    logger: options.logger.child({ component: 'outbox' }),
    ...(options.sleep ? { sleep: options.sleep } : {}),
    ...(options.perChannelIntervalMs !== undefined
      ? { perChannelIntervalMs: options.perChannelIntervalMs }
      : {}),
  });
}

/** New blockers start their ladder, closed ones announce their resolution, right after each request. */
function escalationSweep(features: Features): AfterRequestWork {
  return {
    name: 'escalation-sweep',
    run: () => escalateAfterRequest(features.escalation),
    failure: 'escalation: posting resolutions failed; the next scheduler pass tries again',
  };
}

async function startScheduler(
  options: StartBotOptions,
  live: LiveBot,
  metrics: BotMetrics,
  tasks: { first: ScheduledTask[]; extra: ScheduledTask[] },
): Promise<Scheduler | null> {
  const mode = schedulerMode(options);
  if (mode === 'off') return null;
  const { env, config, sleep } = options;
  const current = () => live.current().config;
  const settings = { env, config, current, mode, metrics, firstTasks: tasks.first, extraTasks: tasks.extra };
  return startBotScheduler(sleep ? { ...settings, sleep } : settings, live.current().adapters, live.features);
}

interface StopParts {
  slack: SlackApp;
  scheduler: Scheduler | null;
  outbox: Outbox;
  healthServer: Server | null;
  db: Db;
  logger: Logger;
  removeGuards: () => void;
  /** A PM-channel notice being written is finished before the database closes. */
  delivery: Pick<DeliveryHealthWatch, 'idle'>;
  supervisor?: SocketSupervisor | null;
}

/** Stopping: intake first (nothing new is accepted while the outbox drains), then the rest. */
function stopper(parts: StopParts): RunningBot['stop'] {
  const { slack, scheduler, outbox, healthServer, db, logger, removeGuards, delivery } = parts;
  return async ({ drainMs = 10_000 } = {}) => {
    parts.supervisor?.stop();
    await slack.stop();
    await scheduler?.stop();
    logger.info('intake stopped; draining the outbox', { drainMs, ...outboxOpen(outbox) });
    await outbox.stop({ drainMs });
    if (healthServer) await new Promise<void>((resolve) => healthServer.close(() => resolve()));
    await delivery.idle();
    db.close();
    removeGuards();
    logger.info('drumbeat stopped');
  };
}
