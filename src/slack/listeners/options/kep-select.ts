import type { App } from '@slack/bolt';
import { listReportableKeps } from '../../../app/list-reportable-keps.ts';
import { LIMITS } from '../../blocks/block-limits.ts';
import { kepOption } from '../../blocks/kep-status-modal.ts';
import type { BotContext } from '../../context.ts';
import { actions } from '../../ids.ts';

/**
 * The KEP type-ahead of the status modal (an external_select: a release can have more KEPs than
 * the 100 options a static menu holds). Offers the KEPs of the SIGs the person may update in the
 * current release, matching the typed number or title words, best match first, at most 100.
 */
export function registerKepSelectOptions(app: App, ctx: BotContext): void {
  app.options(actions.kepStatusKepSelect, async ({ ack, body }) => {
    const found = listReportableKeps(ctx.store, ctx.statusPolicy, {
      slackUser: body.user.id,
      query: typeof body.value === 'string' ? body.value : '',
      limit: LIMITS.selectOptions,
    });
    if (!found.ok) {
      ctx.logger.info('KEP type-ahead for someone who reports for no SIG', {
        user: body.user.id,
        reason: found.reason,
      });
      await ack({ options: [] });
      return;
    }
    await ack({ options: found.keps.map(kepOption) });
  });
}
