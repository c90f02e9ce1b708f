import type { WebClient } from '@slack/web-api';

export interface ChannelResolution {
  /** As written in the config (`#sig-node` or an ID) → the channel ID, when found. */
  ids: Map<string, string>;
  /** Human-readable problems: a channel that does not exist, or that the bot is not in. */
  problems: string[];
}

const channelId = /^[CG][A-Z0-9]{2,}$/;

/**
 * Resolves the config's channel names to IDs (IDs are taken as they are) by listing the
 * workspace's channels once, and reports each channel the bot cannot find or is not a member
 * of, with the `/invite` to run.
 */
export async function resolveChannels(client: WebClient, wanted: string[]): Promise<ChannelResolution> {
  const byName = new Map<string, { id: string; isMember: boolean }>();
  let cursor: string | undefined;
  do {
    const page = await client.conversations.list({
      types: 'public_channel,private_channel',
      exclude_archived: true,
      limit: 200,
      ...(cursor ? { cursor } : {}),
    });
    for (const c of page.channels ?? []) {
      if (c.id && c.name) byName.set(c.name, { id: c.id, isMember: Boolean(c.is_member) });
    }
    cursor = page.response_metadata?.next_cursor || undefined;
  } while (cursor);

  const ids = new Map<string, string>();
  const problems: string[] = [];
  for (const written of new Set(wanted)) {
    if (channelId.test(written)) {
      ids.set(written, written);
      continue;
    }
    const name = written.replace(/^#/, '');
    const found = byName.get(name);
    if (!found) {
      problems.push(
        `#${name} does not exist (or is private and the bot is not in it): create it, then run /invite @Drumbeat there`,
      );
      continue;
    }
    ids.set(written, found.id);
    if (!found.isMember)
      problems.push(`the bot is not a member of #${name}: run /invite @Drumbeat in #${name}`);
  }
  return { ids, problems };
}
