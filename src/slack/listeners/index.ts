import type { App } from '@slack/bolt';
import type { BotContext } from '../context.ts';
import { registerKepStatusActions } from './actions/kep-status-actions.ts';
import { registerDrumbeatCommand } from './commands/drumbeat.ts';
import { oooSubcommand } from './commands/drumbeat-ooo.ts';
import { registerKepStatusCommand } from './commands/kep-status.ts';
import { registerKepSelectOptions } from './options/kep-select.ts';
import { registerStatusModal } from './views/kep-status-modal.ts';
import { registerVoteListeners } from './votes.ts';

/** Every listener the bot registers, surface by surface. */
export function registerListeners(app: App, ctx: BotContext): void {
  registerKepStatusCommand(app, ctx);
  registerKepStatusActions(app, ctx);
  registerKepSelectOptions(app, ctx);
  registerStatusModal(app, ctx);
  registerDrumbeatCommand(app, ctx, [oooSubcommand]);
  registerVoteListeners(app, ctx);
}
