import type { App, BlockButtonAction } from '@slack/bolt';
import {
  type RemovalResult,
  removeFromMilestone,
  restoreToMilestone,
} from '../../../app/remove-from-milestone.ts';
import { parseRemovalButtonValue } from '../../blocks/removal-blocks.ts';
import { removalOutcomeText } from '../../blocks/removal-outcome.ts';
import type { BotContext } from '../../context.ts';
import { actions } from '../../ids.ts';

/**
 * "Remove from milestone" and "Restore to milestone" (after Slack's confirm dialog): release team
 * only, checked again on the click; the answer goes to who clicked, where they clicked.
 */
export function registerRemovalActions(app: App, ctx: BotContext): void {
  for (const actionId of [actions.milestoneRemove, actions.milestoneRestore]) {
    app.action<BlockButtonAction>(actionId, async ({ ack, body, action }) => {
      await ack();
      const channel = body.channel?.id ?? body.container?.channel_id ?? null;
      const value = parseRemovalButtonValue(action.value);
      const deps = ctx.milestoneRemoval;
      let result: RemovalResult;
      if (!deps)
        result = { ok: false, message: 'Removing KEPs from the milestone is not set up in this bot.' };
      else if (!value)
        result = {
          ok: false,
          message: 'This button does not name a KEP; it may come from an older message.',
        };
      else if (actionId === actions.milestoneRemove)
        result = await removeFromMilestone(deps, {
          kep: value.kep,
          reason: value.reason ?? '',
          by: body.user.id,
        });
      else result = await restoreToMilestone(deps, { kep: value.kep, by: body.user.id });
      if (!channel) return;
      const text = removalOutcomeText(
        actionId === actions.milestoneRemove ? 'remove' : 'restore',
        result,
        deps?.settings.writeBack ?? false,
      );
      await ctx.chat.ephemeral({
        key: `milestone-click:${body.trigger_id ?? `${body.user.id}:${action.action_ts}`}`,
        lane: 'interactive',
        channel,
        user: body.user.id,
        text,
        blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }],
      });
    });
  }
}
