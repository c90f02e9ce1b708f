import { isTokenError } from '../domain/delivery-health.ts';
import type { Logger } from '../ports/logger.ts';
import type { SlackAuthMonitor } from '../slack/slack-auth-monitor.ts';

/**
 * Start-up stopped for a reason already logged as one JSON line (a refused token, no Socket Mode
 * connection): `npm start` exits 1 without a stack.
 */
export class StartRefused extends Error {
  readonly variable: string;
  readonly error: string;

  constructor(variable: string, error: string) {
    super(`Drumbeat cannot start: Slack refuses ${variable} (${error})`);
    this.name = 'StartRefused';
    this.variable = variable;
    this.error = error;
  }
}

/**
 * One `auth.test` before anything else starts (the auth monitor keeps its answer). Slack refusing
 * the bot token stops the start; Slack being unreachable does not (nothing says the token is bad,
 * the monitor asks again and `/healthz` shows it).
 */
export async function checkBotToken(auth: SlackAuthMonitor, logger: Logger): Promise<void> {
  const result = await auth.check();
  if (result.ok) return;
  const fields = { variable: 'SLACK_BOT_TOKEN', error: result.error };
  if (!isTokenError(result.error)) {
    logger.warn('could not ask Slack whether SLACK_BOT_TOKEN works; starting anyway', fields);
    return;
  }
  logger.error('Drumbeat cannot start: Slack refuses SLACK_BOT_TOKEN', {
    ...fields,
    hint: 'set SLACK_BOT_TOKEN to the Bot User OAuth Token (xoxb-…) from OAuth & Permissions',
  });
  throw new StartRefused('SLACK_BOT_TOKEN', result.error ?? 'refused');
}
