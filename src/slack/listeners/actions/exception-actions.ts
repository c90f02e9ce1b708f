import type { App, BlockButtonAction } from '@slack/bolt';
import { decideException } from '../../../app/decide-exception.ts';
import type { BotContext } from '../../context.ts';
import { mentionUser } from '../../escape.ts';
import { actions } from '../../ids.ts';

/** Approve / Reject on an exception request: deciders only; the first decision stands. */
export function registerExceptionActions(app: App, ctx: BotContext): void {
  for (const [actionId, decision] of [
    [actions.exceptionApprove, 'approved'],
    [actions.exceptionReject, 'rejected'],
  ] as const) {
    app.action<BlockButtonAction>(actionId, async ({ ack, body, action }) => {
      await ack();
      const id = Number(action.value);
      const channel = body.channel?.id ?? null;
      const tell = async (text: string) => {
        if (!channel) return;
        await ctx.chat.ephemeral({
          key: `exception-click:${body.trigger_id ?? `${id}:${body.user.id}:${action.action_ts}`}`,
          lane: 'interactive',
          channel,
          user: body.user.id,
          text,
          ...(body.message?.thread_ts ? { threadTs: body.message.thread_ts } : {}),
        });
      };
      if (!Number.isInteger(id) || id <= 0) {
        await tell(
          ':warning: This button does not name an exception request; it may come from an older message.',
        );
        return;
      }
      const result = await decideException(ctx.features.planning, { id, decision, by: body.user.id });
      if (!result.ok) await tell(`:warning: ${result.message}`);
      else if (!result.decided)
        await tell(
          `This request was already ${result.request.status} by ${result.request.decidedBy ? mentionUser(result.request.decidedBy) : 'the release team'}.`,
        );
    });
  }
}
