import { checkDrained, startLoops, stopLoops } from './lane-worker.ts';
import type { DrainWaiter, OutboxState } from './outbox-state.ts';
import { nothingRecovered, recover } from './recover.ts';
import { settled } from './settle-row.ts';
import type { DrainOptions, DrainResult, RecoverResult } from './types.ts';

/** Delivers until nothing is due by `until` (starting the workers for the while if needed). */
export async function drain(state: OutboxState, opts: DrainOptions = {}): Promise<DrainResult> {
  state.drainsRunning++;
  startLoops(state);
  const ctrl = new AbortController();
  let waiter: DrainWaiter = { until: opts.until ?? null, resolve: (_cutShort: boolean) => {} };
  const done = new Promise<boolean>((resolve) => {
    waiter = { ...waiter, resolve };
  });
  state.drainWaiters.add(waiter);
  checkDrained(state);
  const waits = [done];
  if (opts.timeoutMs !== undefined) waits.push(state.sleep(opts.timeoutMs, ctrl.signal).then(() => true));
  const timedOut = await Promise.race(waits);
  ctrl.abort();
  state.drainWaiters.delete(waiter);
  state.drainsRunning--;
  if (!state.started && state.drainsRunning === 0) await stopLoops(state);
  return { timedOut, counts: state.repo.counts() };
}

/** Reconciles rows left in `sending`, then runs the workers until `stop`. */
export async function start(state: OutboxState): Promise<RecoverResult> {
  if (state.started) return nothingRecovered();
  state.started = true;
  const result = await recover(state);
  startLoops(state);
  return result;
}

/** Drains for up to `drainMs`, then stops the workers and waits for calls in flight. */
export async function stop(state: OutboxState, { drainMs = 0 }: { drainMs?: number } = {}): Promise<void> {
  if (state.running && drainMs > 0) await drain(state, { timeoutMs: drainMs });
  state.started = false;
  for (const waiter of state.drainWaiters) waiter.resolve(true);
  state.drainWaiters.clear();
  // whoever waits for a message hears its state now rather than keeping the process up
  for (const key of [...state.settleWaiters.keys()]) settled(state, key);
  await stopLoops(state);
  await Promise.allSettled([...state.tasks]);
}
