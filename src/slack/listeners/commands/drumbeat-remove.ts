import { removalTarget } from '../../../app/remove-from-milestone.ts';
import { parseRemoveArgs, parseRestoreArgs } from '../../../domain/milestone-removal.ts';
import { section } from '../../blocks/block-kit.ts';
import { buildRemovalConfirm } from '../../blocks/removal-blocks.ts';
import type { BotContext } from '../../context.ts';
import type { DrumbeatSubcommand } from './drumbeat.ts';

/** `message` is the bot's own (numbers typed are digits; mentions stay live). */
function warning(message: string) {
  const text = `:warning: ${message}`;
  return { text, blocks: [section(text)] };
}

/** The confirm step: refused at once for people outside the release team or KEPs not in the release. */
function confirmStep(
  ctx: BotContext,
  user: string,
  input: { direction: 'remove' | 'restore'; kep: number; reason?: string },
) {
  const deps = ctx.milestoneRemoval;
  if (!deps) return warning('Removing KEPs from the milestone is not set up in this bot.');
  const target = removalTarget(deps, { kep: input.kep, by: user });
  if (!target.ok) return warning(target.message);
  return buildRemovalConfirm({ ...input, kep: target.kep, release: deps.settings.release }, ctx.repo);
}

/** `/drumbeat remove 5593 reason: missed enhancements freeze`: the release team removes a KEP from the milestone. */
export const removeSubcommand: DrumbeatSubcommand = {
  name: 'remove',
  usage: 'remove 5593 reason: missed enhancements freeze',
  summary: 'release team: remove a KEP from the milestone (asks to confirm)',
  async run(args, { user, ctx }) {
    const parsed = parseRemoveArgs(args);
    if (!parsed.ok) return warning(parsed.message);
    return confirmStep(ctx, user, { direction: 'remove', kep: parsed.kep, reason: parsed.reason });
  },
};

/** `/drumbeat restore 5593`: the release team undoes a removal from the milestone. */
export const restoreSubcommand: DrumbeatSubcommand = {
  name: 'restore',
  usage: 'restore 5593',
  summary: 'release team: undo a removal from the milestone (asks to confirm)',
  async run(args, { user, ctx }) {
    const parsed = parseRestoreArgs(args);
    if (!parsed.ok) return warning(parsed.message);
    return confirmStep(ctx, user, { direction: 'restore', kep: parsed.kep });
  },
};
