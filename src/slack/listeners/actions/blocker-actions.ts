import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { acknowledgeBlocker, type BlockerActionResult } from '../../../app/acknowledge-blocker.ts';
import { announceResolutions } from '../../../app/announce-resolutions.ts';
import { escalateBlockers } from '../../../app/escalate-blockers.ts';
import type { EscalationDeps } from '../../../ports/escalation.ts';
import { resolveBlocker } from '../../../app/resolve-blocker.ts';
import { snoozeBlocker } from '../../../app/snooze-blocker.ts';
import { buildNotice } from '../../blocks/kep-status-blocks.ts';
import type { BotContext } from '../../context.ts';
import { escalationDepsFrom } from '../../escalation-deps.ts';
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
 * post's key), plus a sweep after every inbound request: a status update that opened a blocker
 * starts its ladder at once, and one that closed a blocker (command or modal) gets its resolution
 * posted in every thread that heard of it at once, not at the next scheduler pass. The sweep is
 * two indexed queries when there is nothing to do.
 */
export function registerBlockerActions(app: App, ctx: BotContext): void {
  const deps = escalationDepsFrom(ctx);
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
        : buildNotice(result.message);
      await ctx.chat.ephemeral({
        key: `blocker:${actionId}:${body.trigger_id}`,
        lane: 'interactive',
        channel,
        user: body.user.id,
        ...notice,
      });
    });
  }
  app.use(async ({ next }) => {
    await next();
    try {
      // a new blocker starts its ladder at once (step 0 is usually "at once"); else just resolutions
      if (ctx.store.escalations.hasUnseenOpen(deps.settings.release))
        await escalateBlockers(deps, ctx.clock.now());
      else await announceResolutions(deps, 'interactive');
    } catch (error) {
      ctx.logger.error('escalation: posting resolutions failed; the next scheduler pass tries again', {
        error,
      });
    }
  });
}
