import { optionalString, requiredString } from '../api-args.ts';
import { fail, SlackApiError } from '../api-error.ts';
import { toWireMessage } from '../wire-shapes.ts';
import type { SandboxChannel, SlackWorkspace } from '../workspace.ts';
import { memberChannel, postTarget } from './channel-access.ts';
import { readMessageBody } from './message-body.ts';
import type { MethodSpec } from './method.ts';

/** chat.postMessage, chat.update, chat.postEphemeral and chat.getPermalink. */
export const chatMethods: Record<string, MethodSpec> = {
  'chat.postMessage': {
    token: 'bot',
    run({ ws, args }) {
      const channel = postableChannel(ws, optionalString(args, 'channel'));
      const body = readMessageBody(args, { requireContent: true });
      const threadTs = threadOf(ws, channel, optionalString(args, 'thread_ts'));
      pace(ws, channel);
      const { bot } = ws.seed;
      const message = ws.appendMessage({
        channel: channel.id,
        threadTs,
        user: bot.userId,
        botId: bot.botId,
        text: body.text ?? '',
        blocks: body.blocks ?? null,
        metadata: body.metadata ?? null,
      });
      const wire = toWireMessage(ws, message, { includeMetadata: true, context: 'post' });
      return { channel: channel.id, ts: message.ts, message: wire };
    },
  },
  'chat.update': {
    token: 'bot',
    run({ ws, args }) {
      const channel = postableChannel(ws, optionalString(args, 'channel'));
      const ts = requiredString(args, 'ts', 'message_not_found');
      const existing = ws.findMessage(channel.id, ts);
      if (!existing) fail('message_not_found', `[ERROR] no message ${ts} in ${channel.id}`);
      if (existing.botId !== ws.seed.bot.botId)
        fail('cant_update_message', '[ERROR] only the bot’s own messages can be updated');
      const body = readMessageBody(args, { requireContent: false });
      if (body.text === undefined && body.blocks === undefined && body.metadata === undefined) {
        fail('no_text', '[ERROR] chat.update needs text, blocks or metadata');
      }
      pace(ws, channel);
      const blocks = body.blocks === undefined ? undefined : body.blocks.length === 0 ? null : body.blocks;
      const updated = ws.editMessage(channel.id, ts, { text: body.text, blocks, metadata: body.metadata })!;
      const message = toWireMessage(ws, updated, { includeMetadata: true, context: 'update' });
      return { channel: channel.id, ts, text: updated.text, message };
    },
  },
  'chat.postEphemeral': {
    token: 'bot',
    run({ ws, args }) {
      const channel = postableChannel(ws, optionalString(args, 'channel'));
      const userRef = requiredString(args, 'user', 'user_not_found');
      const user = ws.findUser(userRef);
      if (!user) fail('user_not_found', `[ERROR] no user ${userRef}`);
      if (!channel.members.has(user.id))
        fail('user_not_in_channel', `[ERROR] ${user.name} is not in ${channel.id}`);
      const body = readMessageBody(args, { requireContent: true });
      const blocks = body.blocks ?? null;
      ws.recordEphemeral({
        channel: channel.id,
        user: user.id,
        text: body.text ?? '',
        blocks,
        viaResponseUrl: false,
      });
      return { message_ts: ws.mintTs() };
    },
  },
  'chat.getPermalink': {
    token: 'bot',
    run({ ws, args }) {
      const channel = postableChannel(ws, optionalString(args, 'channel'));
      const ts = requiredString(args, 'message_ts', 'message_not_found');
      const message = ws.findMessage(channel.id, ts);
      if (!message) fail('message_not_found', `[ERROR] no message ${ts} in ${channel.id}`);
      const base = `https://${ws.seed.team.domain}.slack.com/archives/${channel.id}/p${ts.replace('.', '')}`;
      const thread = message.threadTs ? `?thread_ts=${message.threadTs}&cid=${channel.id}` : '';
      return { channel: channel.id, permalink: base + thread };
    },
  },
};

function postableChannel(ws: SlackWorkspace, ref: string | undefined): SandboxChannel {
  const channel = postTarget(ws, ref);
  return channel.isIm ? channel : memberChannel(ws, channel.id);
}

function threadOf(ws: SlackWorkspace, channel: SandboxChannel, threadTs: string | undefined): string | null {
  if (threadTs === undefined) return null;
  const root = ws.threadRoot(channel.id, threadTs);
  if (root === null)
    fail('thread_not_found', `[ERROR] thread_ts ${threadTs} is not a message in ${channel.id}`);
  return root;
}

/** Spends a per-channel rate token, or fails with `ratelimited` (HTTP 429 + Retry-After). */
function pace(ws: SlackWorkspace, channel: SandboxChannel): void {
  const taken = ws.takeRateToken(channel.id);
  if (!taken.ok) {
    const message = `[WARN] posting too fast in ${channel.id}; retry after ${taken.retryAfterSeconds}s`;
    throw new SlackApiError('ratelimited', [message], taken.retryAfterSeconds);
  }
}
