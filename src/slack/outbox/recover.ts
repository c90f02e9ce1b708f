import type { OutboxRecord } from '../../db/repos/outbox-repo.ts';
import { backoffDelay } from './backoff-delay.ts';
import { classifySlackError } from './classify-slack-error.ts';
import { laneNames, type OutboxState, wakeAll } from './outbox-state.ts';
import { type Reconciliation, reconcileRow } from './reconcile-row.ts';
import { resolveTarget } from './resolve-target.ts';
import { markFailed, markSent, retryAt } from './settle-row.ts';
import { SlackCallError } from './slack-call-error.ts';
import type { RecoverResult } from './types.ts';

export const nothingRecovered = (): RecoverResult => ({ found: [], requeued: [], failed: [], deferred: [] });

/** Reconciles rows left in `sending` (not in flight here) with what Slack has. */
export async function recover(state: OutboxState): Promise<RecoverResult> {
  const result = nothingRecovered();
  const inFlight = new Set(laneNames.flatMap((name) => [...state.lanes[name].busy.values()]));
  for (const row of state.repo.listSending()) {
    if (!inFlight.has(row.key)) await recoverRow(state, row, result);
  }
  const counts = Object.fromEntries(Object.entries(result).map(([k, v]) => [k, v.length]));
  if (Object.values(counts).some((n) => n > 0))
    state.log.info('outbox: reconciled interrupted sends', counts);
  wakeAll(state);
  return result;
}

async function recoverRow(state: OutboxState, row: OutboxRecord, result: RecoverResult) {
  const now = state.clock.now();
  try {
    const lane = state.lanes[row.lane];
    const known = await reconcileRow(lane.client, row, resolveTarget(row, state.repo), state.afterCrash);
    settleRecovered(state, row, known, now, result);
  } catch (error) {
    const failure = classifySlackError(error instanceof SlackCallError ? error.error : error);
    const delay =
      failure.type === 'rate_limited' ? failure.retryAfterMs : backoffDelay(1, state.random, state.backoff);
    const reason = `interrupted while sending; could not check Slack yet (${failure.reason})`;
    retryAt(state, row, now.getTime() + delay, { error: reason, uncertain: true, refundAttempt: false });
    result.deferred.push(row.key);
  }
}

function settleRecovered(
  state: OutboxState,
  row: OutboxRecord,
  known: Reconciliation,
  now: Date,
  result: RecoverResult,
) {
  if (known.outcome === 'found') {
    markSent(state, row, { channel: known.channel, ts: known.ts }, 'recovered: found already posted');
    result.found.push(row.key);
  } else if (known.outcome === 'unknowable') {
    markFailed(state, row, `interrupted while sending; ${known.reason}, so not sent again`);
    result.failed.push(row.key);
  } else {
    const why = known.outcome === 'absent' ? 'Slack does not have it' : 'it cannot be looked up';
    const error = `interrupted while sending; ${why}: sending again`;
    retryAt(state, row, now.getTime(), { error, uncertain: false, refundAttempt: false });
    result.requeued.push(row.key);
  }
}
