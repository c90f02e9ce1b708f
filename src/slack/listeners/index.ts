import type { App } from '@slack/bolt';
import type { BotContext } from '../context.ts';
import { registerBlockerActions } from './actions/blocker-actions.ts';
import { registerExceptionActions } from './actions/exception-actions.ts';
import { registerKepStatusActions } from './actions/kep-status-actions.ts';
import { registerPulseActions } from './actions/pulse-actions.ts';
import { registerRemovalActions } from './actions/removal-actions.ts';
import { registerDrumbeatCommand } from './commands/drumbeat.ts';
import { exceptionSubcommand } from './commands/drumbeat-exception.ts';
import { oooSubcommand } from './commands/drumbeat-ooo.ts';
import { planSubcommand } from './commands/drumbeat-plan.ts';
import { removeSubcommand, restoreSubcommand } from './commands/drumbeat-remove.ts';
import { registerKepStatusCommand } from './commands/kep-status.ts';
import { registerAppHome } from './events/app-home-opened.ts';
import { registerRetroEvents } from './events/retro-events.ts';
import { registerKepSelectOptions } from './options/kep-select.ts';
import { registerExceptionModal } from './views/exception-modal.ts';
import { registerStatusModal } from './views/kep-status-modal.ts';
import { registerPlanModal } from './views/plan-modal.ts';
import { registerVoteListeners } from './votes.ts';

/** Every listener the bot registers, surface by surface. */
export function registerListeners(app: App, ctx: BotContext): void {
  registerKepStatusCommand(app, ctx);
  registerKepStatusActions(app, ctx);
  registerKepSelectOptions(app, ctx);
  registerStatusModal(app, ctx);
  registerDrumbeatCommand(app, ctx, [
    oooSubcommand,
    planSubcommand,
    exceptionSubcommand,
    removeSubcommand,
    restoreSubcommand,
  ]);
  registerVoteListeners(app, ctx);
  registerAppHome(app, ctx);
  registerBlockerActions(app, ctx);
  registerPlanModal(app, ctx);
  registerExceptionModal(app, ctx);
  registerExceptionActions(app, ctx);
  registerRemovalActions(app, ctx);
  registerPulseActions(app, ctx);
  registerRetroEvents(app, ctx);
}
