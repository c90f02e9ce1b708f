import type { WebClient } from '@slack/web-api';
import type { OutboxRecord } from '../../db/repos/outbox-repo.ts';
import { findPostedMessage } from './find-posted-message.ts';
import type { Resolution } from './resolve-target.ts';
import { SlackCallError } from './slack-call-error.ts';

/**
 * What Slack has of a row that may have been sent:
 * - `found`: the message is there (posts and DMs carry their key in metadata);
 * - `absent`: it is not, so sending it is safe;
 * - `resend`: cannot be looked up but sending again is harmless (update, publish), or the row's
 *   kind is delivered at least once;
 * - `unknowable`: cannot be looked up and must not be sent twice (ephemeral, or a kind delivered
 *   at most once without the history scopes).
 */
export type Reconciliation =
  | { outcome: 'found'; channel: string; ts: string }
  | { outcome: 'absent' }
  | { outcome: 'resend' }
  | { outcome: 'unknowable'; reason: string };

/**
 * Whether Slack's history can be read (the app holds `channels:history`, `groups:history`,
 * `im:history`), and otherwise whether a message kind (its key's first part) is sent again after a
 * crash mid-send (at least once) or given up (at most once).
 */
export interface AfterCrash {
  history: boolean;
  modeOf(key: string): 'at-least-once' | 'at-most-once';
}

export const withHistory: AfterCrash = { history: true, modeOf: () => 'at-least-once' };

/** How far before a row's creation Slack's history is read (allows for clock skew). */
export const lookbackMarginMs = 5 * 60_000;

/** The kind of a row, as `delivery.afterCrash.kinds` names it: the key's first part. */
export const messageKind = (key: string): string => key.split(':', 1)[0] ?? key;

function withoutHistory(row: OutboxRecord, afterCrash: AfterCrash): Reconciliation {
  return afterCrash.modeOf(row.key) === 'at-most-once'
    ? {
        outcome: 'unknowable',
        reason: `${messageKind(row.key)} messages are sent at most once and Slack's history cannot be read`,
      }
    : { outcome: 'resend' };
}

const missingScope = (error: unknown) =>
  error instanceof SlackCallError &&
  (error.error as { data?: { error?: string } } | undefined)?.data?.error === 'missing_scope';

/** Asks Slack whether `row` was already posted. Failures throw `SlackCallError`. */
export async function reconcileRow(
  client: WebClient,
  row: OutboxRecord,
  target: Resolution,
  afterCrash: AfterCrash = withHistory,
): Promise<Reconciliation> {
  if (row.kind === 'update' || row.kind === 'publish') return { outcome: 'resend' };
  if (row.kind === 'ephemeral')
    return { outcome: 'unknowable', reason: 'ephemeral messages are sent at most once' };
  // a post is only ever claimed once its parent is sent; without a known conversation
  // (a DM never opened) nothing can have been posted
  if (target.state !== 'ready' || !target.channel) return { outcome: 'absent' };
  if (!afterCrash.history) return withoutHistory(row, afterCrash);
  try {
    const ts = await findPostedMessage(client, {
      channel: target.channel,
      threadTs: target.threadTs,
      key: row.key,
      oldest: new Date(row.createdAt.getTime() - lookbackMarginMs),
    });
    return ts ? { outcome: 'found', channel: target.channel, ts } : { outcome: 'absent' };
  } catch (error) {
    // installed without the history scopes although the config says otherwise
    if (missingScope(error)) return withoutHistory(row, afterCrash);
    throw error;
  }
}
