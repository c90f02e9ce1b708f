import type { App } from '@slack/bolt';
import { z } from 'zod';
import { requestException } from '../../../app/request-exception.ts';
import type { AnswerField } from '../../../domain/exception.ts';
import type { BotContext } from '../../context.ts';
import { blocks as ids, views } from '../../ids.ts';

type StateValues = Record<
  string,
  Record<string, { value?: string | null; selected_option?: { value: string } | null }>
>;

const fieldBlocks: Record<AnswerField, string> = {
  kep: ids.exceptionKep,
  freeze: ids.exceptionFreeze,
  missing: ids.exceptionMissing,
  additionalTime: ids.exceptionTime,
  risk: ids.exceptionRisk,
  pullRequests: ids.exceptionPrs,
};

const metadataSchema = z.object({ v: z.literal(1), channel: z.string().nullable() });

/**
 * The exception request modal's submission: answers are checked field by field (including the
 * freeze's request window) inside the modal; a valid request is posted in the release channel and
 * the requester is told where.
 */
export function registerExceptionModal(app: App, ctx: BotContext): void {
  app.view(views.exceptionRequestModal, async ({ ack, body, view }) => {
    const values = view.state.values as StateValues;
    const text = (block: string) => values[block]?.[block]?.value ?? '';
    const result = await requestException(ctx.features.planning, {
      slackUser: body.user.id,
      answers: {
        kep: text(ids.exceptionKep),
        freeze: values[ids.exceptionFreeze]?.[ids.exceptionFreeze]?.selected_option?.value ?? '',
        missing: text(ids.exceptionMissing),
        additionalTime: text(ids.exceptionTime),
        risk: text(ids.exceptionRisk),
        pullRequests: text(ids.exceptionPrs),
      },
      idempotencyKey: `exception:${view.id}`,
    });
    if (!result.ok) {
      const errors = Object.fromEntries(
        Object.entries(result.errors).map(([field, message]) => [fieldBlocks[field as AnswerField], message]),
      );
      await ack({ response_action: 'errors', errors });
      return;
    }
    await ack();
    const message = `:inbox_tray: Your exception request #${result.request.id} for KEP-${result.request.kep} is posted in the release channel; the decision will be a reply in its thread.`;
    const metadata = metadataSchema.safeParse(safeJson(view.private_metadata));
    const channel = metadata.success ? metadata.data.channel : null;
    const key = `exception-confirm:${result.request.id}`;
    if (channel) {
      const sent = await ctx.chat.ephemeral({
        key,
        lane: 'interactive',
        channel,
        user: body.user.id,
        text: message,
        wait: { timeoutMs: 5000 },
      });
      if (sent.status !== 'failed') return;
    }
    await ctx.chat.dm({ key: `${key}:dm`, lane: 'interactive', user: body.user.id, text: message });
  });
}

function safeJson(text: string | undefined): unknown {
  try {
    return JSON.parse(text ?? '');
  } catch {
    return null;
  }
}
