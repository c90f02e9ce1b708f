import { fail } from '../api-error.ts';
import type { SandboxChannel, SlackWorkspace } from '../workspace.ts';

/**
 * The channel a post goes to: an id, '#name' or name, or a user id (which means the bot's IM with
 * that user, opened if needed, as Slack does). Private channels the bot is not in do not exist for it.
 */
export function postTarget(ws: SlackWorkspace, ref: string | undefined): SandboxChannel {
  if (ref === undefined) return fail('channel_not_found', '[ERROR] missing required field: channel');
  const user = /^[UW]/.test(ref) ? ws.findUser(ref) : undefined;
  if (user && user.id !== ws.seed.bot.userId) return ws.openIm(user.id).channel;
  return visibleChannel(ws, ref);
}

/** A channel the bot can see (public, or private with the bot in it); else `channel_not_found`. */
export function visibleChannel(ws: SlackWorkspace, ref: string | undefined): SandboxChannel {
  const channel = ref === undefined ? undefined : ws.findChannel(ref);
  if (!channel || (channel.isPrivate && !channel.members.has(ws.seed.bot.userId))) {
    return fail('channel_not_found', `[ERROR] no channel "${ref ?? ''}" visible to the bot`);
  }
  return channel;
}

/** A channel the bot is a member of; a public one it is not in fails with `not_in_channel` (invite it). */
export function memberChannel(ws: SlackWorkspace, ref: string | undefined): SandboxChannel {
  const channel = visibleChannel(ws, ref);
  if (!channel.members.has(ws.seed.bot.userId)) {
    return fail(
      'not_in_channel',
      `[ERROR] the bot is not in #${channel.name}; run /invite @${ws.seed.bot.name} there`,
    );
  }
  return channel;
}

/** A channel whose messages the bot can read or react to: an IM of the bot, or a channel it is in. */
export function messageChannel(
  ws: SlackWorkspace,
  ref: string | undefined,
  needMembership = true,
): SandboxChannel {
  const channel = ref === undefined ? undefined : ws.findChannel(ref);
  if (channel?.isIm) return channel;
  return needMembership ? memberChannel(ws, ref) : visibleChannel(ws, ref);
}
