import type { WebClient } from '@slack/web-api';
import type { BotContext } from '../../context.ts';

export interface StatusModalTarget {
  triggerId: string;
  user: string;
  channel: string | null;
  /** Pre-fill for this KEP (the Edit button, a round's Update button). */
  kep?: number;
}

/** Opens the KEP status modal (views.open). */
export async function openStatusModal(
  _ctx: BotContext,
  _client: WebClient,
  _target: StatusModalTarget,
): Promise<void> {
  throw new Error('the status modal is not built yet');
}
