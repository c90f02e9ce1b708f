import { setOutOfOffice } from '../../../app/set-out-of-office.ts';
import { escapeMrkdwn } from '../../escape.ts';
import type { DrumbeatSubcommand } from './drumbeat.ts';

/** `/drumbeat ooo until 2026-12-01`, `/drumbeat ooo off`, `/drumbeat ooo`: pause drumbeat nudges. */
export const oooSubcommand: DrumbeatSubcommand = {
  name: 'ooo',
  usage: 'ooo until 2026-12-01 | ooo off',
  summary: 'out of office: no drumbeat nudges through that day (your time zone); `off` ends it',
  async run(args, { user, ctx }) {
    const result = setOutOfOffice(ctx, { slackUser: user, text: args, now: ctx.clock.now() });
    const icon = result.ok ? (result.change === 'set' ? ':palm_tree:' : ':white_check_mark:') : ':warning:';
    const text = `${icon} ${escapeMrkdwn(result.message)}`;
    return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] };
  },
};
