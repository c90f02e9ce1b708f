/**
 * The emulator's records turned into the JSON Slack sends, key for key as in the shape samples in
 * `test/fixtures/slack-shapes/java-slack-sdk-json-logs/api/` (slackapi/java-slack-sdk) (no key here is missing from them).
 */
import type {
  SandboxChannel,
  SandboxMessage,
  SandboxUser,
  SandboxView,
  SlackWorkspace,
} from './workspace.ts';

type Json = Record<string, unknown>;

/** Which call the message is for: history-style calls add thread counters, edits and reactions. */
export interface WireMessageOptions {
  includeMetadata: boolean;
  context: 'post' | 'update' | 'history';
}

/** A message as chat.postMessage / chat.update / conversations.history return it. */
export function toWireMessage(ws: SlackWorkspace, m: SandboxMessage, options: WireMessageOptions): Json {
  const out: Json = { type: 'message', text: m.text };
  if (m.user) out.user = m.user;
  if (m.botId) out.bot_id = m.botId;
  if (m.botId === ws.seed.bot.botId) {
    out.app_id = ws.seed.bot.appId;
    out.bot_profile = botProfile(ws);
  }
  if (options.context !== 'update') out.ts = m.ts;
  out.team = ws.seed.team.id;
  if (m.blocks) out.blocks = m.blocks;
  if (options.includeMetadata && m.metadata) out.metadata = m.metadata;
  if (m.threadTs) {
    out.thread_ts = m.threadTs;
    const parent = ws.findMessage(m.channel, m.threadTs);
    if (parent?.user) out.parent_user_id = parent.user;
  }
  if (options.context === 'history') Object.assign(out, historyExtras(ws, m));
  return out;
}

function historyExtras(ws: SlackWorkspace, m: SandboxMessage): Json {
  const out: Json = {};
  const replies = m.threadTs === null ? ws.allMessages(m.channel).filter((r) => r.threadTs === m.ts) : [];
  if (replies.length > 0) {
    const users = [...new Set(replies.map((r) => r.user).filter((u): u is string => u !== null))];
    Object.assign(out, {
      thread_ts: m.ts,
      reply_count: replies.length,
      reply_users: users,
      reply_users_count: users.length,
      latest_reply: replies.at(-1)?.ts,
    });
  }
  const edited = ws.editedTs(m.channel, m.ts);
  if (m.edited && edited) out.edited = { user: m.user ?? '', ts: edited };
  const reactions = ws.reactions(m.channel, m.ts);
  if (reactions.length > 0) out.reactions = reactions;
  return out;
}

function botProfile(ws: SlackWorkspace): Json {
  const { bot, team } = ws.seed;
  const icon = 'https://a.slack-edge.com/80588/img/plugins/app/bot_48.png';
  return {
    id: bot.botId,
    deleted: false,
    name: bot.name,
    updated: 0,
    app_id: bot.appId,
    icons: { image_48: icon },
    team_id: team.id,
  };
}

/** A user as users.info / users.list / users.lookupByEmail return it. */
export function toWireUser(ws: SlackWorkspace, u: SandboxUser): Json {
  const team = ws.seed.team.id;
  const profile: Json = {
    real_name: u.realName,
    real_name_normalized: u.realName,
    display_name: u.name,
    display_name_normalized: u.name,
    status_text: '',
    status_emoji: '',
    team,
  };
  if (u.email) profile.email = u.email;
  if (u.botId) Object.assign(profile, { bot_id: u.botId, always_active: false });
  if (u.id === ws.seed.bot.userId) profile.api_app_id = ws.seed.bot.appId;
  return {
    id: u.id,
    team_id: team,
    name: u.name,
    deleted: false,
    real_name: u.realName,
    tz: u.tz,
    ...zoneLabels(u.tz, ws.now()),
    profile,
    is_admin: false,
    is_owner: false,
    is_primary_owner: false,
    is_restricted: false,
    is_ultra_restricted: false,
    is_bot: u.isBot,
    is_app_user: false,
    updated: 0,
  };
}

/** Slack's `tz_label` (long zone name) and `tz_offset` (seconds east of UTC) at `now`. */
export function zoneLabels(tz: string, now: Date): { tz_label: string; tz_offset: number } {
  const part = (style: 'long' | 'longOffset') =>
    new Intl.DateTimeFormat('en-US', { timeZone: tz, timeZoneName: style })
      .formatToParts(now)
      .find((p) => p.type === 'timeZoneName')?.value ?? '';
  const offset = /GMT([+-])(\d{2}):(\d{2})/.exec(part('longOffset'));
  const seconds = offset
    ? (Number(offset[2]) * 3600 + Number(offset[3]) * 60) * (offset[1] === '-' ? -1 : 1)
    : 0;
  return { tz_label: part('long'), tz_offset: seconds };
}

/** A channel (or IM) as conversations.info / conversations.list return it. */
export function toWireChannel(ws: SlackWorkspace, c: SandboxChannel): Json {
  if (c.isIm) {
    return {
      id: c.id,
      created: c.created,
      is_im: true,
      is_org_shared: false,
      user: c.imUser,
      is_user_deleted: false,
      priority: 0,
    };
  }
  const empty = { value: '', creator: '', last_set: 0 };
  return {
    id: c.id,
    name: c.name,
    is_channel: !c.isPrivate,
    is_group: c.isPrivate,
    is_im: false,
    is_mpim: false,
    is_private: c.isPrivate,
    created: c.created,
    is_archived: false,
    is_general: false,
    unlinked: 0,
    name_normalized: c.name,
    is_shared: false,
    is_org_shared: false,
    is_ext_shared: false,
    is_pending_ext_shared: false,
    pending_shared: [],
    creator: '',
    is_member: c.members.has(ws.seed.bot.userId),
    topic: empty,
    purpose: empty,
    previous_names: [],
    num_members: c.members.size,
  };
}

/** A view as views.open / update / push / publish return it. */
export function toWireView(ws: SlackWorkspace, v: SandboxView): Json {
  const { team, bot } = ws.seed;
  const links = ws.viewLinks(v.id);
  const source = v.view;
  return {
    id: v.id,
    team_id: team.id,
    type: v.type,
    title: source.title ?? null,
    submit: source.submit ?? null,
    close: source.close ?? null,
    blocks: source.blocks ?? [],
    private_metadata: source.private_metadata ?? '',
    callback_id: source.callback_id ?? '',
    external_id: source.external_id ?? '',
    state: { values: {} },
    hash: v.hash,
    clear_on_close: source.clear_on_close ?? false,
    notify_on_close: source.notify_on_close ?? false,
    submit_disabled: source.submit_disabled ?? false,
    root_view_id: v.type === 'home' ? null : (links?.rootId ?? v.id),
    previous_view_id: links?.previousId ?? null,
    app_id: bot.appId,
    app_installed_team_id: team.id,
    bot_id: bot.botId,
  };
}
