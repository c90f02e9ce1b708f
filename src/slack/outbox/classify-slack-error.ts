import { ErrorCode } from '@slack/web-api';

/**
 * What a failed Web API call means for the message:
 * - `rate_limited`: Slack refused it (429) and said when to come back; it was not processed.
 * - `permanent`: it will never work as it is (`channel_not_found`, `invalid_blocks`, bad token…).
 * - `transient`: try again later; `ambiguous` when Slack may have processed it anyway (a timeout, a
 *   5xx), so a post must be looked for before it is sent again.
 */
export type SlackFailure =
  | { type: 'rate_limited'; retryAfterMs: number; reason: string }
  | { type: 'permanent'; reason: string }
  | { type: 'transient'; reason: string; ambiguous: boolean; retryAfterMs?: number };

/** Platform errors worth retrying; any other `ok: false` error is permanent. */
const transientPlatformErrors = new Set([
  'internal_error',
  'fatal_error',
  'service_unavailable',
  'request_timeout',
  'team_added_to_org',
]);

/** Network failures where the request never reached Slack. */
const notSentCodes = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/** Default pause when Slack says `ratelimited` in the body without a Retry-After header. */
const defaultRateLimitMs = 30_000;

/** Classifies an error thrown by a `WebClient` call (built with retries off, rate limits rejected). */
export function classifySlackError(error: unknown): SlackFailure {
  const e = error as { code?: unknown } & Record<string, unknown>;
  switch (e?.code) {
    case ErrorCode.RateLimitedError: {
      const seconds = Number(e.retryAfter);
      const retryAfterMs = Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 1000;
      return {
        type: 'rate_limited',
        retryAfterMs,
        reason: `ratelimited (retry after ${retryAfterMs / 1000}s)`,
      };
    }
    case ErrorCode.PlatformError:
      return classifyPlatform(e.data as { error?: string; needed?: string } | undefined);
    case ErrorCode.HTTPError:
      return classifyHttp(Number(e.statusCode), e.headers as Record<string, string> | undefined);
    case ErrorCode.RequestError:
      return classifyRequest(e.original);
    default:
      return { type: 'transient', reason: describe(error), ambiguous: true };
  }
}

function classifyPlatform(data: { error?: string; needed?: string } | undefined): SlackFailure {
  const code = data?.error ?? 'unknown_error';
  if (code === 'ratelimited' || code === 'rate_limited')
    return { type: 'rate_limited', retryAfterMs: defaultRateLimitMs, reason: code };
  if (transientPlatformErrors.has(code)) return { type: 'transient', reason: code, ambiguous: true };
  return { type: 'permanent', reason: data?.needed ? `${code} (needs ${data.needed})` : code };
}

function classifyHttp(status: number, headers: Record<string, string> | undefined): SlackFailure {
  if (status >= 500 || status === 408) {
    const seconds = Number(headers?.['retry-after']);
    const retryAfter = Number.isFinite(seconds) && seconds > 0 ? { retryAfterMs: seconds * 1000 } : {};
    return { type: 'transient', reason: `http_${status}`, ambiguous: true, ...retryAfter };
  }
  return { type: 'permanent', reason: `http_${status}` };
}

function classifyRequest(original: unknown): SlackFailure {
  const cause = (original as { cause?: { code?: unknown } } | undefined)?.cause;
  const code = typeof cause?.code === 'string' ? cause.code : undefined;
  const reason = code ? `request_error ${code}` : `request_error ${describe(original)}`;
  return { type: 'transient', reason, ambiguous: !(code && notSentCodes.has(code)) };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
