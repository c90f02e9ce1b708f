import { createIdSequence } from './slack-ids.ts';
import type { WorkspaceSeed } from './workspace-types.ts';

type SeedUser = WorkspaceSeed['users'][number];
type SeedChannel = WorkspaceSeed['channels'][number];

/** A seed with every default filled in, channel ids assigned and members resolved to user ids. */
export interface ResolvedSeed {
  team: { id: string; name: string; domain: string };
  bot: { userId: string; botId: string; appId: string; name: string };
  users: SeedUser[];
  channels: Array<SeedChannel & { id: string; botIsMember: boolean; isPrivate: boolean }>;
  usergroups: Array<{ id: string; handle: string; users: string[] }>;
  tokens: { bot: string; app: string };
  signingSecret: string;
}

export const defaultTeam = { id: 'T0DRUMBEAT', name: 'Drumbeat', domain: 'drumbeat' };
export const defaultBot = {
  userId: 'U0BOT00001',
  botId: 'B0BOT00001',
  appId: 'A0DRUMBEAT',
  name: 'drumbeat',
};
export const defaultTokens = { bot: 'xoxb-sandbox-bot', app: 'xapp-sandbox-app' };
export const defaultSigningSecret = 'sandbox-signing-secret';

/**
 * Fills in defaults and checks the seed. Throws one Error listing every problem (unknown members,
 * duplicate ids, bad time zones, malformed tokens), each with what to change.
 */
export function resolveSeed(seed: WorkspaceSeed): ResolvedSeed {
  const problems: string[] = [];
  const team = { ...defaultTeam, ...seed.team };
  const bot = { ...defaultBot, ...seed.bot };
  const tokens = { ...defaultTokens, ...seed.tokens };
  const users = Array.isArray(seed.users) ? seed.users : [];
  if (!Array.isArray(seed.users)) problems.push('users: must be a list (use [] for none)');
  checkUsers(users, bot.userId, problems);
  const lookup = userLookup(users, bot);
  const channels = resolveChannels(Array.isArray(seed.channels) ? seed.channels : [], lookup, problems);
  if (!Array.isArray(seed.channels)) problems.push('channels: must be a list (use [] for none)');
  const usergroups = (seed.usergroups ?? []).map((g, i) => ({
    ...g,
    users: resolveMembers(g.users, lookup, `usergroups[${i}] (${g.handle})`, problems),
  }));
  if (!tokens.bot.startsWith('xoxb-')) problems.push(`tokens.bot: "${tokens.bot}" must start with "xoxb-"`);
  if (!tokens.app.startsWith('xapp-')) problems.push(`tokens.app: "${tokens.app}" must start with "xapp-"`);
  if (problems.length > 0) {
    throw new Error(`Invalid sandbox workspace seed:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
  const signingSecret = seed.signingSecret ?? defaultSigningSecret;
  return { team, bot, users, channels, usergroups, tokens, signingSecret };
}

function checkUsers(users: SeedUser[], botUserId: string, problems: string[]): void {
  const ids = new Set<string>([botUserId]);
  const names = new Set<string>();
  users.forEach((u, i) => {
    const where = `users[${i}]`;
    if (typeof u?.id !== 'string' || !/^[UW][A-Z0-9]{2,}$/.test(u.id)) {
      problems.push(`${where}.id: "${u?.id}" is not a Slack user id (like U012ABCDEF)`);
    } else if (ids.has(u.id)) {
      problems.push(`${where}.id: ${u.id} is used twice (the bot is ${botUserId})`);
    }
    if (typeof u?.name !== 'string' || u.name.trim() === '')
      problems.push(`${where}.name: must be a non-empty string`);
    else if (names.has(u.name)) problems.push(`${where}.name: "${u.name}" is used twice`);
    if (u?.tz !== undefined && !isTimeZone(u.tz)) {
      problems.push(`${where}.tz: "${u.tz}" is not an IANA time zone (like Europe/Berlin)`);
    }
    ids.add(u?.id);
    names.add(u?.name);
  });
}

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

function userLookup(users: SeedUser[], bot: ResolvedSeed['bot']): Map<string, string> {
  const map = new Map<string, string>([
    [bot.userId, bot.userId],
    [bot.name, bot.userId],
  ]);
  for (const u of users) {
    map.set(u.id, u.id);
    map.set(u.name, u.id);
  }
  return map;
}

function resolveMembers(
  refs: unknown,
  lookup: Map<string, string>,
  where: string,
  problems: string[],
): string[] {
  if (!Array.isArray(refs)) {
    problems.push(`${where}: members must be a list of user ids or names`);
    return [];
  }
  const out: string[] = [];
  for (const ref of refs) {
    const id = typeof ref === 'string' ? lookup.get(ref.replace(/^@/, '')) : undefined;
    if (id === undefined) problems.push(`${where}: unknown user "${String(ref)}" (add it to users first)`);
    else if (!out.includes(id)) out.push(id);
  }
  return out;
}

function resolveChannels(
  channels: SeedChannel[],
  lookup: Map<string, string>,
  problems: string[],
): ResolvedSeed['channels'] {
  const given = new Set(channels.map((c) => c?.id).filter((id): id is string => typeof id === 'string'));
  const nextId = createIdSequence('C', (id) => given.has(id));
  const seenIds = new Set<string>();
  const seenNames = new Set<string>();
  return channels.map((c, i) => {
    const name = typeof c?.name === 'string' ? c.name.replace(/^#/, '') : '';
    const where = `channels[${i}] (${name || '?'})`;
    if (!/^[a-z0-9][a-z0-9._-]{0,79}$/.test(name)) {
      problems.push(`${where}.name: "${c?.name}" is not a Slack channel name (lower case, digits, - _ .)`);
    } else if (seenNames.has(name)) problems.push(`${where}.name: "${name}" is used twice`);
    const id = c?.id ?? nextId();
    if (!/^[CG][A-Z0-9]{2,}$/.test(id))
      problems.push(`${where}.id: "${id}" is not a channel id (like C012ABCDEF)`);
    else if (seenIds.has(id)) problems.push(`${where}.id: ${id} is used twice`);
    seenIds.add(id);
    seenNames.add(name);
    const members = resolveMembers(c?.members, lookup, where, problems);
    return { ...c, id, name, members, isPrivate: c?.isPrivate ?? false, botIsMember: c?.botIsMember ?? true };
  });
}
