import type { App } from '@slack/bolt';
import type { KnownBlock } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import type { BotContext } from '../../context.ts';
import { escapeMrkdwn, truncate } from '../../escape.ts';
import { commands } from '../../ids.ts';

/** A `/drumbeat` subcommand: its name, one line of help, and what it does. */
export interface DrumbeatSubcommand {
  name: string;
  usage: string;
  summary: string;
  run(
    args: string,
    context: {
      user: string;
      channel: string;
      triggerId: string;
      ctx: BotContext;
      /** To open a modal with `triggerId` (before the ack: it dies in about 3 s). */
      client: WebClient;
    },
  ): Promise<{ text: string; blocks?: KnownBlock[] }>;
}

function helpText(subcommands: DrumbeatSubcommand[]): string {
  const lines = subcommands.map((s) => `• \`/drumbeat ${s.usage}\` — ${s.summary}`);
  return [
    '*Drumbeat* keeps SIGs on cadence through a release.',
    '• `/kep-status` — report and read KEP status (`/kep-status help` for the grammar)',
    ...lines,
    '• `/drumbeat help` — this message',
  ].join('\n');
}

/** `/drumbeat <subcommand>`: everything that is not status or votes. Unknown input gets the help. */
export function registerDrumbeatCommand(
  app: App,
  ctx: BotContext,
  subcommands: DrumbeatSubcommand[] = [],
): void {
  app.command(commands.drumbeat, async ({ command, ack, client }) => {
    const text = (command.text ?? '').trim();
    const [name = '', ...rest] = text.split(/\s+/);
    const sub = subcommands.find((s) => s.name === name.toLowerCase());
    if (!sub) {
      const problem =
        name && name !== 'help'
          ? `:warning: \`${escapeMrkdwn(truncate(name, 50))}\` is not a /drumbeat command.\n`
          : '';
      const body = `${problem}${helpText(subcommands)}`;
      await ack({
        response_type: 'ephemeral',
        text: body,
        blocks: [{ type: 'section', text: { type: 'mrkdwn', text: body } }],
      });
      return;
    }
    try {
      const reply = await sub.run(rest.join(' '), {
        user: command.user_id,
        channel: command.channel_id,
        triggerId: command.trigger_id,
        ctx,
        client,
      });
      await ack({ response_type: 'ephemeral', ...reply });
    } catch (error) {
      ctx.logger.error('drumbeat subcommand failed', { subcommand: sub.name, error });
      await ack({
        response_type: 'ephemeral',
        text: `Sorry, \`/drumbeat ${sub.name}\` failed; the error is in the bot's log.`,
      });
    }
  });
}
