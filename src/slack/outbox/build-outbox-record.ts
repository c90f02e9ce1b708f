import type { NewOutboxRecord, OutboxPayload } from '../../db/repos/outbox-repo.ts';
import type { OutboxMessage } from './types.ts';

/** A message the outbox refuses, with what is wrong and how to fix it. */
export class OutboxInputError extends Error {
  readonly code = 'drumbeat_outbox_input';
}

const lanes = new Set(['interactive', 'scheduled']);
const kinds = new Set(['post', 'update', 'dm', 'ephemeral', 'publish']);
const maxKeyLength = 255;

/**
 * Checks a message and turns it into an outbox row. Throws `OutboxInputError` naming the key and
 * the field to fix; existence of `threadOf` / update targets is checked by the caller (it needs
 * the store).
 */
export function buildOutboxRecord(msg: OutboxMessage, now: Date): NewOutboxRecord {
  const m = msg as Partial<OutboxMessage> & Record<string, unknown>;
  const key = checkKey(m.key);
  const fail: Fail = (what) => {
    throw new OutboxInputError(`outbox message "${key}": ${what}`);
  };
  if (typeof m.lane !== 'string' || !lanes.has(m.lane)) fail('lane must be "interactive" or "scheduled"');
  if (typeof m.kind !== 'string' || !kinds.has(m.kind))
    fail('kind must be one of post, update, dm, ephemeral, publish');
  const notBefore = m.notBefore ?? now;
  if (!(notBefore instanceof Date) || Number.isNaN(notBefore.getTime()))
    fail('notBefore must be a valid Date (or left out to send now)');
  const expiresAt = m.expiresAt ?? null;
  if (expiresAt !== null && (!(expiresAt instanceof Date) || Number.isNaN(expiresAt.getTime())))
    fail('expiresAt must be a valid Date (or left out for a message that never expires)');
  const base = { key, lane: msg.lane, kind: msg.kind, notBefore, expiresAt };
  switch (msg.kind) {
    case 'post':
      if (!msg.channel && !msg.threadOf) fail('a post needs a channel id, or threadOf to reply to');
      if (msg.threadOf && msg.threadTs) fail('give threadOf or threadTs, not both');
      return {
        ...base,
        channel: optionalId(msg.channel, 'channel', fail),
        threadOf: msg.threadOf ?? null,
        payload: content(msg, fail, { threadTs: msg.threadTs }),
      };
    case 'update':
      return { ...base, ...updateTarget(msg, fail), payload: { ...content(msg, fail), ...tsOf(msg) } };
    case 'dm':
      return {
        ...base,
        userId: requiredId(msg.user, 'user', fail),
        threadOf: msg.threadOf ?? null,
        payload: content(msg, fail),
      };
    case 'ephemeral':
      return {
        ...base,
        channel: requiredId(msg.channel, 'channel', fail),
        userId: requiredId(msg.user, 'user', fail),
        payload: content(msg, fail, { threadTs: msg.threadTs }),
      };
    case 'publish':
      if (!msg.view || typeof msg.view !== 'object' || msg.view.type !== 'home')
        fail('publish needs a view with type "home"');
      return {
        ...base,
        userId: requiredId(msg.user, 'user', fail),
        payload: { view: msg.view as unknown as Record<string, unknown> },
      };
  }
}

function checkKey(key: unknown): string {
  if (typeof key !== 'string' || key.trim() === '' || key.length > maxKeyLength)
    throw new OutboxInputError(
      `outbox message key must be a non-empty string of at most ${maxKeyLength} characters, ` +
        'unique to the intended message (e.g. "round:sig-node:2025-10-07T16:00Z:parent")',
    );
  return key;
}

type Fail = (what: string) => never;

function content(
  msg: { text?: unknown; blocks?: unknown },
  fail: Fail,
  extra: { threadTs?: string | undefined } = {},
): OutboxPayload {
  if (typeof msg.text !== 'string' || msg.text.trim() === '')
    fail('text is required (it is the notification and screen-reader fallback for blocks)');
  if (msg.blocks !== undefined && !Array.isArray(msg.blocks))
    fail('blocks must be an array of Block Kit blocks');
  const payload: OutboxPayload = { text: msg.text as string };
  if (msg.blocks) payload.blocks = msg.blocks as OutboxPayload['blocks'];
  if (extra.threadTs) payload.threadTs = extra.threadTs;
  return payload;
}

function updateTarget(msg: Extract<OutboxMessage, { kind: 'update' }>, fail: Fail) {
  const target = msg.target as Record<string, unknown> | undefined;
  if (target && typeof target.key === 'string' && target.key !== '') return { targetKey: target.key };
  if (target && typeof target.channel === 'string' && typeof target.ts === 'string' && target.ts !== '')
    return { channel: requiredId(target.channel, 'target.channel', fail) };
  return fail('an update needs target { key } (an outbox key) or target { channel, ts }');
}

function tsOf(msg: Extract<OutboxMessage, { kind: 'update' }>): { ts?: string } {
  return 'ts' in msg.target ? { ts: msg.target.ts } : {};
}

/**
 * A Slack id (C…, U…, D…) or, as Slack also accepts for posting, a channel name without `#` (the
 * fallback when channel names could not be resolved to ids at start).
 */
function requiredId(value: unknown, field: string, fail: Fail): string {
  if (typeof value !== 'string' || !/^[a-z0-9][a-z0-9_-]{0,79}$/i.test(value))
    fail(`${field} must be a Slack id like C0123ABCD or U0123ABCD, or a channel name without "#"`);
  return value as string;
}

function optionalId(value: unknown, field: string, fail: Fail): string | null {
  return value === undefined || value === null ? null : requiredId(value, field, fail);
}
