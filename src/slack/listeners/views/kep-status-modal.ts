import type { App } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { knownStatusReferences } from '../../../app/known-status-references.ts';
import { listReportableKeps } from '../../../app/list-reportable-keps.ts';
import { loadStatusPrefill } from '../../../app/load-status-prefill.ts';
import { mentionsAsLogins } from '../../../app/mentions-as-logins.ts';
import type { RecordStatusRefusal, RecordStatusResult } from '../../../app/record-status.ts';
import { resolveKep } from '../../../app/resolve-kep.ts';
import { whoMayUpdate } from '../../../app/who-may-update.ts';
import { currentIncrement, listIncrements } from '../../../domain/confidence.ts';
import { buildNotice, buildStatusRecorded, type MessageBody } from '../../blocks/kep-status-blocks.ts';
import {
  buildStatusModal,
  type ModalIncrements,
  type StatusModalPrefill,
} from '../../blocks/kep-status-modal.ts';
import type { BotContext } from '../../context.ts';
import { views } from '../../ids.ts';
import { describeSlackFailure } from '../../listener-client.ts';
import { recordAndPublishStatus, statusPostKey } from '../../publish-status.ts';
import { deliveryState, followStatusPost } from '../../status-delivery.ts';
import {
  decodeStatusModalMetadata,
  readStatusModal,
  type StatusModalField,
  statusModalFields,
} from '../../view-state.ts';

export interface StatusModalTarget {
  triggerId: string;
  user: string;
  channel: string | null;
  /** Pre-fill for this KEP (the Edit button, a round's Update button). */
  kep?: number;
}

/** Whether the modal opened; when not, the notice that tells the person why (an ephemeral or DM). */
export type OpenStatusModalResult = { ok: true; viewId: string | null } | { ok: false; notice: MessageBody };

/**
 * Opens the KEP status modal (views.open), pre-filled with the KEP's latest update when `target.kep`
 * is set. Call it before `ack()`: the trigger_id dies about 3 s after the click. Never throws: a
 * person who may not report, an unknown KEP or a refused views.open comes back as a message.
 */
export async function openStatusModal(
  ctx: BotContext,
  client: WebClient,
  target: StatusModalTarget,
): Promise<OpenStatusModalResult> {
  const { release } = ctx.statusPolicy;
  const reportable = listReportableKeps(ctx.store, ctx.statusPolicy, { slackUser: target.user, limit: 0 });
  if (!reportable.ok) return { ok: false, notice: buildNotice(reportable.message) };
  let kep: { number: number; title: string } | null = null;
  let prefill: StatusModalPrefill | null = null;
  if (target.kep !== undefined) {
    const lookup = resolveKep(ctx.store, target.kep, release, ctx.statusPolicy.repo);
    if (!lookup.ok) return { ok: false, notice: buildNotice(lookup.message) };
    const sig = lookup.kep.owningSig ?? '';
    if (!reportable.sigs.includes(sig)) {
      const rights = whoMayUpdate(
        ctx.store,
        sig,
        ctx.statusPolicy.updaters[sig] ?? [],
        ctx.statusPolicy.admins,
      );
      return {
        ok: false,
        notice: buildNotice(rights.refusal(`KEP-${lookup.kep.number}`), { mentions: true }),
      };
    }
    kep = lookup.kep;
    prefill = loadStatusPrefill(ctx.store, lookup.kep.path, release);
  }
  const view = buildStatusModal({
    release,
    sigs: reportable.sigs,
    metadata: { v: 1, channel: conversationId(target.channel) },
    kep,
    prefill,
    increments: modalIncrements(ctx),
  });
  try {
    const opened = await client.views.open({ trigger_id: target.triggerId, view });
    return { ok: true, viewId: opened.view?.id ?? null };
  } catch (error) {
    const why = describeSlackFailure(error);
    ctx.logger.warn('could not open the status modal', { user: target.user, error: why });
    const example = kep ? `/kep-status ${kep.number} on-track` : '/kep-status 4222 on-track';
    const message = `The status form could not open (${why}). Try again, or report in one line: ${example}.`;
    return { ok: false, notice: buildNotice(message) };
  }
}

function modalIncrements(ctx: BotContext): ModalIncrements | null {
  const period = ctx.statusPolicy.codingPeriod;
  if (!period) return null;
  return {
    all: listIncrements(period),
    current: currentIncrement(period, ctx.clock.now()),
    caps: period.confidenceCaps,
  };
}

/** A conversation id the confirmation can go to; anything else (none, a name) is null. */
function conversationId(channel: string | null): string | null {
  return channel && /^[CGD][A-Z0-9]{2,20}$/.test(channel) ? channel : null;
}

/**
 * The modal's submission: invalid input is answered inside the modal, field by field; a valid one
 * is recorded once per view state (a retried or double submission records nothing new), the modal
 * closes, the update is posted where the SIG's updates go, and the person is told where it went.
 */
export function registerStatusModal(app: App, ctx: BotContext): void {
  app.view(views.kepStatusModal, async ({ ack, body, view }) => {
    const reading = readStatusModal(view.state.values, {
      increments: ctx.statusPolicy.codingPeriod?.increments ?? null,
      ...knownStatusReferences(ctx.store),
    });
    if (!reading.ok) {
      await ack({ response_action: 'errors', errors: reading.errors });
      return;
    }
    let result: RecordStatusResult;
    let postedTo: string | null;
    try {
      ({ result, postedTo } = recordAndPublishStatus(ctx, {
        ...reading.value,
        slackUser: body.user.id,
        source: 'modal',
        idempotencyKey: `modal:${view.id}:${view.hash}`,
      }));
    } catch (error) {
      ctx.logger.error('could not record a status update from the modal', { user: body.user.id, error });
      const message =
        'Drumbeat could not save this update (the error is in its log); press Save again in a moment.';
      await ack({ response_action: 'errors', errors: { [statusModalFields.kep.block]: message } });
      return;
    }
    if (!result.ok) {
      await ack({ response_action: 'errors', errors: refusalErrors(ctx, result) });
      return;
    }
    await ack();
    const metadata = decodeStatusModalMetadata(view.private_metadata);
    const to = { user: body.user.id, channel: metadata?.channel ?? null, updateId: result.update.id };
    // say only what happened: wait a little for Slack to take the post before confirming
    const first = postedTo
      ? deliveryState(await ctx.chat.waitFor(statusPostKey(result.update.id), confirmWaitMs))
      : undefined;
    await confirm(
      ctx,
      to,
      buildStatusRecorded({ ...result, postedTo, ...(first ? { delivery: first } : {}) }, ctx.repo),
    );
    if (first?.state !== 'posting') return;
    // still on its way: a later refusal is told by DM (an ephemeral cannot be replaced)
    void followStatusPost(ctx, result.update.id, async (delivery) => {
      if (delivery.state !== 'failed') return;
      const reply = buildStatusRecorded({ ...result, postedTo, delivery }, ctx.repo);
      await ctx.chat.dm({
        key: `status-failed:${result.update.id}`,
        lane: 'interactive',
        user: to.user,
        ...reply,
      });
    });
  });
}

/** How long the confirmation waits for Slack to take the post before saying "Posting to #…". */
const confirmWaitMs = 5000;

/**
 * Tells the person what was recorded: an ephemeral in the conversation the modal was opened from,
 * or a DM when there is none or Slack refuses the ephemeral (e.g. the bot is not in that channel).
 */
async function confirm(
  ctx: BotContext,
  to: { user: string; channel: string | null; updateId: number },
  body: MessageBody,
): Promise<void> {
  const key = `status-confirm:${to.updateId}`;
  if (to.channel && !to.channel.startsWith('D')) {
    const sent = await ctx.chat.ephemeral({
      key,
      lane: 'interactive',
      channel: to.channel,
      user: to.user,
      wait: { timeoutMs: 5000 },
      ...body,
    });
    if (sent.status !== 'failed') return;
  }
  await ctx.chat.dm({ key: `${key}:dm`, lane: 'interactive', user: to.user, ...body });
}

/** A refusal as a modal field error; mentions become @logins (modal errors are plain text). */
function refusalErrors(ctx: BotContext, refusal: RecordStatusRefusal): Record<string, string> {
  const field: StatusModalField = refusal.field ?? 'kep';
  return { [statusModalFields[field].block]: mentionsAsLogins(ctx.store, refusal.message) };
}
