import { blocksOf, type FoundElement, findElement, findOption, listActionIds } from './block-elements.ts';
import { type Json, plainText, slackTs } from './json.ts';
import {
  channelName,
  findMessage,
  messagePayload,
  requireView,
  teamRef,
  userRef,
  VERIFICATION_TOKEN,
  viewOutput,
} from './payload-refs.ts';
import { currentStateValues } from './state-values.ts';
import type { ClickTarget, DriverContext, DriverResult } from './types.ts';

/** A `block_actions` click on a message, an ephemeral message or a view. */
export async function sendClick(
  ctx: DriverContext,
  user: string,
  target: ClickTarget,
): Promise<DriverResult> {
  const userId = ctx.ws.userId(user);
  const surface = resolveClickSurface(ctx, userId, target);
  const found = findElement(surface.blocks, target.actionId);
  if (!found) {
    const present = listActionIds(surface.blocks).join(', ') || 'none';
    throw new Error(
      `${surface.label} has no element with action_id "${target.actionId}" (action_ids: ${present}).`,
    );
  }
  const triggerId = ctx.ws.mintTriggerId(userId);
  const action = buildAction(ctx, found, target);
  const payload: Json = {
    type: 'block_actions',
    user: userRef(ctx.ws, userId),
    api_app_id: ctx.ws.seed.bot.appId,
    token: VERIFICATION_TOKEN,
    container: surface.container,
    trigger_id: triggerId,
    team: teamRef(ctx.ws),
    enterprise: null,
    is_enterprise_install: false,
    ...surface.fields,
    actions: [action],
  };
  const result = await ctx.transport.send('interactive', payload);
  return { ...result, triggerId };
}

interface ClickSurface {
  label: string;
  blocks: unknown[];
  container: Json;
  fields: Json;
}

function resolveClickSurface(ctx: DriverContext, userId: string, target: ClickTarget): ClickSurface {
  if (target.viewId) return viewSurface(ctx, target.viewId);
  if (target.messageTs) return messageSurface(ctx, userId, target.channel, target.messageTs);
  if (target.channel) return ephemeralSurface(ctx, userId, target.channel, target.actionId);
  throw new Error(
    'click() needs a target: { viewId }, { channel, messageTs } or { channel } for an ephemeral.',
  );
}

function viewSurface(ctx: DriverContext, viewId: string): ClickSurface {
  const view = requireView(ctx.ws, viewId);
  const output = viewOutput(ctx.ws, view, currentStateValues(view));
  return {
    label: `View ${viewId}`,
    blocks: blocksOf(view.view),
    container: { type: 'view', view_id: viewId },
    fields: { view: output, state: output.state },
  };
}

function messageSurface(
  ctx: DriverContext,
  userId: string,
  channel: string | undefined,
  ts: string,
): ClickSurface {
  const message = findMessage(ctx.ws, userId, channel, ts);
  const responseUrl =
    ctx.responseOrigin +
    ctx.ws.createResponseUrlPath({ channel: message.channel, user: userId, messageTs: ts });
  const container: Json = {
    type: 'message',
    message_ts: ts,
    channel_id: message.channel,
    is_ephemeral: false,
  };
  if (message.threadTs) container.thread_ts = message.threadTs;
  return {
    label: `Message ${ts} in ${message.channel}`,
    blocks: message.blocks ?? [],
    container,
    fields: {
      channel: { id: message.channel, name: channelName(ctx.ws, message.channel) },
      message: messagePayload(ctx.ws, message),
      state: { values: {} },
      response_url: responseUrl,
    },
  };
}

/** Slack sends no `message` for clicks on ephemerals: only the container and a response_url. */
function ephemeralSurface(
  ctx: DriverContext,
  userId: string,
  channel: string,
  actionId: string,
): ClickSurface {
  const channelId = ctx.ws.channelId(channel);
  const candidates = ctx.ws.ephemerals(userId).filter((e) => e.channel === channelId);
  const ephemeral = [...candidates].reverse().find((e) => findElement(e.blocks ?? [], actionId));
  if (!ephemeral) {
    throw new Error(
      `No ephemeral message for ${userId} in ${channelId} has action_id "${actionId}"; ` +
        'pass { channel, messageTs } for a stored message or { viewId } for a view.',
    );
  }
  // Slack reports the ephemeral's own ts, the same for every click on it (a double click included).
  const ts = slackTs(new Date(ephemeral.at));
  const responseUrl = ctx.responseOrigin + ctx.ws.createResponseUrlPath({ channel: channelId, user: userId });
  return {
    label: `Ephemeral message in ${channelId}`,
    blocks: ephemeral.blocks ?? [],
    container: { type: 'message', message_ts: ts, channel_id: channelId, is_ephemeral: true },
    fields: {
      channel: { id: channelId, name: channelName(ctx.ws, channelId) },
      state: { values: {} },
      response_url: responseUrl,
    },
  };
}

function buildAction(ctx: DriverContext, found: FoundElement, target: ClickTarget): Json {
  const element = found.element;
  const action: Json = {
    action_id: target.actionId,
    block_id: target.blockId ?? found.blockId,
    type: element.type,
    action_ts: slackTs(ctx.now()),
  };
  if (element.text !== undefined) action.text = element.text;
  const value = target.value ?? (typeof element.value === 'string' ? element.value : undefined);
  if (value !== undefined) action.value = value;
  if (element.style !== undefined) action.style = element.style;
  const selected = selectedOptionFor(element, target);
  if (selected) action.selected_option = selected;
  return action;
}

function selectedOptionFor(element: Json, target: ClickTarget): Json | undefined {
  if (target.selectedOption) {
    return { text: plainText(target.selectedOption.text), value: target.selectedOption.value };
  }
  const type = String(element.type);
  if (
    target.value === undefined ||
    !(type.endsWith('select') || type === 'overflow' || type === 'radio_buttons')
  ) {
    return undefined;
  }
  return findOption(element, target.value);
}
