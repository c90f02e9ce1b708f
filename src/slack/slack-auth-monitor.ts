import type { WebClient } from '@slack/web-api';
import { type AuthCheck, isTokenError } from '../domain/delivery-health.ts';
import type { Clock } from '../ports/clock.ts';
import type { Logger } from '../ports/logger.ts';
import type { ScheduledTask } from '../ports/scheduled-task.ts';
import { slackErrorCode } from './slack-error-code.ts';

/** Who the bot is in the workspace, from `auth.test`. */
export interface BotIdentity {
  botId: string;
  botUserId: string;
}

/**
 * Asks Slack whether the bot token still works (`auth.test`): at start, then on scheduler passes
 * (every `everyMs`, every `whileRefusedMs` while it is refused), and is told at once when a call
 * is refused for the token. Keeps the last answer for `/healthz` and `/metrics`. A refusal on the
 * first check is not logged here: start-up reports it (see wiring/start-checks.ts) and stops.
 */
export interface SlackAuthMonitor {
  last(): AuthCheck | null;
  check(): Promise<AuthCheck>;
  /** The bot's ids from the last accepted check; asks Slack when there is none yet. */
  identity(): Promise<BotIdentity>;
  /** A call was refused with a token error (`token_revoked`…): recorded now, checked again soon. */
  noteRefusal(code: string): void;
  /** The scheduled re-check (it never asks the timer loop to wake for it). */
  task: ScheduledTask;
}

export interface SlackAuthMonitorOptions {
  client: Pick<WebClient, 'auth'>;
  clock: Clock;
  logger: Logger;
  everyMs?: number;
  whileRefusedMs?: number;
}

export function createSlackAuthMonitor(options: SlackAuthMonitorOptions): SlackAuthMonitor {
  const { client, clock } = options;
  const log = options.logger.child({ component: 'slack-auth' });
  const everyMs = options.everyMs ?? 5 * 60_000;
  const whileRefusedMs = options.whileRefusedMs ?? 60_000;
  let last: AuthCheck | null = null;
  let identity: BotIdentity | null = null;

  function record(next: AuthCheck): AuthCheck {
    const wasRefused = last !== null && !last.ok && isTokenError(last.error);
    const refused = !next.ok && isTokenError(next.error);
    // A refusal on the very first check is the caller's to report: start-up refuses to start.
    if (refused && !wasRefused && last !== null)
      log.error('Slack refuses the bot token; nothing can be sent', { error: next.error });
    if (!refused && wasRefused && next.ok) log.info('Slack accepts the bot token again');
    last = next;
    return next;
  }

  async function check(): Promise<AuthCheck> {
    try {
      const res = await client.auth.test();
      if (res.bot_id && res.user_id) identity = { botId: res.bot_id, botUserId: res.user_id };
      return record({ ok: true, error: null, at: clock.now() });
    } catch (error) {
      return record({ ok: false, error: slackErrorCode(error), at: clock.now() });
    }
  }

  const due = (now: Date) => {
    if (!last) return true;
    const refused = !last.ok && isTokenError(last.error);
    return now.getTime() - last.at.getTime() >= (refused ? whileRefusedMs : everyMs);
  };

  return {
    last: () => last,
    check,
    async identity() {
      if (identity) return identity;
      const result = await check();
      if (!identity) throw new Error(`auth.test did not say who the bot is (${result.error ?? 'no bot id'})`);
      return identity;
    },
    noteRefusal(code) {
      if (!isTokenError(code) || (last && !last.ok && last.error === code)) return;
      record({ ok: false, error: code, at: clock.now() });
    },
    task: {
      name: 'slack-auth-check',
      async run(now) {
        if (due(now)) await check();
        return { nextDueAt: null };
      },
    },
  };
}
