import type { BotMetrics } from '../ports/metrics.ts';
import type { SiteHandler } from '../site/serve-site.ts';
import { type AckGate, createAckGate } from '../slack/ack-gate.ts';
import type { SlackApp } from '../slack/app.ts';
import { createOutbox } from '../slack/outbox/create-outbox.ts';
import type { Outbox } from '../slack/outbox/types.ts';
import { createSlackChat } from '../slack/slack-chat.ts';
import type { HealthEndpoints } from '../system/health.ts';
import type { PrometheusMetrics } from '../system/metrics.ts';
import { sleep as realSleep } from '../system/sleep.ts';
import type { Adapters } from './adapters.ts';
import { afterCrashFrom } from './after-crash.ts';
import type { BotBase } from './bot-base.ts';
import type { SlackConnector } from './connect-slack.ts';
import { type DeliveryHealthWatch, watchDeliveryHealth } from './delivery-health.ts';
import { botMetrics, healthEndpoints } from './health-endpoints.ts';
import { createLiveBot, type LiveBot } from './live-bot.ts';
import { botSiteHandler } from './site.ts';
import type { SocketSupervisor } from './socket-supervisor.ts';
import type { StartBotOptions } from './start-bot-options.ts';

/** Parts built after the ones that read them (metrics and health ask once they are set). */
export interface LateParts {
  slack: SlackApp | null;
  connector: SlackConnector | null;
  supervisor: SocketSupervisor | null;
}

/** The bot's own parts, composed before any Slack intake exists. */
export interface BotCore {
  late: LateParts;
  delivery: DeliveryHealthWatch;
  metrics: PrometheusMetrics;
  outbox: Outbox;
  adapters: Adapters;
  live: LiveBot;
  health: HealthEndpoints;
  site: SiteHandler | null;
  /** Acks first: the Bolt app counts requests waiting for their ack, the outbox waits for them. */
  ackGate: AckGate;
}

/** Composes the delivery watch, metrics, outbox, chat, features, health endpoints and release site. */
export function composeBotCore(options: StartBotOptions, base: BotBase): BotCore {
  const { config, clock, logger } = options;
  const { db, auth, store, channels } = base;
  const late: LateParts = { slack: null, connector: null, supervisor: null };
  const delivery = watchDeliveryHealth({ db, auth, clock, logger, chat: () => chat, pmChannel: channels.pm });
  const metrics = botMetrics({ outbox: () => outbox, slack: () => late.slack, store, delivery });
  // real timers even under a fake clock: the gate waits out CPU contention, not scheduled time
  const ackGate = createAckGate({ sleep: realSleep });
  const outbox = botOutbox(options, base, metrics, delivery, ackGate);
  const chat = createSlackChat({ outbox, clock });
  const adapters: Adapters = { store, chat, clock, logger, channels };
  const live = createLiveBot(config, adapters);
  const health = botHealth(options, { base, outbox, metrics, delivery, late });
  const site = botSiteHandler(config, adapters, () => live.current().config);
  return { late, delivery, metrics, outbox, adapters, live, health, site, ackGate };
}

function botOutbox(
  options: StartBotOptions,
  base: BotBase,
  metrics: BotMetrics,
  delivery: DeliveryHealthWatch,
  ackGate: AckGate,
): Outbox {
  return createOutbox({
    db: base.db,
    ackGate,
    clients: base.clients,
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

/** The probes and `/metrics`; while start-up connects (or after it gave up) the Slack check says why. */
function botHealth(
  options: StartBotOptions,
  parts: Pick<BotCore, 'outbox' | 'metrics' | 'delivery' | 'late'> & { base: BotBase },
): HealthEndpoints {
  const { late } = parts;
  return healthEndpoints({
    db: parts.base.db,
    outbox: parts.outbox,
    metrics: parts.metrics,
    slack: () => late.slack,
    slackDetail: options.env.slack.kind === 'socket' ? 'socket mode' : 'http',
    slackProblem: () => late.connector?.problem() ?? late.supervisor?.problem() ?? null,
    delivery: parts.delivery,
  });
}
