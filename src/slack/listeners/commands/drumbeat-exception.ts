import { buildExceptionModal } from '../../blocks/exception-modal.ts';
import { describeSlackFailure } from '../../listener-client.ts';
import type { DrumbeatSubcommand } from './drumbeat.ts';

/** `/drumbeat exception [4222]`: opens the exception request form (the release team's questions). */
export const exceptionSubcommand: DrumbeatSubcommand = {
  name: 'exception',
  usage: 'exception [4222]',
  summary: 'ask the release team for an exception: work outside the approved plan, or late for a freeze',
  async run(args, { user, channel, triggerId, ctx, client }) {
    const match = /^(?:kep-?|#)?(\d{1,6})$/i.exec(args.trim());
    const { settings } = ctx.features.planning;
    const view = buildExceptionModal({
      release: settings.release,
      freezes: settings.exceptions.freezes,
      kep: match ? Number(match[1]) : null,
      metadata: { v: 1, channel: /^[CG][A-Z0-9]{2,20}$/.test(channel) ? channel : null },
    });
    try {
      await client.views.open({ trigger_id: triggerId, view });
      return { text: 'Opening the exception request form…' };
    } catch (error) {
      const why = describeSlackFailure(error);
      ctx.logger.warn('could not open the exception modal', { user, error: why });
      return { text: `:warning: The request form could not open (${why}); try again.` };
    }
  },
};
