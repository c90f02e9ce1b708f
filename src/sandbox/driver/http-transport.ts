import { createHmac } from 'node:crypto';
import type { DriverResult, RequestKind, Transport } from './types.ts';

/** Sends each payload as Slack's HTTP request, signed with `secret`, to `appUrl`. */
export function createHttpTransport(appUrl: string, secret: string, deadlineMs?: number): Transport {
  return {
    send: (kind, payload, retryNum) =>
      postSigned(appUrl, secret, encodeRequest(kind, payload), retryNum, deadlineMs),
    raw: (body, headers) => postRaw(appUrl, body, headers, deadlineMs),
  };
}

interface EncodedRequest {
  body: string;
  contentType: string;
}

/** Commands are a flat form, interactivity is `payload=<json>` in a form, events are JSON. */
export function encodeRequest(kind: RequestKind, payload: Record<string, unknown>): EncodedRequest {
  if (kind === 'event') return { body: JSON.stringify(payload), contentType: 'application/json' };
  const form =
    kind === 'command'
      ? new URLSearchParams(Object.entries(payload).map(([k, v]): [string, string] => [k, String(v)]))
      : new URLSearchParams({ payload: JSON.stringify(payload) });
  // Bolt compares the content type exactly, so no `; charset=` suffix.
  return { body: form.toString(), contentType: 'application/x-www-form-urlencoded' };
}

/** Slack's request signature: `v0=` + hex HMAC-SHA256 of `v0:<timestamp>:<raw body>` keyed by the signing secret. */
export function signRequest(signingSecret: string, timestamp: number, body: string): string {
  const digest = createHmac('sha256', signingSecret).update(`v0:${timestamp}:${body}`).digest('hex');
  return `v0=${digest}`;
}

async function postSigned(
  url: string,
  secret: string,
  request: EncodedRequest,
  retryNum?: number,
  deadlineMs?: number,
) {
  // The real wall clock, not the workspace clock: Bolt rejects signatures whose timestamp is more than
  // five minutes away from its own real clock, and tests may run the workspace on a fake clock.
  const timestamp = Math.floor(Date.now() / 1000);
  const headers: Record<string, string> = {
    'content-type': request.contentType,
    'x-slack-request-timestamp': String(timestamp),
    'x-slack-signature': signRequest(secret, timestamp, request.body),
  };
  if (retryNum !== undefined) {
    headers['x-slack-retry-num'] = String(retryNum);
    headers['x-slack-retry-reason'] = 'http_timeout';
  }
  return postRaw(url, request.body, headers, deadlineMs);
}

async function postRaw(
  url: string,
  body: string,
  headers: Record<string, string>,
  deadlineMs?: number,
): Promise<DriverResult> {
  const signal = deadlineMs === undefined ? null : AbortSignal.timeout(deadlineMs);
  try {
    const response = await fetch(url, { method: 'POST', headers, body, signal });
    const text = await response.text();
    return { status: response.status, body: parseBody(text, response.headers.get('content-type') ?? '') };
  } catch (error) {
    if (!signal?.aborted) throw error;
    const message = `the app did not answer within ${deadlineMs} ms`;
    return { status: 504, body: { error: 'operation_timeout', message } };
  }
}

function parseBody(text: string, contentType: string): unknown {
  if (text === '') return null;
  if (!contentType.includes('json')) return text;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
