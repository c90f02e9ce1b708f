import type { App, BlockButtonAction, BlockStaticSelectAction } from '@slack/bolt';
import {
  type RemovalResult,
  removeFromMilestone,
  restoreToMilestone,
} from '../../../app/remove-from-milestone.ts';
import { section } from '../../blocks/block-kit.ts';
import { parseRemovalButtonValue, type RemovalButtonValue } from '../../blocks/removal-blocks.ts';
import { removalOutcomeText } from '../../blocks/removal-outcome.ts';
import type { BotContext } from '../../context.ts';
import { actions } from '../../ids.ts';

type Direction = 'remove' | 'restore';

interface Click {
  user: string;
  channel: string | null;
  key: string;
  threadTs?: string;
}

async function act(ctx: BotContext, direction: Direction, value: RemovalButtonValue | null, by: string) {
  const deps = ctx.milestoneRemoval;
  if (!deps)
    return { ok: false, message: 'Removing KEPs from the milestone is not set up in this bot.' } as const;
  if (!value)
    return {
      ok: false,
      message: 'This button does not name a KEP; it may come from an older message.',
    } as const;
  if (value.after && ctx.clock.now().getTime() < Date.parse(value.after))
    return {
      ok: false,
      message: `The freeze has not passed yet (${value.after.slice(0, 16).replace('T', ' ')} UTC); a KEP can be removed for missing it after that.`,
    } as const;
  if (direction === 'remove')
    return removeFromMilestone(deps, { kep: value.kep, reason: value.reason ?? '', by });
  return restoreToMilestone(deps, { kep: value.kep, by });
}

/** Runs the removal or restore and tells who clicked, where they clicked. */
async function answer(ctx: BotContext, click: Click, direction: Direction, value: RemovalButtonValue | null) {
  const result: RemovalResult = await act(ctx, direction, value, click.user);
  if (!click.channel) return;
  const text = removalOutcomeText(direction, result, ctx.milestoneRemoval?.settings.writeBack ?? false);
  await ctx.chat.ephemeral({
    key: click.key,
    lane: 'interactive',
    channel: click.channel,
    user: click.user,
    text,
    blocks: [section(text)],
    ...(click.threadTs ? { threadTs: click.threadTs } : {}),
  });
}

/**
 * "Remove from milestone" and "Restore to milestone" (after Slack's confirm dialog), and the
 * deadline alert's "Remove from milestone…" menu: release team only, checked again on the click.
 */
export function registerRemovalActions(app: App, ctx: BotContext): void {
  const clickOf = (body: BlockButtonAction | BlockStaticSelectAction, ts: string): Click => ({
    user: body.user.id,
    channel: body.channel?.id ?? body.container?.channel_id ?? null,
    key: `milestone-click:${body.trigger_id ?? `${body.user.id}:${ts}`}`,
    ...(body.message?.thread_ts ? { threadTs: body.message.thread_ts } : {}),
  });
  for (const [actionId, direction] of [
    [actions.milestoneRemove, 'remove'],
    [actions.milestoneRestore, 'restore'],
  ] as const) {
    app.action<BlockButtonAction>(actionId, async ({ ack, body, action }) => {
      await ack();
      await answer(ctx, clickOf(body, action.action_ts), direction, parseRemovalButtonValue(action.value));
    });
  }
  app.action<BlockStaticSelectAction>(actions.milestoneRemovePick, async ({ ack, body, action }) => {
    await ack();
    const value = parseRemovalButtonValue(action.selected_option?.value);
    await answer(ctx, clickOf(body, action.action_ts), 'remove', value);
  });
}
