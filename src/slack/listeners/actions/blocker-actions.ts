import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { acknowledgeBlocker, type BlockerActionResult } from '../../../app/acknowledge-blocker.ts';
import { resolveBlocker } from '../../../app/resolve-blocker.ts';
import { snoozeBlocker } from '../../../app/snooze-blocker.ts';
import type { EscalationDeps } from '../../../ports/escalation.ts';
import { buildNotice } from '../../blocks/kep-status-blocks.ts';
import type { BotContext } from '../../context.ts';
import { actions } from '../../ids.ts';

type BlockerUseCase = (
  deps: EscalationDeps,
  input: { messageKey: string; by: string },
) => Promise<BlockerActionResult>;

const buttons: Array<[string, BlockerUseCase]> = [
  [actions.blockerAcknowledge, acknowledgeBlocker],
  [actions.blockerSnooze, snoozeBlocker],
  [actions.blockerResolve, resolveBlocker],
];

/**
 * The escalation post's buttons (Acknowledge, Snooze 1 day, Resolved: the button's value is the
 * post's key). The sweep after every request is wired in `wiring/start-bot.ts`.
 */
export function registerBlockerActions(app: App, ctx: BotContext): void {
  const deps = ctx.features.escalation;
  for (const [actionId, useCase] of buttons) {
    app.action<BlockAction<ButtonAction>>(actionId, async ({ ack, body, action }) => {
      await ack();
      const result = await useCase(deps, { messageKey: action.value ?? '', by: body.user.id });
      const channel = body.channel?.id;
      if (!channel) return;
      const notice = result.ok
        ? {
            text: result.note,
            blocks: [{ type: 'section' as const, text: { type: 'mrkdwn' as const, text: result.note } }],
          }
        : buildNotice(result.message, { mentions: true });
      await ctx.chat.ephemeral({
        key: `blocker:${actionId}:${body.trigger_id}`,
        lane: 'interactive',
        channel,
        user: body.user.id,
        ...notice,
      });
    });
  }
}
