import type { Server } from 'node:http';
import type { Db } from '../db/open.ts';
import type { Logger } from '../ports/logger.ts';
import type { Store } from '../ports/store.ts';
import type { Scheduler } from '../scheduler/create-scheduler.ts';
import type { SlackApp } from '../slack/app.ts';
import type { BotContext } from '../slack/context.ts';
import type { Outbox } from '../slack/outbox/types.ts';
import { startHealthServer } from '../system/health.ts';
import { startBackground } from './bot-background.ts';
import { openBotBase } from './bot-base.ts';
import { type BotCore, composeBotCore } from './bot-core.ts';
import { buildSlackIntake } from './bot-intake.ts';
import type { SlackConnector } from './connect-slack.ts';
import type { Features } from './features.ts';
import type { ReferenceReload } from './reference-reload.ts';
import type { StartBotOptions } from './start-bot-options.ts';
import { StartRefused } from './start-checks.ts';
import { type StopBot, stopParts, stopper } from './stop-bot.ts';

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
  const base = await openBotBase(options);
  const core = composeBotCore(options, base);
  const { slack, connector } = buildSlackIntake(options, base, core);
  const healthServer = await openHealthPort(options, core);
  await core.outbox.start();
  const partial = stopParts(options, base, core, { slack, healthServer: healthServer?.server ?? null });
  const port = await connectOrRefuse(connector, stopper(partial), options.logger);
  const { supervisor, reload, scheduler } = await startBackground(options, base, core, slack);
  const healthPort = healthServer?.port ?? null;
  logStarted(options, core, { port, healthPort });
  const stop = stopper({ ...partial, scheduler, supervisor });
  const { ctx, features } = core.live;
  const { db, store } = base;
  return { ctx, store, features, slack, outbox: core.outbox, db, port, healthPort, scheduler, reload, stop };
}

/** `/healthz`, `/metrics` and (in Socket Mode) the release page on HEALTH_PORT, when it is set. */
async function openHealthPort(
  options: StartBotOptions,
  core: BotCore,
): Promise<{ server: Server; port: number } | null> {
  const { env, logger } = options;
  if (env.HEALTH_PORT === undefined) return null;
  const site = env.slack.kind === 'socket' ? core.site : null;
  const opened = await startHealthServer(core.health, env.HEALTH_PORT, env.HOST, site);
  logger.info('health endpoints listening', { healthPort: opened.port });
  return opened;
}

/** Connects to Slack: the port HTTP mode listens on (null in Socket Mode), or no start. */
async function connectOrRefuse(
  connector: SlackConnector,
  stop: StopBot,
  logger: Logger,
): Promise<number | null> {
  const connected = await connector.connect();
  if (connected.ok) return connected.port;
  await stop({ drainMs: 0 });
  logger.error('Drumbeat cannot start: Socket Mode does not connect with SLACK_APP_TOKEN', {
    variable: 'SLACK_APP_TOKEN',
    error: connected.error,
    attempts: connected.attempts,
    hint: 'set SLACK_APP_TOKEN to an app-level token (xapp-…) with connections:write, from Basic Information → App-Level Tokens',
  });
  throw new StartRefused('SLACK_APP_TOKEN', connected.error);
}

/** The start-up line, after a warning when the release page has no port to be served on. */
function logStarted(
  options: StartBotOptions,
  core: BotCore,
  ports: { port: number | null; healthPort: number | null },
): void {
  const { env, config, logger } = options;
  const sitePort = core.site ? (env.slack.kind === 'http' ? ports.port : ports.healthPort) : null;
  if (core.site && sitePort === null)
    logger.warn('site.access is on, but in Socket Mode the release page is served on HEALTH_PORT: set it');
  logger.info('drumbeat started', {
    mode: env.slack.kind,
    ...ports,
    site: config.site.access,
    release: config.release.name,
  });
}
