import { formatTs } from '../slack-ids.ts';

export type Json = Record<string, unknown>;

export function plainText(text: string): Json {
  return { type: 'plain_text', text, emoji: true };
}

export function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isEmpty(body: unknown): boolean {
  return (
    body === null || body === undefined || body === '' || (isRecord(body) && Object.keys(body).length === 0)
  );
}

/** A Slack-style `ts` for `now`: seconds, a dot, six digits of microseconds. */
export function slackTs(now: Date): string {
  return formatTs(now.getTime() * 1000);
}
