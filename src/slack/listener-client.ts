import { ErrorCode, type WebClientOptions } from '@slack/web-api';

/**
 * How long a listener's own Web API call (views.open, views.update, a members lookup) may take.
 * Slack waits 3 s for the acknowledgement, counted from when it sent the request; a call cut off
 * here still leaves about a second to acknowledge with the bot's own explanation instead of
 * Slack's "operation timed out".
 */
export const listenerCallBudgetMs = 2000;

/**
 * The options of the client Bolt hands to listeners: no retries (a retry cannot fit in 3 s), a 429
 * rejected at once instead of pausing every call of the client (one person's rate-limited modal
 * must not hold up another's), and the time budget above. The outbox's lanes have clients of
 * their own.
 */
export function listenerClientOptions(budgetMs = listenerCallBudgetMs): WebClientOptions {
  return { retryConfig: { retries: 0 }, rejectRateLimitedCalls: true, timeout: budgetMs };
}

/**
 * A listener's Web API failure in words a person can act on: Slack too slow, busy (rate limited),
 * failing (5xx) or refusing (its error code).
 */
export function describeSlackFailure(error: unknown): string {
  const e = error as { code?: unknown; statusCode?: unknown; data?: { error?: unknown }; message?: unknown };
  switch (e?.code) {
    case ErrorCode.RateLimitedError:
      return 'Slack is rate-limiting Drumbeat right now';
    case ErrorCode.HTTPError:
      return `Slack had an error (HTTP ${String(e.statusCode)})`;
    case ErrorCode.RequestError:
      return timedOut(e) ? 'Slack did not answer in time' : 'Drumbeat could not reach Slack';
    case ErrorCode.PlatformError:
      return `Slack said: ${String(e.data?.error ?? 'unknown_error')}`;
    default:
      return timedOut(e) ? 'Slack did not answer in time' : 'Slack did not answer as expected';
  }
}

function timedOut(e: { message?: unknown }): boolean {
  const text =
    String(e?.message ?? '') + String((e as { original?: { code?: unknown } }).original?.code ?? '');
  return /timeout|timed out|ECONNABORTED|ETIMEDOUT/i.test(text);
}
