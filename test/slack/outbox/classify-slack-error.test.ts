import { ErrorCode } from '@slack/web-api';
import { describe, expect, it } from 'vitest';
import { backoffDelay } from '../../../src/slack/outbox/backoff-delay.ts';
import { classifySlackError, type SlackFailure } from '../../../src/slack/outbox/classify-slack-error.ts';

const fetchFailed = (code: string) => Object.assign(new TypeError('fetch failed'), { cause: { code } });

describe('classifySlackError', () => {
  it.each<[string, unknown, SlackFailure]>([
    [
      '429 with Retry-After',
      { code: ErrorCode.RateLimitedError, retryAfter: 7 },
      { type: 'rate_limited', retryAfterMs: 7000, reason: 'ratelimited (retry after 7s)' },
    ],
    [
      'ok:false ratelimited',
      { code: ErrorCode.PlatformError, data: { ok: false, error: 'ratelimited' } },
      { type: 'rate_limited', retryAfterMs: 30_000, reason: 'ratelimited' },
    ],
    [
      'a permanent platform error',
      { code: ErrorCode.PlatformError, data: { ok: false, error: 'missing_scope', needed: 'im:history' } },
      { type: 'permanent', reason: 'missing_scope (needs im:history)' },
    ],
    [
      'a transient platform error',
      { code: ErrorCode.PlatformError, data: { ok: false, error: 'internal_error' } },
      { type: 'transient', reason: 'internal_error', ambiguous: true },
    ],
    [
      '503 with Retry-After',
      { code: ErrorCode.HTTPError, statusCode: 503, headers: { 'retry-after': '20' } },
      { type: 'transient', reason: 'http_503', ambiguous: true, retryAfterMs: 20_000 },
    ],
    [
      '404 (a wrong API URL)',
      { code: ErrorCode.HTTPError, statusCode: 404, headers: {} },
      { type: 'permanent', reason: 'http_404' },
    ],
    [
      'connection refused (never reached Slack)',
      { code: ErrorCode.RequestError, original: fetchFailed('ECONNREFUSED') },
      { type: 'transient', reason: 'request_error ECONNREFUSED', ambiguous: false },
    ],
    [
      'connection reset (may have reached Slack)',
      { code: ErrorCode.RequestError, original: fetchFailed('ECONNRESET') },
      { type: 'transient', reason: 'request_error ECONNRESET', ambiguous: true },
    ],
    ['anything else', new Error('boom'), { type: 'transient', reason: 'boom', ambiguous: true }],
  ])('%s', (_name, error, expected) => {
    expect(classifySlackError(error)).toEqual(expected);
  });
});

describe('backoffDelay', () => {
  it.each([
    [1, 0, 500],
    [1, 0.999, 1000],
    [2, 0.5, 1500],
    [4, 0, 4000],
    [20, 0.5, 225_000],
  ])('retry %i with random %d waits %i ms', (attempt, random, ms) => {
    expect(backoffDelay(attempt, () => random)).toBe(ms);
  });
});
