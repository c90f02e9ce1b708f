import type { ResolvedConfig } from '../config/resolved-config.ts';
import type { WorkspaceSeed } from './workspace-types.ts';

/**
 * A local workspace that looks like the one the config describes: every person with a Slack id
 * is a user, and the PM, release and SIG channels exist with everyone in them and the bot invited.
 */
export function seedFromConfig(config: ResolvedConfig): WorkspaceSeed {
  const users = config.people
    .filter((p) => p.slack)
    .map((p) => ({ id: p.slack!, name: p.github, realName: p.github, tz: p.timezone }));
  const members = users.map((u) => u.id);
  const names = new Set<string>();
  for (const channel of [
    config.workspace.channels.pm,
    config.workspace.channels.release,
    ...config.sigs.map((s) => s.channel),
  ]) {
    if (channel?.startsWith('#')) names.add(channel.slice(1));
  }
  return {
    users,
    channels: [...names].sort().map((name) => ({ name, members, botIsMember: true })),
  };
}
