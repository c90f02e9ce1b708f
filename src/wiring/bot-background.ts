import type { BotMetrics } from '../ports/metrics.ts';
import type { ScheduledTask } from '../ports/scheduled-task.ts';
import type { Scheduler } from '../scheduler/create-scheduler.ts';
import type { SlackApp } from '../slack/app.ts';
import type { BotBase } from './bot-base.ts';
import type { BotCore } from './bot-core.ts';
import { startBotScheduler } from './bot-scheduler.ts';
import { botReload, schedulerMode } from './bot-store.ts';
import type { LiveBot } from './live-bot.ts';
import type { ReferenceReload } from './reference-reload.ts';
import { createSocketSupervisor, type SocketSupervisor } from './socket-supervisor.ts';
import type { StartBotOptions } from './start-bot-options.ts';

/** What runs on its own once Slack is connected. */
export interface BotBackground {
  supervisor: SocketSupervisor | null;
  reload: ReferenceReload | null;
  scheduler: Scheduler | null;
}

/** The socket supervisor, then the reload of changed reference data, then the scheduler running it first. */
export async function startBackground(
  options: StartBotOptions,
  base: BotBase,
  core: BotCore,
  slack: SlackApp,
): Promise<BotBackground> {
  const supervisor = superviseSocket(options, slack);
  core.late.supervisor = supervisor;
  const { watcher, store, keps, clients, auth } = base;
  const { live, metrics } = core;
  const reload =
    watcher && botReload({ watcher, live, store, logger: options.logger, metrics, keps, clients });
  const scheduler = await startScheduler(options, live, metrics, {
    first: reload ? [reload] : [],
    extra: [auth.task],
  });
  return { supervisor, reload, scheduler };
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
