import type { App } from '@slack/bolt';
import { collectRetroMessage, countRetroReaction, type RetroMessage } from '../../../app/collect-retro.ts';
import type { BotContext } from '../../context.ts';
import { events } from '../../ids.ts';

interface MessageEvent {
  subtype?: string;
  channel?: string;
  ts?: string;
  thread_ts?: string;
  user?: string;
  bot_id?: string;
  text?: string;
  deleted_ts?: string;
  message?: MessageEvent;
}

const atOf = (ts: string) => new Date(Math.floor(Number(ts) * 1000)).toISOString();

/** A channel message event as the retrospective reads it; null for anything it ignores. */
export function readRetroMessage(event: MessageEvent): RetroMessage | null {
  const channel = event.channel;
  if (!channel) return null;
  if (event.subtype === 'message_deleted' && event.deleted_ts)
    return { kind: 'deleted', channel, ts: event.deleted_ts };
  const message = event.subtype === 'message_changed' ? event.message : event;
  if (
    !message ||
    (event.subtype && event.subtype !== 'message_changed' && event.subtype !== 'thread_broadcast')
  )
    return null;
  const { ts, thread_ts: threadTs, user, text } = message;
  if (!ts || !threadTs || threadTs === ts || !user || message.bot_id) return null;
  return { kind: 'reply', channel, ts, threadTs, user, text: text ?? '', at: atOf(ts) };
}

/**
 * The retrospective's events: replies in a prompt's thread (`message.channels` / `message.groups`)
 * become items; reactions on them are votes.
 */
export function registerRetroEvents(app: App, ctx: BotContext): void {
  app.event(events.message, async ({ event }) => {
    const message = readRetroMessage(event as MessageEvent);
    if (!message) return;
    await collectRetroMessage(ctx, message);
  });
  for (const [type, added] of [
    [events.reactionAdded, true],
    [events.reactionRemoved, false],
  ] as const) {
    app.event(type, async ({ event }) => {
      const item = event.item as { type: string; channel?: string; ts?: string };
      if (item.type !== 'message' || !item.channel || !item.ts) return;
      countRetroReaction(ctx.store, {
        channel: item.channel,
        ts: item.ts,
        user: event.user,
        name: event.reaction,
        added,
      });
    });
  }
}
