import type { App, RespondArguments, SlashCommand } from '@slack/bolt';
import { listBlockers } from '../../../app/list-blockers.ts';
import { listSigKeps } from '../../../app/list-sig-keps.ts';
import type { RecordStatusResult } from '../../../app/record-status.ts';
import { showKepCard } from '../../../app/show-kep-card.ts';
import type { Blocker } from '../../../domain/status.ts';
import { parseStatusCommand, type StatusCommand } from '../../../domain/status-command.ts';
import { describeLadderPlace } from '../../blocks/escalation-blocks.ts';
import {
  buildBlockerList,
  buildKepCard,
  buildNotice,
  buildSigList,
  buildStatusHelp,
  buildStatusRecorded,
  type MessageBody,
} from '../../blocks/kep-status-blocks.ts';
import type { BotContext } from '../../context.ts';
import { unescapeMrkdwn } from '../../escape.ts';
import { commands } from '../../ids.ts';
import { recordAndPublishStatus, statusDestination } from '../../publish-status.ts';
import { followStatusPost } from '../../status-delivery.ts';
import { openStatusModal } from '../views/kep-status-modal.ts';

const ephemeral = (body: MessageBody): RespondArguments => ({ response_type: 'ephemeral', ...body });

/**
 * `/kep-status`: the form, the one-line update, the card, the SIG list, blockers and help.
 * Everything but the form answers in the ack itself (a SQLite write takes well under a
 * millisecond); the channel post goes through the outbox after.
 */
export function registerKepStatusCommand(app: App, ctx: BotContext): void {
  app.command(commands.kepStatus, async ({ command, ack, client, respond }) => {
    const parsed = parseStatusCommand(unescapeMrkdwn(command.text ?? ''));
    if (parsed.kind === 'modal') {
      // A trigger_id lives about 3 s: open the view first, acknowledge after.
      const opened = await openStatusModal(ctx, client, {
        triggerId: command.trigger_id,
        user: command.user_id,
        channel: command.channel_id,
      });
      await ack(opened.ok ? undefined : ephemeral(opened.notice));
      return;
    }
    if (parsed.kind === 'update') {
      const { result, postedTo } = recordAndPublishStatus(ctx, {
        ...parsed,
        slackUser: command.user_id,
        source: 'command',
        idempotencyKey: `command:${command.trigger_id}`,
      });
      await ack(ephemeral(replyToUpdate(ctx, result, postedTo)));
      // the reply says "Posting to #…" until Slack confirms or refuses the post, then says which
      if (result.ok && statusDestination(ctx, result.kep.owningSig ?? ''))
        void followStatusPost(ctx, result.update.id, async (delivery) => {
          const postedTo = statusDestination(ctx, result.kep.owningSig ?? '')?.channel ?? null;
          const body = buildStatusRecorded({ ...result, postedTo, delivery }, ctx.repo);
          await respond({ replace_original: true, response_type: 'ephemeral', ...body });
        });
      return;
    }
    await ack(answer(ctx, parsed, command));
  });
}

function replyToUpdate(ctx: BotContext, result: RecordStatusResult, postedTo: string | null): MessageBody {
  if (!result.ok) return buildNotice(result.message, { mentions: result.reason === 'not-allowed' });
  return buildStatusRecorded({ ...result, postedTo }, ctx.repo);
}

function answer(
  ctx: BotContext,
  parsed: Exclude<StatusCommand, { kind: 'modal' | 'update' }>,
  command: SlashCommand,
): RespondArguments {
  const { release } = ctx.statusPolicy;
  const now = ctx.clock.now();
  switch (parsed.kind) {
    case 'help':
      return ephemeral(buildStatusHelp());
    case 'error':
      return ephemeral(buildStatusHelp(parsed.problem, command.text));
    case 'blockers': {
      const { settings } = ctx.features.escalation;
      const rows = new Map(listBlockers(ctx.store, settings, now).map((r) => [r.blocker.id, r]));
      const blockers = [...rows.values()].map((r) => r.blocker);
      const place = (b: Blocker) => describeLadderPlace(rows.get(b.id)!, settings.ladder);
      return answerInParts(ctx, command, 'blockers', buildBlockerList(release, blockers, now, place));
    }
    case 'card': {
      const shown = showKepCard(ctx.store, { kep: parsed.kep, release, now, repo: ctx.repo.name });
      if (!shown.ok) return ephemeral(buildNotice(shown.message));
      return ephemeral(buildKepCard(shown.card, now, ctx.repo));
    }
    case 'sig': {
      const listed = listSigKeps(ctx.store, { sig: parsed.sig, release, now });
      if (!listed.ok)
        return ephemeral(buildNotice(`${parsed.sig} is not a SIG Drumbeat knows; try \`/kep-status help\``));
      return answerInParts(
        ctx,
        command,
        'siglist',
        buildSigList(parsed.sig, release, listed.rows, now, ctx.repo),
      );
    }
  }
}

/**
 * A long answer: the first part in the ack, the rest in further ephemeral messages (an ephemeral
 * message has no thread to continue in), in order, rather than being cut off.
 */
function answerInParts(
  ctx: BotContext,
  command: SlashCommand,
  kind: string,
  parts: MessageBody[],
): RespondArguments {
  const [first, ...rest] = parts;
  for (const [i, more] of rest.entries()) {
    void ctx.chat.ephemeral({
      key: `${kind}:${command.trigger_id}:${i}`,
      lane: 'interactive',
      channel: command.channel_id,
      user: command.user_id,
      ...more,
    });
  }
  return ephemeral(first!);
}
