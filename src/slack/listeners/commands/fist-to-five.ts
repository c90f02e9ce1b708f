import type { App, RespondArguments } from '@slack/bolt';
import { listOpenVotes } from '../../../app/list-open-votes.ts';
import { parseVoteCommand } from '../../../domain/vote-command.ts';
import {
  buildVoteHelp,
  buildVoteList,
  buildVoteNotice,
  type VoteMessageBody,
} from '../../blocks/vote-message-blocks.ts';
import { buildStartModal } from '../../blocks/vote-modal-blocks.ts';
import type { BotContext } from '../../context.ts';
import { commands } from '../../ids.ts';
import { describeSlackFailure } from '../../listener-client.ts';

const ephemeral = (body: VoteMessageBody): RespondArguments => ({ response_type: 'ephemeral', ...body });

/**
 * `/fist-to-five <question>` opens the start modal (views.open first, while the trigger_id lives,
 * then the ack); `/fist-to-five list` shows the open votes the user can vote in; `help` the usage.
 */
export function registerFistToFiveCommand(app: App, ctx: BotContext): void {
  app.command(commands.fistToFive, async ({ command, ack, client }) => {
    const parsed = parseVoteCommand(command.text ?? '');
    if (parsed.kind === 'help') return ack(ephemeral(buildVoteHelp()));
    if (parsed.kind === 'list') {
      const items = listOpenVotes(ctx.store, command.user_id, ctx.clock.now());
      return ack(ephemeral(buildVoteList(items)));
    }
    try {
      await client.views.open({
        trigger_id: command.trigger_id,
        view: buildStartModal({
          question: parsed.question,
          electorate: parsed.electorate,
          channel: command.channel_id,
          defaults: ctx.voteDefaults,
          note: parsed.note,
          readout: null,
          metadata: { channel: command.channel_id, threadTs: null },
        }),
      });
      await ack();
    } catch (error) {
      const why = describeSlackFailure(error);
      ctx.logger.warn('could not open the vote form', { error: why });
      await ack(ephemeral(buildVoteNotice(`The vote form could not open (${why}); run the command again.`)));
    }
  });
}
