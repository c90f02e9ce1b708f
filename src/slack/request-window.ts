import type { IncomingMessage, ServerResponse } from 'node:http';
import { defaultBodyLimit, HTTPModuleFunctions } from '@slack/bolt';
import type { Logger } from '../ports/logger.ts';

/** Slack signs requests with their send time; Bolt refuses older than this, we refuse newer too. */
export const requestWindowSeconds = 5 * 60;

/**
 * Why a request's `X-Slack-Request-Timestamp` is outside Slack's window on the future side, or
 * null. Bolt already refuses stale timestamps; a timestamp minutes ahead would otherwise let a
 * captured request be replayed until that future instant plus five minutes.
 */
export function futureTimestampProblem(header: string | string[] | undefined, nowMs: number): string | null {
  const value = Array.isArray(header) ? header[0] : header;
  const seconds = Number(value);
  if (value === undefined || !Number.isFinite(seconds)) return null; // Bolt refuses these itself
  const ahead = seconds - Math.floor(nowMs / 1000);
  return ahead > requestWindowSeconds
    ? `request timestamp is ${ahead} s in the future (more than ${requestWindowSeconds} s)`
    : null;
}

/** Why a JSON body cannot be a Slack request (Slack's JSON bodies are always objects), or null. */
export function jsonBodyProblem(raw: string): string | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return null; // Bolt answers malformed JSON with a 400 itself
  }
  return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)
    ? null
    : `a JSON body must be an object, not ${parsed === null ? 'null' : Array.isArray(parsed) ? 'an array' : typeof parsed}`;
}

/**
 * Why a form body cannot be a Slack request: interactivity sends `payload=<JSON object>`, so a
 * payload that parses to anything else (`null`, `42`) is refused; commands carry no payload.
 */
export function formBodyProblem(raw: string): string | null {
  const payload = new URLSearchParams(raw).get('payload');
  if (payload === null) return null;
  const problem = jsonBodyProblem(payload);
  return problem ? problem.replace('a JSON body', 'the payload field') : null;
}

const bodyProblem = (contentType: string, raw: string) =>
  contentType.startsWith('application/json') ? jsonBodyProblem(raw) : formBodyProblem(raw);

type Listener = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * Wraps the receiver's request listener: requests signed more than five minutes in the future
 * are answered 401, and JSON bodies or form `payload` fields that are not objects (`null`, `42`)
 * 400, before Bolt sees them (Bolt reads fields of the parsed body without checking it is an
 * object, and would never answer). The body is buffered
 * the way Bolt buffers it, so Bolt reuses it. The timestamp is checked against the wall clock,
 * like Bolt's own signature check (the bot's clock may be a rehearsal or test clock; Slack's
 * signatures are not).
 */
export function guardSlackRequests(listener: Listener, logger: Logger, nowMs = () => Date.now()): Listener {
  const refuse = (req: IncomingMessage, res: ServerResponse, status: number, reason: string) => {
    logger.warn('refused a Slack request', { reason, status, url: req.url });
    req.resume();
    res.writeHead(status, { 'content-type': 'text/plain' });
    res.end(`${reason}\n`);
  };
  return (req, res) => {
    const future = futureTimestampProblem(req.headers['x-slack-request-timestamp'], nowMs());
    if (future) return refuse(req, res, 401, future);
    const contentType = String(req.headers['content-type'] ?? '');
    if (req.method !== 'POST' || !/^application\/(json|x-www-form-urlencoded)/.test(contentType))
      return listener(req, res);
    HTTPModuleFunctions.bufferIncomingMessage(req, defaultBodyLimit).then(
      (buffered) => {
        const problem = bodyProblem(contentType, buffered.rawBody.toString('utf8'));
        if (problem) refuse(req, res, 400, problem);
        else listener(buffered, res);
      },
      (error: unknown) => {
        logger.warn('could not read a Slack request body', { error });
        if (!res.headersSent) refuse(req, res, 400, 'the request body could not be read');
      },
    );
  };
}
