import { toWireMessage } from '../wire-shapes.ts';
import type { SandboxMessage, SandboxView, SlackWorkspace } from '../workspace.ts';
import { type Json, plainText } from './json.ts';

/** The legacy verification token Slack still sends; Bolt ignores it. */
export const VERIFICATION_TOKEN = 'sandbox-verification-token';

export function userName(ws: SlackWorkspace, userId: string): string {
  return ws.findUser(userId)?.name ?? userId;
}

export function userRef(ws: SlackWorkspace, userId: string): Json {
  const name = userName(ws, userId);
  return { id: userId, username: name, name, team_id: ws.seed.team.id };
}

export function teamRef(ws: SlackWorkspace): Json {
  return { id: ws.seed.team.id, domain: ws.seed.team.domain };
}

/** Slack names an IM `directmessage` in payloads. */
export function channelName(ws: SlackWorkspace, channelId: string): string {
  const channel = ws.findChannel(channelId);
  if (!channel) return channelId;
  return channel.isIm ? 'directmessage' : channel.name;
}

/** A stored message (top-level or reply) by ts; without a channel, in the bot's IM with the user. */
export function findMessage(
  ws: SlackWorkspace,
  userId: string,
  channel: string | undefined,
  ts: string,
): SandboxMessage {
  const channelId = channel === undefined ? ws.imWith(userId)?.id : ws.channelId(channel);
  const message = channelId === undefined ? undefined : ws.findMessage(channelId, ts);
  if (!message) {
    const where = channel === undefined ? `the bot's DM with ${userId}` : channel;
    throw new Error(
      `No message with ts ${ts} in ${where}; read ws.messages()/ws.replies()/ws.dms() for the right ts.`,
    );
  }
  return { ...message };
}

/** The message as Slack embeds it in block_actions / message_action: as conversations.history shows it. */
export function messagePayload(ws: SlackWorkspace, m: SandboxMessage): Json {
  return toWireMessage(ws, m, { includeMetadata: true, context: 'history' });
}

export function requireView(ws: SlackWorkspace, viewId: string): SandboxView {
  const view = ws.view(viewId);
  if (!view)
    throw new Error(`No view ${viewId} in the workspace; read ws.openViews(user) for the open ones.`);
  if (view.closed) throw new Error(`View ${viewId} is closed; a person can no longer act on it.`);
  return view;
}

/** The view as Slack shows it to the app: the stored definition plus id, hash, state and app fields. */
export function viewOutput(ws: SlackWorkspace, view: SandboxView, values: Json): Json {
  const links = ws.viewLinks(view.id);
  return {
    team_id: ws.seed.team.id,
    title: plainText(''),
    blocks: [],
    close: null,
    submit: null,
    private_metadata: '',
    callback_id: '',
    external_id: '',
    clear_on_close: false,
    notify_on_close: false,
    ...view.view,
    id: view.id,
    type: view.type,
    hash: view.hash,
    state: { values },
    root_view_id: links?.rootId ?? view.id,
    previous_view_id: links?.previousId ?? null,
    app_id: ws.seed.bot.appId,
    app_installed_team_id: ws.seed.team.id,
    bot_id: ws.seed.bot.botId,
  };
}
