import type { ResolvedConfig } from '../config/resolved-config.ts';
import type { ChannelDirectory } from '../slack/context.ts';
import { isSlackChannelId } from '../slack/escape.ts';

/**
 * A channel target as written in the config (`#name` or an id) → its id. An id is used as
 * written; a `#name` is found among the channels resolved at start (PM, release, SIG channels),
 * else null (the caller reports it).
 */
export function channelByName(
  config: ResolvedConfig,
  channels: ChannelDirectory,
): (target: string) => string | null {
  const byName = new Map<string, string | null>([
    [config.workspace.channels.pm, channels.pm],
    [config.workspace.channels.release, channels.release],
    ...config.sigs.filter((s) => s.channel).map((s) => [s.channel!, channels.sig(s.dir)] as const),
  ]);
  return (target) => (isSlackChannelId(target) ? target : (byName.get(target) ?? null));
}
