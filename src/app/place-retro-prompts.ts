import type { Chat } from '../ports/chat.ts';
import type { RetroRepo } from '../ports/feedback-store.ts';

/** Learns where Slack put each posted retrospective prompt; returns how many are still unknown. */
export async function placeRetroPrompts(deps: { store: { retros: RetroRepo }; chat: Chat }): Promise<number> {
  let unknown = 0;
  for (const prompt of deps.store.retros.unplaced()) {
    const delivery = await deps.chat.getDelivery(prompt.outboxKey);
    if (delivery?.channel && delivery.ts)
      deps.store.retros.place(prompt.release, prompt.prompt, delivery.channel, delivery.ts);
    else if (delivery?.status !== 'failed') unknown += 1;
  }
  return unknown;
}
