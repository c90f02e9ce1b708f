/** The bot's database with the reference data loaded, and the reload that keeps that data fresh. */
import { loadReferenceData } from '../app/load-reference-data.ts';
import type { ResolvedConfig } from '../config/resolved-config.ts';
import { createStore } from '../db/create-store.ts';
import { migrate } from '../db/migrate.ts';
import { type Db, openDatabase } from '../db/open.ts';
import type { Kep } from '../domain/types.ts';
import type { Store } from '../ports/store.ts';
import { lookUpConfiguredChannels } from './configured-channels.ts';
import { readReferenceData } from './reference-data.ts';
import { type ReferenceReload, type ReferenceReloadDeps, referenceReloadTask } from './reference-reload.ts';
import type { ReferenceWatcher } from './reference-watcher.ts';
import type { SlackClients } from './slack-clients.ts';
import type { StartBotOptions } from './start-bot-options.ts';

/**
 * Opens and migrates the bot's database and loads the reference data (config, local checkout);
 * the watcher marks the files first, so a change while they are read is seen at the first pass.
 */
export async function openBotStore(
  options: StartBotOptions,
  watcher: ReferenceWatcher | null,
): Promise<{ db: Db; store: Store; keps: Kep[] | null }> {
  const { env, config, clock, logger } = options;
  const db = openDatabase(env.DRUMBEAT_DB);
  migrate(db, undefined, () => clock.now());
  const store = createStore(db);
  await watcher?.prime(config);
  const data = await readReferenceData(config, logger);
  const loaded = loadReferenceData(store, data, clock.now());
  logger.info('reference data loaded', { ...loaded, watched: watcher?.watched().length ?? 0 });
  return { db, store, keps: data.keps };
}

export function schedulerMode(options: StartBotOptions): 'cron' | 'timer' | 'off' {
  return options.scheduler ?? (options.sleep ? 'timer' : 'cron');
}

export function reloadsReferenceData(options: StartBotOptions): boolean {
  const mode = schedulerMode(options);
  return mode !== 'off' && (options.reloadReferenceData ?? mode === 'cron');
}

export function botReload(
  parts: Omit<ReferenceReloadDeps, 'lookUpChannels'> & { clients: SlackClients },
): ReferenceReload {
  const logger = parts.logger.child({ component: 'reference-data' });
  const lookUpChannels = (config: ResolvedConfig) =>
    lookUpConfiguredChannels(parts.clients.interactive, config, logger);
  return referenceReloadTask({ ...parts, logger, lookUpChannels });
}
