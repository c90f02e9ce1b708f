import type { App, BlockAction } from '@slack/bolt';
import { parseKepRef } from '../../../domain/status-command.ts';
import type { BotContext } from '../../context.ts';
import { actions } from '../../ids.ts';
import { openStatusModal } from '../views/kep-status-modal.ts';

/** The buttons that open the status modal; their `value` is the KEP number to pre-fill (or empty). */
const modalButtons = [actions.kepStatusEdit, actions.kepStatusOpenModal, actions.roundUpdateKep];

/**
 * "Edit" on the reply to a one-line update, "Update" on a drumbeat round, and any "Report status"
 * button: each opens the status modal, pre-filled with the KEP's latest update when the button
 * names a KEP. The view is opened before the ack (the trigger_id dies in about 3 s); when it
 * cannot open, the person is told why where they clicked.
 */
export function registerKepStatusActions(app: App, ctx: BotContext): void {
  for (const actionId of modalButtons) {
    app.action<BlockAction>(actionId, async ({ ack, body, action, client }) => {
      const value = 'value' in action && typeof action.value === 'string' ? action.value : '';
      const kep = parseKepRef(value) ?? undefined;
      const channel = body.channel?.id ?? body.container?.channel_id ?? null;
      const opened = await openStatusModal(ctx, client, {
        triggerId: body.trigger_id,
        user: body.user.id,
        channel,
        ...(kep !== undefined ? { kep } : {}),
      });
      await ack();
      if (opened.ok) return;
      const key = `modal-refused:${body.trigger_id}`;
      if (channel && !channel.startsWith('D')) {
        await ctx.chat.ephemeral({ key, lane: 'interactive', channel, user: body.user.id, ...opened.notice });
      } else {
        await ctx.chat.dm({ key, lane: 'interactive', user: body.user.id, ...opened.notice });
      }
    });
  }
}
