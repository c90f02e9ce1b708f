import { isEmpty, type Json } from './json.ts';
import { channelName, userName, VERIFICATION_TOKEN } from './payload-refs.ts';
import type { DriverContext, DriverResult } from './types.ts';

/** A slash command typed by `user` in `channel`, its synchronous answer shown as Slack shows it. */
export async function sendCommand(
  ctx: DriverContext,
  user: string,
  channel: string,
  command: string,
  text: string,
): Promise<DriverResult> {
  if (!/^\/[a-z0-9_-]+$/i.test(command)) {
    throw new Error(`Slash command "${command}" must be a slash and a name, e.g. "/kep-status".`);
  }
  const { ws } = ctx;
  const userId = ws.userId(user);
  const channelId = ws.channelId(channel);
  const triggerId = ws.mintTriggerId(userId);
  const responseUrl = ctx.responseOrigin + ws.createResponseUrlPath({ channel: channelId, user: userId });
  const payload = {
    token: VERIFICATION_TOKEN,
    team_id: ws.seed.team.id,
    team_domain: ws.seed.team.domain,
    channel_id: channelId,
    channel_name: channelName(ws, channelId),
    user_id: userId,
    user_name: userName(ws, userId),
    command,
    text,
    api_app_id: ws.seed.bot.appId,
    is_enterprise_install: 'false',
    response_url: responseUrl,
    trigger_id: triggerId,
  };
  const result = await ctx.transport.send('command', payload);
  await recordCommandOutcome(ctx, { channel: channelId, user: userId, command, responseUrl }, result);
  return { ...result, triggerId };
}

interface CommandContext {
  channel: string;
  user: string;
  command: string;
  responseUrl: string;
}

/** Shows the synchronous answer to a slash command the way Slack does: ephemeral, in-channel, or an error. */
async function recordCommandOutcome(
  ctx: DriverContext,
  command: CommandContext,
  result: DriverResult,
): Promise<void> {
  if (result.status !== 200) {
    const error = result.status === 504 ? 'operation_timeout' : 'dispatch_failed';
    return showEphemeral(ctx, command, `${command.command} failed with the error "${error}"`, null);
  }
  const body = result.body;
  if (isEmpty(body)) return;
  if (typeof body === 'string') return showEphemeral(ctx, command, body, null);
  const message = body as Json;
  if (message.response_type === 'in_channel') {
    // Slack posts an in-channel answer as a bot message, as a response_url POST would; reuse that path.
    await postToResponseUrl(command.responseUrl, message);
    return;
  }
  const text = typeof message.text === 'string' ? message.text : '';
  showEphemeral(ctx, command, text, Array.isArray(message.blocks) ? message.blocks : null);
}

function showEphemeral(ctx: DriverContext, command: CommandContext, text: string, blocks: unknown[] | null) {
  ctx.ws.recordEphemeral({
    channel: command.channel,
    user: command.user,
    text,
    blocks,
    viaResponseUrl: false,
  });
}

async function postToResponseUrl(url: string, message: Json): Promise<void> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(message),
  }).catch((error: unknown) => {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(
      `Could not show the in_channel answer: is the web API server at ${url} running? (${reason})`,
    );
  });
  const reply = (await response.json().catch(() => ({}))) as { ok?: boolean; error?: string };
  if (reply.ok !== true) {
    throw new Error(
      `The in_channel answer was refused by the response_url: ${reply.error ?? response.status}`,
    );
  }
}
