import type { ResolvedConfig } from '../config/resolved-config.ts';
import type { WorkspaceSeed } from './workspace-types.ts';

/**
 * A local workspace that looks like the one the config describes: every person with a Slack id
 * is a user, and the PM, release and SIG channels exist with the bot invited and everyone in them
 * but the people known only from `people.import` (they can be messaged, but do not crowd every
 * channel and vote).
 */
export function seedFromConfig(config: ResolvedConfig): WorkspaceSeed {
  const withSlack = config.people.filter((p) => p.slack);
  const users = withSlack.map((p) => ({ id: p.slack!, name: p.github, realName: p.github, tz: p.timezone }));
  const importedOnly = config.peopleImportedOnly ?? new Set<string>();
  const members = withSlack.filter((p) => !importedOnly.has(p.github.toLowerCase())).map((p) => p.slack!);
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
