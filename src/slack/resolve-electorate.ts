import type { WebClient } from '@slack/web-api';
import type { ElectorateKind } from '../domain/vote.ts';
import type { ElectorateChoice } from '../domain/vote-command.ts';
import { isSlackUserId, mentionChannel, mentionUserGroup } from './escape.ts';

export type ElectorateReading =
  | { ok: true; kind: ElectorateKind; source: string | null; members: string[] }
  | { ok: false; message: string };

/** At most this many electors are read (conversations.members pages). */
const maxMembers = 5000;

/**
 * Reads who is in the electorate now (it is frozen when the vote starts): a channel's members
 * (conversations.members, every page), a user group's (usergroups.users.list), or the listed people.
 * The bot itself never votes. Slack errors become a sentence saying what to do.
 */
export async function resolveElectorate(
  client: WebClient,
  choice: ElectorateChoice,
  botUserId: string | undefined,
): Promise<ElectorateReading> {
  const keep = (ids: string[]) => [...new Set(ids.filter((id) => isSlackUserId(id) && id !== botUserId))];
  try {
    if (choice.kind === 'people')
      return { ok: true, kind: 'people', source: null, members: keep(choice.ids) };
    if (choice.kind === 'usergroup') {
      const result = await client.usergroups.users.list({ usergroup: choice.id });
      return { ok: true, kind: 'usergroup', source: choice.id, members: keep(result.users ?? []) };
    }
    return {
      ok: true,
      kind: 'channel',
      source: choice.id,
      members: keep(await channelMembers(client, choice.id)),
    };
  } catch (error) {
    return { ok: false, message: explain(choice, error) };
  }
}

async function channelMembers(client: WebClient, channel: string): Promise<string[]> {
  const members: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await client.conversations.members({ channel, limit: 200, ...(cursor ? { cursor } : {}) });
    members.push(...(page.members ?? []));
    cursor = page.response_metadata?.next_cursor || undefined;
  } while (cursor && members.length < maxMembers);
  return members;
}

function explain(choice: ElectorateChoice, error: unknown): string {
  const code =
    (error as { data?: { error?: string } }).data?.error ?? (error as Error).message ?? String(error);
  if (choice.kind === 'channel') {
    const where = mentionChannel(choice.id);
    if (code === 'not_in_channel' || code === 'channel_not_found')
      return `I cannot see the members of ${where}: invite me there (\`/invite @drumbeat\`) or pick another channel.`;
    return `Could not read the members of ${where} (${code}); try again or list the people instead.`;
  }
  if (choice.kind === 'usergroup') {
    if (code === 'no_such_subteam')
      return `There is no user group ${mentionUserGroup(choice.id)}: type its ID (S…), or name it in the command as @group.`;
    return `Could not read the user group ${mentionUserGroup(choice.id)} (${code}); the app needs the usergroups:read scope.`;
  }
  return `Could not read the listed people (${code}).`;
}
