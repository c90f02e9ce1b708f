import type { Server } from 'node:http';
import type { Db } from '../db/open.ts';
import type { Logger } from '../ports/logger.ts';
import type { Scheduler } from '../scheduler/create-scheduler.ts';
import type { SlackApp } from '../slack/app.ts';
import type { Outbox } from '../slack/outbox/types.ts';
import type { BotBase } from './bot-base.ts';
import type { BotCore } from './bot-core.ts';
import type { DeliveryHealthWatch } from './delivery-health.ts';
import { outboxOpen } from './health-endpoints.ts';
import type { SocketSupervisor } from './socket-supervisor.ts';
import type { StartBotOptions } from './start-bot-options.ts';

/** Stops intake, drains the outbox for up to `drainMs`, closes the database. */
export type StopBot = (options?: { drainMs?: number }) => Promise<void>;

export interface StopParts {
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

/** What a stop before the scheduler and the socket supervisor exist stops. */
export function stopParts(
  options: StartBotOptions,
  base: BotBase,
  core: BotCore,
  started: { slack: SlackApp; healthServer: Server | null },
): StopParts {
  const { db, removeGuards } = base;
  const { outbox, delivery } = core;
  return { ...started, outbox, db, removeGuards, delivery, logger: options.logger, scheduler: null };
}

/** Stopping: intake first (nothing new is accepted while the outbox drains), then the rest. */
export function stopper(parts: StopParts): StopBot {
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
