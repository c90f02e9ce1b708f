import type { App } from '@slack/bolt';
import type { BotContext } from '../context.ts';
import { createVoteTally } from '../vote-tally.ts';
import { registerVoteActions } from './actions/vote-actions.ts';
import { registerFistToFiveCommand } from './commands/fist-to-five.ts';
import { registerStartFistToFiveShortcut } from './shortcuts/start-fist-to-five.ts';
import { registerVoteViews } from './views/vote-views.ts';

/** Fist-to-five: the command, the shortcut, the buttons and the two modals, sharing one tally coalescer. */
export function registerVoteListeners(app: App, ctx: BotContext): void {
  const deps = ctx.features.votes;
  const tally = createVoteTally(deps);
  registerFistToFiveCommand(app, ctx);
  registerStartFistToFiveShortcut(app, ctx);
  registerVoteActions(app, deps, tally);
  registerVoteViews(app, ctx, deps, tally);
}
