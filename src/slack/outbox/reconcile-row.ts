import type { WebClient } from '@slack/web-api';
import type { OutboxRecord } from '../../db/repos/outbox-repo.ts';
import { findPostedMessage } from './find-posted-message.ts';
import type { Resolution } from './resolve-target.ts';

/**
 * What Slack has of a row that may have been sent:
 * - `found`: the message is there (posts and DMs carry their key in metadata);
 * - `absent`: it is not, so sending it is safe;
 * - `resend`: cannot be looked up but sending again is harmless (update, publish);
 * - `unknowable`: cannot be looked up and must not be sent twice (ephemeral: at most once).
 */
export type Reconciliation =
  | { outcome: 'found'; channel: string; ts: string }
  | { outcome: 'absent' }
  | { outcome: 'resend' }
  | { outcome: 'unknowable' };

/** How far before a row's creation Slack's history is read (allows for clock skew). */
export const lookbackMarginMs = 5 * 60_000;

/** Asks Slack whether `row` was already posted. Failures throw `SlackCallError`. */
export async function reconcileRow(
  client: WebClient,
  row: OutboxRecord,
  target: Resolution,
): Promise<Reconciliation> {
  if (row.kind === 'update' || row.kind === 'publish') return { outcome: 'resend' };
  if (row.kind === 'ephemeral') return { outcome: 'unknowable' };
  // a post is only ever claimed once its parent is sent; without a known conversation
  // (a DM never opened) nothing can have been posted
  if (target.state !== 'ready' || !target.channel) return { outcome: 'absent' };
  const ts = await findPostedMessage(client, {
    channel: target.channel,
    threadTs: target.threadTs,
    key: row.key,
    oldest: new Date(row.createdAt.getTime() - lookbackMarginMs),
  });
  return ts ? { outcome: 'found', channel: target.channel, ts } : { outcome: 'absent' };
}
