import { LogLevel, WebClient } from '@slack/web-api';
import type { Env } from '../config/env.ts';
import type { Logger } from '../ports/logger.ts';
import { toBoltLogger } from '../slack/bolt-logger.ts';

/** The Web API clients of the outbox's two lanes. */
export interface SlackClients {
  interactive: WebClient;
  scheduled: WebClient;
}

/**
 * One Web API client per outbox lane: no retries of their own and rate limits rejected (the
 * outbox paces and retries), the lane named in a header, warnings as our JSON log lines.
 */
export function createSlackClients(env: Env, logger: Logger): SlackClients {
  const client = (lane: string) =>
    new WebClient(env.slack.botToken, {
      slackApiUrl: env.SLACK_API_URL,
      retryConfig: { retries: 0 },
      rejectRateLimitedCalls: true,
      timeout: 30_000,
      headers: { 'X-Drumbeat-Lane': lane },
      logger: toBoltLogger(logger.child({ component: 'web-api', lane }), slackLogLevel(env.LOG_LEVEL)),
    });
  return { interactive: client('interactive'), scheduled: client('scheduled') };
}

/** Bolt's, the Socket Mode client's and the Web API clients' level for our LOG_LEVEL. */
export function slackLogLevel(level: Env['LOG_LEVEL']): LogLevel {
  const levels = { debug: LogLevel.DEBUG, info: LogLevel.INFO, warn: LogLevel.WARN } as const;
  return level in levels ? levels[level as keyof typeof levels] : LogLevel.ERROR;
}
