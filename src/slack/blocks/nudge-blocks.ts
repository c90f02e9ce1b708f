import type { KnownBlock } from '@slack/types';
import type { RepoLinks } from '../../domain/repo-links.ts';
import type { NudgeModel } from '../../ports/schedule.ts';
import { escapeMrkdwn, mentionChannel } from '../escape.ts';
import { section } from './block-kit.ts';
import { buildRoundKepBlock } from './round-blocks.ts';
import { readerTime } from './schedule-text.ts';

/** The one DM a facilitator gets when they have not updated by the nudge time: answer right here. */
export function buildNudge(model: NudgeModel, repo: RepoLinks): KnownBlock[] {
  return [
    section(
      `:wave: The *${escapeMrkdwn(model.sigName)}* drumbeat round for ${escapeMrkdwn(model.release)} is open in ${mentionChannel(model.channel)} and has no update from you yet. Update each KEP right here with its button; the round closes ${readerTime(model.closeAt)}.`,
    ),
    ...model.rows.map((row, i) => buildRoundKepBlock(row, i, model.now, repo)),
  ];
}
