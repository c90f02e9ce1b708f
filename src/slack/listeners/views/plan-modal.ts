import type { App } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { z } from 'zod';
import { choosePlanSig } from '../../../app/choose-plan-sig.ts';
import { listPlanCandidates } from '../../../app/list-plan-candidates.ts';
import { type PlanDraftEntry, savePlan } from '../../../app/save-plan.ts';
import { currentIncrement, listIncrements } from '../../../domain/confidence.ts';
import { echoInput } from '../../../domain/echo.ts';
import type { PlanningDeps } from '../../../ports/planning.ts';
import {
  buildPlanModal,
  buildPlanPickModal,
  maxKepsPerForm,
  type PlanIncrements,
  type PlanModalMetadata,
  type PlanRow,
} from '../../blocks/plan-modal.ts';
import type { BotContext } from '../../context.ts';
import { escapeMrkdwn } from '../../escape.ts';
import { actions, blocks as ids, views } from '../../ids.ts';
import { describeSlackFailure } from '../../listener-client.ts';

export interface PlanModalTarget {
  triggerId: string;
  user: string;
  channel: string | null;
  /** The SIG named in the command or on the button; otherwise the one the person facilitates. */
  sig: string | null;
}

/** Opened, or why not (shown to the person as an ephemeral). */
export type OpenPlanModalResult = { ok: true } | { ok: false; message: string };

/**
 * Opens the plan form for a SIG (or the KEP picker when it has more candidates than a form holds).
 * Call before `ack()`; never throws.
 */
export async function openPlanModal(
  ctx: BotContext,
  client: WebClient,
  target: PlanModalTarget,
): Promise<OpenPlanModalResult> {
  const deps = ctx.features.planning;
  const chosen = chooseSig(ctx, target);
  if (!chosen.ok) return chosen;
  const sig = chosen.sig;
  const increments = planIncrements(deps);
  if (!increments)
    return {
      ok: false,
      message:
        'The config has no `release.codingPeriod`, so there is nothing to plan in; ask the release team.',
    };
  const rows: PlanRow[] = listPlanCandidates(ctx.store, deps.settings, sig).map(({ kep, planned }) => ({
    kep: kep.number,
    title: kep.title,
    stage: kep.stage,
    planned,
  }));
  if (rows.length === 0)
    return {
      ok: false,
      message: `${sig} has no KEPs targeting ${deps.settings.release} or opted in: nothing to plan yet.`,
    };
  const metadata: PlanModalMetadata = { v: 1, sig, keps: [], channel: conversationId(target.channel) };
  const { release } = deps.settings;
  const view =
    rows.length > maxKepsPerForm
      ? buildPlanPickModal({ release, sig, rows, metadata })
      : buildPlanModal({ release, sig, rows, increments, metadata });
  try {
    await client.views.open({ trigger_id: target.triggerId, view });
    return { ok: true };
  } catch (error) {
    const why = describeSlackFailure(error);
    ctx.logger.warn('could not open the plan modal', { user: target.user, error: why });
    return {
      ok: false,
      message: `The plan form could not open (${why}); try \`/drumbeat plan ${sig}\` again.`,
    };
  }
}

/** The SIG the form is for, as the "who may plan" rule chooses it, or what to tell the person. */
function chooseSig(
  ctx: BotContext,
  target: PlanModalTarget,
): { ok: true; sig: string } | { ok: false; message: string } {
  const choice = choosePlanSig(ctx.store, ctx.features.planning.settings, {
    slackUser: target.user,
    sig: target.sig,
  });
  if (choice.ok) return choice;
  const message = {
    'unknown-person': () =>
      'Drumbeat does not know your Slack user: ask the release team to add you to `people`.',
    'unknown-sig': (sig: string) =>
      `\`${escapeMrkdwn(echoInput(sig, 40))}\` is not a SIG Drumbeat knows; write its dir, e.g. \`/drumbeat plan sig-node\`.`,
    several: (sigs: string[]) =>
      `You plan for ${sigs.join(', ')}: name one, e.g. \`/drumbeat plan ${sigs[0]}\`.`,
    none: () => 'Name the SIG to plan, e.g. `/drumbeat plan sig-node`.',
  };
  switch (choice.reason) {
    case 'not-allowed':
      return { ok: false, message: choice.message };
    case 'unknown-sig':
      return { ok: false, message: message[choice.reason](choice.sig) };
    case 'several':
      return { ok: false, message: message.several(choice.sigs) };
    default:
      return { ok: false, message: message[choice.reason]() };
  }
}

function planIncrements(deps: PlanningDeps): PlanIncrements | null {
  const period = deps.settings.codingPeriod;
  if (!period) return null;
  return {
    all: listIncrements(period),
    current: currentIncrement(period, deps.clock.now()),
    caps: period.confidenceCaps,
  };
}

function conversationId(channel: string | null): string | null {
  return channel && /^[CGD][A-Z0-9]{2,20}$/.test(channel) ? channel : null;
}

const metadataSchema = z.object({
  v: z.literal(1),
  sig: z.string().min(1),
  keps: z.array(z.number().int().positive()).max(maxKepsPerForm),
  channel: z.string().nullable(),
});

type StateValues = Record<
  string,
  Record<string, { value?: string | null; selected_options?: Array<{ value: string }> }>
>;

const textValue = (values: StateValues, block: string) => values[block]?.[block]?.value ?? '';

/**
 * The plan modal's submissions: the picker moves on to the form for the KEPs picked; the form is
 * saved as the SIG's next plan version (errors answered in the modal, row by row).
 */
export function registerPlanModal(app: App, ctx: BotContext): void {
  app.view(views.planModal, async ({ ack, body, view }) => {
    const parsed = metadataSchema.safeParse(safeJson(view.private_metadata));
    if (!parsed.success) {
      await ack({ response_action: 'errors', errors: {} });
      return;
    }
    const metadata = parsed.data;
    const values = view.state.values as StateValues;
    const deps = ctx.features.planning;
    if (metadata.keps.length === 0) {
      const picked = (values[ids.planPick]?.[ids.planPick]?.selected_options ?? []).map((o) =>
        Number(o.value),
      );
      if (picked.length === 0 || picked.length > maxKepsPerForm) {
        await ack({
          response_action: 'errors',
          errors: { [ids.planPick]: `Pick 1 to ${maxKepsPerForm} KEPs.` },
        });
        return;
      }
      const rows = listPlanCandidates(ctx.store, deps.settings, metadata.sig)
        .filter((c) => picked.includes(c.kep.number))
        .map(({ kep, planned }) => ({ kep: kep.number, title: kep.title, stage: kep.stage, planned }));
      const increments = planIncrements(deps)!;
      const next = buildPlanModal({
        release: deps.settings.release,
        sig: metadata.sig,
        rows,
        increments,
        metadata,
      });
      await ack({ response_action: 'update', view: next });
      return;
    }
    const entries: PlanDraftEntry[] = metadata.keps.map((kep) => ({
      kep,
      increments: textValue(values, `${ids.planIncrementsPrefix}:${kep}`),
      dependsOn: textValue(values, `${ids.planDependsPrefix}:${kep}`),
      releaseNote: textValue(values, `${ids.planNotePrefix}:${kep}`),
    }));
    const result = await savePlan(deps, {
      sig: metadata.sig,
      slackUser: body.user.id,
      entries,
      idempotencyKey: `plan:${view.id}:${view.hash}`,
    });
    if (!result.ok) {
      const prefix = {
        increments: ids.planIncrementsPrefix,
        dependsOn: ids.planDependsPrefix,
        releaseNote: ids.planNotePrefix,
      };
      const errors = Object.fromEntries(result.errors.map((e) => [`${prefix[e.field]}:${e.kep}`, e.message]));
      if (result.errors.length === 0)
        errors[`${ids.planIncrementsPrefix}:${metadata.keps[0]}`] = result.message;
      await ack({ response_action: 'errors', errors });
      return;
    }
    await ack();
    const { plan } = result;
    const text = `:memo: Saved ${plan.sig}'s plan v${plan.version} for ${plan.release}: ${plan.entries.length} KEP${plan.entries.length === 1 ? '' : 's'} committed.`;
    const key = `plan-confirm:${plan.id}`;
    if (metadata.channel && !metadata.channel.startsWith('D')) {
      const sent = await ctx.chat.ephemeral({
        key,
        lane: 'interactive',
        channel: metadata.channel,
        user: body.user.id,
        text,
        wait: { timeoutMs: 5000 },
      });
      if (sent.status !== 'failed') return;
    }
    await ctx.chat.dm({ key: `${key}:dm`, lane: 'interactive', user: body.user.id, text });
  });

  app.action(actions.planOpenModal, async ({ ack, body, client, action }) => {
    const triggerId = (body as { trigger_id?: string }).trigger_id;
    const sig = (action as { value?: string }).value ?? null;
    if (!triggerId) {
      await ack();
      return;
    }
    const channel = (body as { channel?: { id?: string } }).channel?.id ?? null;
    // the trigger_id dies in about 3 s: open the view first, acknowledge after
    const opened = await openPlanModal(ctx, client, { triggerId, user: body.user.id, channel, sig });
    await ack();
    if (!opened.ok)
      await ctx.chat.dm({
        key: `plan-open-refused:${triggerId}`,
        lane: 'interactive',
        user: body.user.id,
        text: `:warning: ${opened.message}`,
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
