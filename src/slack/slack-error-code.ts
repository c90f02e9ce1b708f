import { ErrorCode } from '@slack/web-api';

/** Slack's error code of a failed Web API call (`invalid_auth`…), or why Slack could not be asked. */
export function slackErrorCode(error: unknown): string {
  const e = error as { code?: unknown; data?: { error?: unknown }; statusCode?: unknown; message?: unknown };
  if (e?.code === ErrorCode.PlatformError) return String(e.data?.error ?? 'unknown_error');
  if (e?.code === ErrorCode.RateLimitedError) return 'ratelimited';
  if (e?.code === ErrorCode.HTTPError) return `http_${String(e.statusCode)}`;
  return `unreachable: ${String(e?.message ?? error).slice(0, 80)}`;
}
