import type { WebClient } from '@slack/web-api';
import type { ResolvedConfig } from '../config/resolved-config.ts';
import type { Logger } from '../ports/logger.ts';
import type { SigRecord, Store } from '../ports/store.ts';
import type { ChannelDirectory } from '../slack/context.ts';
import { resolveChannels } from '../slack/resolve-channels.ts';

/**
 * Resolves the config's channels at start, reports each one the bot cannot use, and stores
 * each SIG's channel id and name.
 */
export async function resolveConfiguredChannels(
  client: WebClient,
  config: ResolvedConfig,
  store: Store,
  logger: Logger,
): Promise<ChannelDirectory> {
  const directory = await lookUpConfiguredChannels(client, config, logger);
  const records = sigChannelRecords(config, directory);
  store.sigs.upsertMany(
    store.sigs
      .list()
      .map((s) => ({ ...s, ...(records.get(s.dir) ?? { channelId: null, channelName: null }) })),
  );
  return directory;
}

/** The config's channels (PM, release, each SIG's) looked up in Slack; nothing is stored. */
export async function lookUpConfiguredChannels(
  client: WebClient,
  config: ResolvedConfig,
  logger: Logger,
): Promise<ChannelDirectory> {
  const sigChannels = config.sigs.filter((s) => s.channel).map((s) => [s.dir, s.channel!] as const);
  const wanted = [
    config.workspace.channels.pm,
    config.workspace.channels.release,
    ...sigChannels.map(([, c]) => c),
  ];
  const ids = await channelIds(client, wanted, logger);
  const bySig = new Map(sigChannels.map(([dir, written]) => [dir, ids.get(written) ?? null]));
  return {
    pm: ids.get(config.workspace.channels.pm) ?? null,
    release: ids.get(config.workspace.channels.release) ?? null,
    sig: (dir: string) => bySig.get(dir) ?? null,
  };
}

/** Each configured SIG's channel id and name as the store keeps them (name only when resolved). */
export function sigChannelRecords(
  config: ResolvedConfig,
  channels: ChannelDirectory,
): Map<string, Pick<SigRecord, 'channelId' | 'channelName'>> {
  return new Map(
    config.sigs.map((s) => {
      const id = s.channel ? channels.sig(s.dir) : null;
      return [s.dir, { channelId: id, channelName: id && s.channel ? s.channel.replace(/^#/, '') : null }];
    }),
  );
}

async function channelIds(client: WebClient, wanted: string[], logger: Logger): Promise<Map<string, string>> {
  try {
    const resolution = await resolveChannels(client, wanted);
    for (const problem of resolution.problems) logger.warn(`channel problem: ${problem}`);
    return resolution.ids;
  } catch (error) {
    // Slack takes a channel's name where an ID is expected: post to the names as written, so a
    // Slack-compatible server without conversations.list still gets the posts.
    logger.warn('could not list Slack channels; posting to the configured channel names as written', {
      error,
    });
    return new Map(wanted.map((written) => [written, written.replace(/^#/, '')]));
  }
}
