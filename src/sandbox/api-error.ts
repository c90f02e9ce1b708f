/**
 * A Slack Web API error as the emulator answers it: `{ ok: false, error: code }`, with optional
 * `response_metadata.messages` saying what was wrong (as Slack does for `invalid_arguments` and
 * `invalid_blocks`), and for `ratelimited` the seconds to wait (sent as HTTP 429 + Retry-After).
 */
export class SlackApiError extends Error {
  readonly code: string;
  readonly messages: string[];
  readonly retryAfterSeconds: number | undefined;
  constructor(code: string, messages: string[] = [], retryAfterSeconds?: number) {
    super(messages.length > 0 ? `${code}: ${messages.join('; ')}` : code);
    this.name = 'SlackApiError';
    this.code = code;
    this.messages = messages;
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** Shorthand for `throw new SlackApiError(code, messages)` that type-checks as an expression. */
export function fail(code: string, ...messages: string[]): never {
  throw new SlackApiError(code, messages);
}
