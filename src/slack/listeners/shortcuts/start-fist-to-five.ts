import type { App, MessageShortcut } from '@slack/bolt';
import { buildVoteNotice } from '../../blocks/vote-message-blocks.ts';
import { buildStartModal } from '../../blocks/vote-modal-blocks.ts';
import type { BotContext } from '../../context.ts';
import { unescapeMrkdwn } from '../../escape.ts';
import { shortcuts } from '../../ids.ts';
import { describeSlackFailure } from '../../listener-client.ts';

/**
 * The message shortcut "Start fist-to-five" on a readout: the start modal, with the vote going to
 * the readout's thread (the thread it is in, when the readout is itself a reply).
 */
export function registerStartFistToFiveShortcut(app: App, ctx: BotContext): void {
  app.shortcut<MessageShortcut>(shortcuts.startFistToFive, async ({ shortcut, ack, client }) => {
    const message = shortcut.message as { ts: string; thread_ts?: string; text?: string };
    const channel = shortcut.channel.id;
    let refused: string | null = null;
    try {
      await client.views.open({
        trigger_id: shortcut.trigger_id,
        view: buildStartModal({
          question: '',
          electorate: { kind: 'channel', id: channel },
          channel,
          defaults: ctx.voteDefaults,
          note: null,
          readout: unescapeMrkdwn(message.text ?? '') || null,
          metadata: { channel, threadTs: message.thread_ts ?? message.ts },
        }),
      });
    } catch (error) {
      refused = describeSlackFailure(error);
      ctx.logger.warn('could not open the vote form from the shortcut', { error: refused });
    }
    await ack();
    if (refused === null) return;
    await ctx.chat.ephemeral({
      key: `shortcut-refused:${shortcut.trigger_id}`,
      lane: 'interactive',
      channel,
      user: shortcut.user.id,
      ...buildVoteNotice(`The vote form could not open (${refused}); try the shortcut again.`),
    });
  });
}
