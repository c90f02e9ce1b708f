import { openPlanModal } from '../views/plan-modal.ts';
import type { DrumbeatSubcommand } from './drumbeat.ts';

/** `/drumbeat plan [sig-node]`: opens the form to commit the SIG's work for the release. */
export const planSubcommand: DrumbeatSubcommand = {
  name: 'plan',
  usage: 'plan [sig-node]',
  summary: "commit your SIG's KEPs for the release: increments, confidence, dependencies, release notes",
  async run(args, { user, channel, triggerId, ctx, client }) {
    const sig = args.trim().split(/\s+/)[0]?.toLowerCase() || null;
    const opened = await openPlanModal(ctx, client, { triggerId, user, channel, sig });
    if (opened.ok) return { text: 'Opening the plan form…' };
    // the message names only the SIG typed, escaped where it is built
    const text = `:warning: ${opened.message}`;
    return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] };
  },
};
