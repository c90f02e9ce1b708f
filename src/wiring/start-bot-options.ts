import type { Env } from '../config/env.ts';
import type { ResolvedConfig } from '../config/resolved-config.ts';
import type { Clock } from '../ports/clock.ts';
import type { Logger } from '../ports/logger.ts';
import type { Sleep } from '../system/sleep.ts';
import type { ConnectPolicy } from './connect-slack.ts';
import type { SocketSupervisorPolicy } from './socket-supervisor.ts';

/** What `startBot` is given: the environment, the resolved config and the test seams. */
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
  /** Socket Mode: how many attempts to connect, how far apart (default: 5, from 1 s doubling). */
  connect?: Partial<ConnectPolicy>;
  /** Socket Mode: when a connection the client stopped reconnecting is made afresh (see socket-supervisor.ts). */
  socketSupervisor?: Partial<SocketSupervisorPolicy>;
  /**
   * Whether each scheduler pass looks for changes to the config, its imports and the KEP checkout
   * and reloads them (default: with the `cron` scheduler, i.e. in production).
   */
  reloadReferenceData?: boolean;
}
