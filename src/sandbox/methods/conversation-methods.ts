import { type Args, flag, optionalString } from '../api-args.ts';
import { fail } from '../api-error.ts';
import { paginate, readLimit } from '../pagination.ts';
import { parseTs } from '../slack-ids.ts';
import { toWireChannel, toWireMessage } from '../wire-shapes.ts';
import type { SandboxChannel, SlackWorkspace } from '../workspace.ts';
import { messageChannel } from './channel-access.ts';
import type { MethodSpec } from './method.ts';

const channelTypes = ['public_channel', 'private_channel', 'mpim', 'im'];

/** The scope reading a conversation's messages needs, by its type (Slack's `*:history`). */
function requireHistoryScope(ws: SlackWorkspace, channel: SandboxChannel): void {
  const scope = channel.isIm ? 'im:history' : channel.isPrivate ? 'groups:history' : 'channels:history';
  if (ws.withheldScopes.has(scope)) fail('missing_scope', `[ERROR] this app needs ${scope}`);
}

/** conversations.list, history, replies, info, members and open. */
export const conversationMethods: Record<string, MethodSpec> = {
  'conversations.list': {
    token: 'bot',
    run({ ws, args }) {
      const types = (optionalString(args, 'types') ?? 'public_channel').split(',').map((t) => t.trim());
      const unknown = types.filter((t) => !channelTypes.includes(t));
      if (unknown.length > 0)
        fail('invalid_types', `[ERROR] types: ${unknown.join(', ')} (use ${channelTypes.join(', ')})`);
      const listed = ws.channels().filter((c) => types.includes(typeOf(c)) && isVisible(ws, c));
      const page = paginate(listed, args, { limit: 100, max: 1000 });
      const channels = page.items.map((c) => toWireChannel(ws, c));
      return { channels, response_metadata: { next_cursor: page.nextCursor } };
    },
  },
  'conversations.history': {
    token: 'bot',
    run({ ws, args }) {
      const channel = messageChannel(ws, optionalString(args, 'channel'));
      requireHistoryScope(ws, channel);
      const range = timeRange(args);
      const from = historyCursor(args.cursor);
      const newestFirst = ws
        .allMessages(channel.id)
        .filter(
          (m) => m.threadTs === null && inRange(m.ts, range) && (from === null || toMicros(m.ts) <= from),
        )
        .reverse();
      const limit = readLimit(args, { limit: 100, max: 999 });
      const page = newestFirst.slice(0, limit);
      const next = newestFirst[limit];
      const includeMetadata = flag(args, 'include_all_metadata');
      const messages = page.map((m) => toWireMessage(ws, m, { includeMetadata, context: 'history' }));
      const nextCursor = next ? Buffer.from(`next_ts:${next.ts}`).toString('base64') : '';
      const response_metadata = { next_cursor: nextCursor };
      return { messages, has_more: next !== undefined, pin_count: 0, response_metadata };
    },
  },
  'conversations.replies': {
    token: 'bot',
    run({ ws, args }) {
      const channel = messageChannel(ws, optionalString(args, 'channel'));
      requireHistoryScope(ws, channel);
      const ts = optionalString(args, 'ts');
      const parent = ts === undefined ? undefined : ws.findMessage(channel.id, ts);
      if (!parent)
        return fail('thread_not_found', `[ERROR] no message ${ts ?? '(missing ts)'} in ${channel.id}`);
      const root = parent.threadTs ?? parent.ts;
      const range = timeRange(args);
      const thread = ws
        .allMessages(channel.id)
        .filter((m) => (m.ts === root || m.threadTs === root) && (m.ts === root || inRange(m.ts, range)));
      const page = paginate(thread, args, { limit: 1000, max: 1000 });
      const includeMetadata = flag(args, 'include_all_metadata');
      const messages = page.items.map((m) => toWireMessage(ws, m, { includeMetadata, context: 'history' }));
      return {
        messages,
        has_more: page.nextCursor !== '',
        response_metadata: { next_cursor: page.nextCursor },
      };
    },
  },
  'conversations.info': {
    token: 'bot',
    run({ ws, args }) {
      return { channel: toWireChannel(ws, messageChannel(ws, optionalString(args, 'channel'), false)) };
    },
  },
  'conversations.members': {
    token: 'bot',
    run({ ws, args }) {
      const channel = messageChannel(ws, optionalString(args, 'channel'), false);
      const page = paginate([...channel.members], args, { limit: 100, max: 1000 });
      return { members: page.items, response_metadata: { next_cursor: page.nextCursor } };
    },
  },
  'conversations.open': {
    token: 'bot',
    run({ ws, args }) {
      const { channel, created } = openConversation(ws, args);
      const wire = flag(args, 'return_im') ? toWireChannel(ws, channel) : { id: channel.id };
      return created ? { channel: wire } : { no_op: true, already_open: true, channel: wire };
    },
  },
};

function openConversation(ws: SlackWorkspace, args: Args): { channel: SandboxChannel; created: boolean } {
  const existing = optionalString(args, 'channel');
  if (existing !== undefined) {
    const channel = ws.findChannel(existing);
    if (!channel?.isIm) return fail('channel_not_found', `[ERROR] ${existing} is not an IM the bot has`);
    return { channel, created: false };
  }
  const users = (optionalString(args, 'users') ?? '')
    .split(',')
    .map((u) => u.trim())
    .filter((u) => u !== '');
  if (users.length === 0)
    return fail('users_list_not_supplied', '[ERROR] pass users (one user id) or channel');
  if (users.length > 1) {
    return fail(
      'method_not_supported_for_channel_type',
      '[ERROR] the sandbox opens 1:1 IMs only, not group DMs',
    );
  }
  const user = ws.findUser(users[0]!);
  if (!user || user.id === ws.seed.bot.userId) return fail('user_not_found', `[ERROR] no user ${users[0]}`);
  return ws.openIm(user.id);
}

function typeOf(c: SandboxChannel): string {
  if (c.isIm) return 'im';
  return c.isPrivate ? 'private_channel' : 'public_channel';
}

function isVisible(ws: SlackWorkspace, c: SandboxChannel): boolean {
  return !c.isPrivate || c.members.has(ws.seed.bot.userId);
}

interface TimeRange {
  oldest: number;
  latest: number;
  inclusive: boolean;
}

function timeRange(args: Args): TimeRange {
  const oldest = args.oldest === undefined || args.oldest === '' ? 0 : parseTs(args.oldest);
  if (oldest === null)
    fail('invalid_ts_oldest', `[ERROR] oldest: "${String(args.oldest)}" is not a Slack ts`);
  const latest =
    args.latest === undefined || args.latest === '' ? Number.MAX_SAFE_INTEGER : parseTs(args.latest);
  if (latest === null)
    fail('invalid_ts_latest', `[ERROR] latest: "${String(args.latest)}" is not a Slack ts`);
  return { oldest, latest, inclusive: flag(args, 'inclusive') };
}

function inRange(ts: string, range: TimeRange): boolean {
  const t = toMicros(ts);
  if (range.inclusive) return t >= range.oldest && t <= range.latest;
  return t > range.oldest && t < range.latest;
}

function toMicros(ts: string): number {
  return parseTs(ts) ?? 0;
}

function historyCursor(raw: unknown): number | null {
  if (raw === undefined || raw === '' || raw === null) return null;
  const decoded = typeof raw === 'string' ? Buffer.from(raw, 'base64').toString('utf8') : '';
  const ts = /^next_ts:(.+)$/.exec(decoded)?.[1];
  const micros = ts === undefined ? null : parseTs(ts);
  if (micros === null)
    return fail('invalid_cursor', `[ERROR] cursor: "${String(raw)}" was not issued by this workspace`);
  return micros;
}
