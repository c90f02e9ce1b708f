import { blocksOf, findElement, listActionIds } from './block-elements.ts';
import { isEmpty, type Json } from './json.ts';
import { requireView, teamRef, userRef, VERIFICATION_TOKEN, viewOutput } from './payload-refs.ts';
import { buildStateValues, currentStateValues } from './state-values.ts';
import type { DriverContext, DriverResult } from './types.ts';

/** A `view_submission`; an answer with status 200 is applied to the view stack (`ws.applyViewResponse`). */
export async function sendViewSubmission(
  ctx: DriverContext,
  user: string,
  viewId: string,
  values: Record<string, Record<string, unknown>>,
): Promise<DriverResult> {
  const userId = ctx.ws.userId(user);
  const view = requireView(ctx.ws, viewId);
  const state = buildStateValues(view, values);
  const triggerId = ctx.ws.mintTriggerId(userId);
  const payload: Json = {
    type: 'view_submission',
    team: teamRef(ctx.ws),
    user: userRef(ctx.ws, userId),
    api_app_id: ctx.ws.seed.bot.appId,
    token: VERIFICATION_TOKEN,
    trigger_id: triggerId,
    view: viewOutput(ctx.ws, view, state),
    response_urls: [],
    is_enterprise_install: false,
    enterprise: null,
  };
  const result = await ctx.transport.send('interactive', payload);
  if (result.status === 200) ctx.ws.applyViewResponse(viewId, isEmpty(result.body) ? {} : result.body);
  return { ...result, triggerId };
}

/** Closes the view stack; a `view_closed` is sent only when the view asked for `notify_on_close`. */
export async function sendViewClosed(
  ctx: DriverContext,
  user: string,
  viewId: string,
): Promise<DriverResult> {
  const userId = ctx.ws.userId(user);
  const view = requireView(ctx.ws, viewId);
  const output = viewOutput(ctx.ws, view, currentStateValues(view));
  ctx.ws.closeView(String(output.root_view_id)); // the × closes the whole stack
  if (output.notify_on_close !== true) return { status: 0, body: null };
  const payload: Json = {
    type: 'view_closed',
    team: teamRef(ctx.ws),
    user: userRef(ctx.ws, userId),
    api_app_id: ctx.ws.seed.bot.appId,
    token: VERIFICATION_TOKEN,
    view: output,
    is_cleared: true,
    is_enterprise_install: false,
    enterprise: null,
  };
  return ctx.transport.send('interactive', payload);
}

/** A `block_suggestion` for an external_select in a view; the body is the app's options. */
export async function sendBlockSuggestion(
  ctx: DriverContext,
  user: string,
  viewId: string,
  actionId: string,
  value: string,
): Promise<DriverResult> {
  const userId = ctx.ws.userId(user);
  const view = requireView(ctx.ws, viewId);
  const found = findElement(blocksOf(view.view), actionId);
  if (!found) {
    const present = listActionIds(blocksOf(view.view)).join(', ') || 'none';
    throw new Error(`View ${viewId} has no element with action_id "${actionId}" (action_ids: ${present}).`);
  }
  const payload: Json = {
    type: 'block_suggestion',
    user: userRef(ctx.ws, userId),
    container: { type: 'view', view_id: viewId },
    api_app_id: ctx.ws.seed.bot.appId,
    token: VERIFICATION_TOKEN,
    action_id: actionId,
    block_id: found.blockId,
    value,
    team: teamRef(ctx.ws),
    enterprise: null,
    is_enterprise_install: false,
    view: viewOutput(ctx.ws, view, currentStateValues(view)),
  };
  return ctx.transport.send('interactive', payload);
}
