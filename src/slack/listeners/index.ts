import type { App } from '@slack/bolt';
import type { BotContext } from '../context.ts';
import { registerDrumbeatCommand } from './commands/drumbeat.ts';
import { registerKepStatusCommand } from './commands/kep-status.ts';

/** Every listener the bot registers, surface by surface. */
export function registerListeners(app: App, ctx: BotContext): void {
  registerKepStatusCommand(app, ctx);
  registerDrumbeatCommand(app, ctx);
}
