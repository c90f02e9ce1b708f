import type { OutboxRecord } from '../../db/repos/outbox-repo.ts';
import { backoffDelay } from './backoff-delay.ts';
import { classifySlackError, type SlackFailure } from './classify-slack-error.ts';
import { deliverRow } from './deliver-row.ts';
import type { Lane, OutboxState } from './outbox-state.ts';
import { reconcileRow } from './reconcile-row.ts';
import type { ResolvedTarget } from './resolve-target.ts';
import { markFailed, markSent, retryAt } from './settle-row.ts';
import { SlackCallError } from './slack-call-error.ts';

/** Methods whose 429 pauses one channel; a 429 on any other pauses that method. */
const channelMethods = new Set(['chat.postMessage', 'chat.update', 'chat.postEphemeral']);
const lookupMethods = new Set(['conversations.history', 'conversations.replies']);

/** Sends one claimed row; Slack failures are recorded, a failed write after the call throws. */
export async function runDelivery(state: OutboxState, lane: Lane, row: OutboxRecord, target: ResolvedTarget) {
  let result: { channel: string | null; ts: string | null };
  let how = 'sent';
  try {
    const known = row.uncertain
      ? await reconcileRow(lane.client, row, target, state.afterCrash)
      : ({ outcome: 'absent' } as const);
    if (known.outcome === 'found') {
      result = { channel: known.channel, ts: known.ts };
      how = 'found already posted (not sent again)';
    } else if (known.outcome === 'unknowable') {
      return markFailed(state, row, `interrupted while sending; ${known.reason}`);
    } else {
      result = await deliverRow(lane.client, row, target, { repo: state.repo, now: () => state.clock.now() });
    }
  } catch (error) {
    return handleFailure(state, lane, row, target, error);
  }
  markSent(state, row, result, how);
}

/** A failed call: what it was and whether Slack may have processed it. */
interface CallFailure {
  method: string;
  failure: SlackFailure;
  reason: string;
  uncertain: boolean;
}

function describeFailure(row: OutboxRecord, error: unknown): CallFailure {
  const method = error instanceof SlackCallError ? error.method : 'deliver';
  const failure = classifySlackError(error instanceof SlackCallError ? error.error : error);
  const reason = `${method}: ${failure.reason}`;
  // a failed lookup leaves the question open; a failed post after a lookup (or with none due)
  // is uncertain only if Slack may have processed it
  const uncertain = lookupMethods.has(method)
    ? row.uncertain
    : failure.type === 'transient' && failure.ambiguous && method === 'chat.postMessage';
  return { method, failure, reason, uncertain };
}

function handleFailure(
  state: OutboxState,
  lane: Lane,
  row: OutboxRecord,
  target: ResolvedTarget,
  error: unknown,
) {
  const call = describeFailure(row, error);
  const { failure, reason } = call;
  const now = state.clock.now().getTime();
  const attempts = row.attempts + 1;
  if (failure.type === 'rate_limited')
    return rateLimited(state, lane, row, target, call, {
      until: now + failure.retryAfterMs,
      ms: failure.retryAfterMs,
    });
  if (failure.type === 'permanent') return markFailed(state, row, reason);
  if (row.kind === 'ephemeral' && failure.ambiguous)
    return markFailed(state, row, `${reason}; not retried: ephemeral messages are sent at most once`);
  if (attempts >= state.maxAttempts)
    return markFailed(state, row, `${reason} (gave up after ${attempts} attempts)`);
  const delay = Math.max(backoffDelay(attempts, state.random, state.backoff), failure.retryAfterMs ?? 0);
  state.log.info('outbox: will retry', { key: row.key, lane: lane.name, reason, attempts, delayMs: delay });
  retryAt(state, row, now + delay, { error: reason, uncertain: call.uncertain, refundAttempt: false });
}

/** A 429: pauses the channel (or the method) and puts the row back, the attempt not counted. */
function rateLimited(
  state: OutboxState,
  lane: Lane,
  row: OutboxRecord,
  target: ResolvedTarget,
  call: CallFailure,
  { until, ms }: { until: number; ms: number },
) {
  const { method } = call;
  // a DM whose conversation was opened by this very call is limited in that conversation
  const opened = target.channel === null && row.kind === 'dm' ? state.repo.get(row.key)?.channel : null;
  const key = channelMethods.has(method) ? (opened ?? target.paceKey) : null;
  const scope = lane.pacer.rateLimit({ key, method }, until);
  state.log.warn('outbox: rate limited', {
    key: row.key,
    lane: lane.name,
    method,
    scope,
    ms,
  });
  retryAt(state, row, until, { error: call.reason, uncertain: call.uncertain, refundAttempt: true });
}
