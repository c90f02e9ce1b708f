import type { StatusPolicy } from '../app/record-status.ts';
import type { ResolvedConfig } from '../config/resolved-config.ts';
import type { Chat } from '../ports/chat.ts';
import type { Clock } from '../ports/clock.ts';
import type { Logger } from '../ports/logger.ts';
import type { Store } from '../ports/store.ts';

/** Channel IDs the bot resolved at start (config names → IDs). */
export interface ChannelDirectory {
  pm: string | null;
  release: string | null;
  /** A SIG's channel ID, or null when it has none or it could not be resolved. */
  sig(dir: string): string | null;
}

/** What every listener gets: the ports, the config as data, and the resolved channels. */
export interface BotContext {
  config: ResolvedConfig;
  store: Store;
  chat: Chat;
  clock: Clock;
  logger: Logger;
  channels: ChannelDirectory;
  /** The release rules for status updates, derived from the config once. */
  statusPolicy: StatusPolicy;
  /** The outbox key of a SIG's open drumbeat round parent message, when rounds run. */
  roundThreads?: (sig: string) => string | null;
}

/** The status rules from the config: current release, coding period, who may update which SIG. */
export function statusPolicyFrom(config: ResolvedConfig): StatusPolicy {
  return {
    release: config.release.name,
    codingPeriod: config.release.codingPeriod,
    admins: config.release.team,
    updaters: Object.fromEntries(config.sigs.map((s) => [s.dir, s.statusUpdaters])),
  };
}
