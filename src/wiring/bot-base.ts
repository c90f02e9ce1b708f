import type { Db } from '../db/open.ts';
import type { Kep } from '../domain/types.ts';
import type { Store } from '../ports/store.ts';
import type { ChannelDirectory } from '../slack/context.ts';
import { createSlackAuthMonitor, type SlackAuthMonitor } from '../slack/slack-auth-monitor.ts';
import { installProcessGuards } from '../system/process-guards.ts';
import { openBotStore, reloadsReferenceData } from './bot-store.ts';
import { resolveConfiguredChannels } from './configured-channels.ts';
import { logConfigWarnings } from './log-config-warnings.ts';
import { createReferenceWatcher, nodeReferenceReader, type ReferenceWatcher } from './reference-watcher.ts';
import { createSlackClients, type SlackClients } from './slack-clients.ts';
import type { StartBotOptions } from './start-bot-options.ts';
import { checkBotToken } from './start-checks.ts';

/** What the start rests on: the Slack clients with a working token, the database and the channels. */
export interface BotBase {
  clients: SlackClients;
  auth: SlackAuthMonitor;
  /** Undoes the process guards (an unhandled rejection or exception is logged, not fatal). */
  removeGuards: () => void;
  /** Marks the reference files each scheduler pass looks for changes in; null when not reloading. */
  watcher: ReferenceWatcher | null;
  db: Db;
  store: Store;
  keps: Kep[] | null;
  channels: ChannelDirectory;
}

/**
 * The first steps of a start: the bot token (refused ⇒ `StartRefused`), the process guards, the
 * config's warnings, the database with the reference data, then the configured Slack channels.
 */
export async function openBotBase(options: StartBotOptions): Promise<BotBase> {
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
  return { clients, auth, removeGuards, watcher, db, store, keps, channels };
}
