import { type Json, slackTs } from './json.ts';
import {
  channelName,
  findMessage,
  messagePayload,
  teamRef,
  userRef,
  VERIFICATION_TOKEN,
} from './payload-refs.ts';
import type { DriverContext, DriverResult } from './types.ts';

/** A message shortcut (`message_action`) on a stored message. */
export async function sendMessageShortcut(
  ctx: DriverContext,
  user: string,
  channel: string,
  ts: string,
  callbackId: string,
): Promise<DriverResult> {
  const userId = ctx.ws.userId(user);
  const message = findMessage(ctx.ws, userId, channel, ts);
  const triggerId = ctx.ws.mintTriggerId(userId);
  const responseUrl =
    ctx.responseOrigin +
    ctx.ws.createResponseUrlPath({ channel: message.channel, user: userId, messageTs: ts });
  const payload: Json = {
    type: 'message_action',
    token: VERIFICATION_TOKEN,
    action_ts: slackTs(ctx.now()),
    team: teamRef(ctx.ws),
    user: userRef(ctx.ws, userId),
    channel: { id: message.channel, name: channelName(ctx.ws, message.channel) },
    is_enterprise_install: false,
    enterprise: null,
    callback_id: callbackId,
    trigger_id: triggerId,
    response_url: responseUrl,
    message_ts: ts,
    message: messagePayload(ctx.ws, message),
  };
  const result = await ctx.transport.send('interactive', payload);
  return { ...result, triggerId };
}
