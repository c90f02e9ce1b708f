import { messageBlockProblems } from './check-blocks.ts';
import type { SlackWorkspace } from './workspace.ts';

/** What the emulator answers on a response_url: an HTTP status and a JSON body. */
export interface ResponseUrlReply {
  status: number;
  body: { ok: boolean; error?: string; response_metadata?: { messages: string[] } };
}

/**
 * Handles a POST to `/response/<id>` as Slack does: `replace_original` edits the message the
 * interaction came from (or records a replacing ephemeral when that was ephemeral), `delete_original`
 * removes it, `response_type: 'in_channel'` posts a message as the bot, and anything else records
 * an ephemeral for the user. Each POST is recorded in `ws.calls('response_url')`.
 */
export function handleResponseUrl(ws: SlackWorkspace, id: string, payload: unknown): ResponseUrlReply {
  const reply = respond(ws, id, payload);
  const args = typeof payload === 'object' && payload !== null ? (payload as Record<string, unknown>) : {};
  ws.recordCall({
    method: 'response_url',
    args: { ...args, response_url_id: id },
    ok: reply.body.ok,
    ...errorOf(reply),
  });
  return reply;
}

function errorOf(reply: ResponseUrlReply): { error?: string } {
  return reply.body.error === undefined ? {} : { error: reply.body.error };
}

function respond(ws: SlackWorkspace, id: string, payload: unknown): ResponseUrlReply {
  const ctx = ws.useResponseUrl(id);
  if ('error' in ctx) return refuse(404, ctx.error, 'response_urls work 5 times within 30 minutes');
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
    return refuse(400, 'invalid_payload', 'the body must be a JSON object (text, blocks, response_type, …)');
  }
  const p = payload as Record<string, unknown>;
  if (p.delete_original === true) {
    if (ctx.messageTs) ws.deleteMessage(ctx.channel, ctx.messageTs);
    return { status: 200, body: { ok: true } };
  }
  const text = typeof p.text === 'string' ? p.text : undefined;
  const blocks = Array.isArray(p.blocks) ? p.blocks : undefined;
  const problems = p.blocks === undefined ? [] : messageBlockProblems(text, p.blocks);
  if (problems.length > 0) return refuse(400, 'invalid_blocks', ...problems);
  if (text === undefined && blocks === undefined) return refuse(400, 'no_text', 'send text or blocks');
  deliver(ws, ctx, p, { text: text ?? '', blocks: blocks ?? null });
  return { status: 200, body: { ok: true } };
}

function deliver(
  ws: SlackWorkspace,
  ctx: { channel: string; user: string; messageTs?: string | undefined },
  p: Record<string, unknown>,
  content: { text: string; blocks: unknown[] | null },
): void {
  const original = ctx.messageTs ? ws.findMessage(ctx.channel, ctx.messageTs) : undefined;
  if (p.replace_original === true && original) {
    ws.editMessage(ctx.channel, original.ts, content);
    return;
  }
  if (p.response_type === 'in_channel' && p.replace_original !== true) {
    const { bot } = ws.seed;
    const threadTs = typeof p.thread_ts === 'string' ? ws.threadRoot(ctx.channel, p.thread_ts) : null;
    ws.appendMessage({
      channel: ctx.channel,
      threadTs,
      user: bot.userId,
      botId: bot.botId,
      metadata: null,
      ...content,
    });
    return;
  }
  const replaceOriginal = p.replace_original === true ? { replaceOriginal: true } : {};
  ws.recordEphemeral({
    channel: ctx.channel,
    user: ctx.user,
    ...content,
    viaResponseUrl: true,
    ...replaceOriginal,
  });
}

function refuse(status: number, error: string, ...messages: string[]): ResponseUrlReply {
  return { status, body: { ok: false, error, response_metadata: { messages } } };
}
