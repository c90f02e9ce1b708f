import { randomBytes } from 'node:crypto';
import { type Json, slackTs } from './json.ts';
import { VERIFICATION_TOKEN } from './payload-refs.ts';
import type { DriverContext, DriverResult } from './types.ts';

/** An Events API `event_callback` wrapping `event`. */
export async function sendEvent(
  ctx: DriverContext,
  event: Json,
  options: { eventId?: string; retryNum?: number },
): Promise<DriverResult> {
  if (typeof event.type !== 'string' || event.type === '') {
    throw new Error(
      'event() needs an event with a string "type", e.g. { type: "app_home_opened", user, tab: "home" }.',
    );
  }
  const now = ctx.now();
  const { ws } = ctx;
  const payload: Json = {
    token: VERIFICATION_TOKEN,
    team_id: ws.seed.team.id,
    api_app_id: ws.seed.bot.appId,
    event: { event_ts: slackTs(now), ...event },
    type: 'event_callback',
    event_id: options.eventId ?? `Ev${randomBytes(5).toString('hex').toUpperCase()}`,
    event_time: Math.floor(now.getTime() / 1000),
    authorizations: [
      {
        enterprise_id: null,
        team_id: ws.seed.team.id,
        user_id: ws.seed.bot.userId,
        is_bot: true,
        is_enterprise_install: false,
      },
    ],
    is_ext_shared_channel: false,
    event_context: `4-${randomBytes(12).toString('base64url')}`,
  };
  const result = await ctx.transport.send('event', payload, options.retryNum);
  return options.retryNum === undefined ? result : { retriesSent: options.retryNum, ...result };
}
