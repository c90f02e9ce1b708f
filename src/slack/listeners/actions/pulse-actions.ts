import type { App, BlockAction } from '@slack/bolt';
import { z } from 'zod';
import { answerPulse, commentPulse } from '../../../app/answer-pulse.ts';
import { buildPulseCommentModal, buildPulseNoticeModal } from '../../blocks/feedback-blocks.ts';
import type { BotContext } from '../../context.ts';
import { blocks as ids, pulseScorePattern, views } from '../../ids.ts';

const metadataSchema = z.object({ v: z.literal(1), release: z.string() });

/** The modal a pulse click opens: the comment form, or why the click did not count. */
function viewFor(result: ReturnType<typeof answerPulse>) {
  if (result.kind === 'recorded' || result.kind === 'changed')
    return buildPulseCommentModal({
      release: result.release,
      score: result.answer.score,
      comment: result.answer.comment,
      closesAt: new Date(result.closesAt),
      minimum: result.minimum,
    });
  if (result.kind === 'closed')
    return buildPulseNoticeModal(
      result.release,
      `The ${result.release} pulse has closed; answers are no longer taken.`,
    );
  if (result.kind === 'not-asked')
    return buildPulseNoticeModal(
      result.release,
      `Only the people asked in the ${result.release} pulse can answer it.`,
    );
  return null;
}

/**
 * The pulse buttons (0–10) in the DM: the click records or changes the person's answer, then opens
 * the optional comment form. Nothing about the answer is logged.
 */
export function registerPulseActions(app: App, ctx: BotContext): void {
  app.action<BlockAction>(pulseScorePattern, async ({ ack, body, action, client }) => {
    await ack();
    const value = 'value' in action && typeof action.value === 'string' ? action.value : '';
    const view = viewFor(answerPulse(ctx.store, body.user.id, value));
    if (!view) return;
    try {
      await client.views.open({ trigger_id: body.trigger_id, view });
    } catch (error) {
      ctx.logger.warn('could not open the pulse comment form', { error });
    }
  });

  app.view(views.pulseCommentModal, async ({ ack, body, view }) => {
    const metadata = metadataSchema.safeParse(safeJson(view.private_metadata));
    const values = view.state.values as Record<string, Record<string, { value?: string | null }>>;
    const text = values[ids.pulseComment]?.[ids.pulseComment]?.value ?? '';
    if (metadata.success && commentPulse(ctx.store, body.user.id, metadata.data.release, text)) {
      await ack();
      return;
    }
    await ack({
      response_action: 'errors',
      errors: { [ids.pulseComment]: 'The pulse has closed, so the comment was not saved.' },
    });
  });
}

function safeJson(text: string | undefined): unknown {
  try {
    return JSON.parse(text ?? '');
  } catch {
    return null;
  }
}
