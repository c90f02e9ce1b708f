import type { App, BlockAction } from '@slack/bolt';
import { buildHome } from '../../../app/build-home.ts';
import { buildHomeView, homeStartVoteAction } from '../../blocks/home-blocks.ts';
import { buildVoteNotice } from '../../blocks/vote-message-blocks.ts';
import { buildStartModal } from '../../blocks/vote-modal-blocks.ts';
import type { BotContext } from '../../context.ts';
import { isSlackChannelId } from '../../escape.ts';
import { events } from '../../ids.ts';
import { describeSlackFailure } from '../../listener-client.ts';

const startVotePattern = new RegExp(`^${homeStartVoteAction}_\\d+$`);

/**
 * The App Home tab: published from the store each time the user opens it (`app_home_opened`), and
 * its "Start a vote" buttons, which open the `/fist-to-five` start modal for the SIG's channel.
 * The Update buttons use `kep_status_open_modal`, handled with the other status buttons.
 */
export function registerAppHome(app: App, ctx: BotContext): void {
  app.event(events.appHomeOpened, async ({ event }) => {
    if (event.tab !== 'home') return;
    try {
      const model = buildHome(ctx.store, {
        user: event.user,
        release: ctx.release,
        now: ctx.clock.now(),
      });
      await ctx.chat.publishHome(event.user, buildHomeView(model, ctx.repo, ctx.releasePage ?? null), {
        lane: 'interactive',
      });
    } catch (error) {
      ctx.logger.error('could not build the App Home tab', { error, user: event.user });
    }
  });

  app.action<BlockAction>(startVotePattern, async ({ ack, body, action, client }) => {
    const channel = 'value' in action && typeof action.value === 'string' ? action.value : '';
    if (!isSlackChannelId(channel)) return ack();
    let refused: string | null = null;
    try {
      await client.views.open({
        trigger_id: body.trigger_id,
        view: buildStartModal({
          question: '',
          electorate: null,
          channel,
          defaults: ctx.voteDefaults,
          note: null,
          readout: null,
          metadata: { channel, threadTs: null },
        }),
      });
    } catch (error) {
      refused = describeSlackFailure(error);
      ctx.logger.warn('could not open the vote form from App Home', { error: refused });
    }
    await ack();
    if (refused === null) return;
    await ctx.chat.dm({
      key: `home-vote-refused:${body.trigger_id}`,
      lane: 'interactive',
      user: body.user.id,
      ...buildVoteNotice(`The vote form could not open (${refused}); press the button again.`),
    });
  });
}
