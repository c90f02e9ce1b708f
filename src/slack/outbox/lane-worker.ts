import type { OutboxRecord } from '../../db/repos/outbox-repo.ts';
import { type Lane, laneNames, type OutboxState, wakeAll } from './outbox-state.ts';
import { methodsFor, type ResolvedTarget, resolveTarget } from './resolve-target.ts';
import { runDelivery } from './run-delivery.ts';
import { markExpired, markFailed } from './settle-row.ts';

const batchSize = 500;

/** Starts the lane loops unless they run. */
export function startLoops(state: OutboxState): void {
  if (state.running) return;
  state.running = true;
  state.runCtrl = new AbortController();
  for (const name of laneNames)
    state.lanes[name].loop = runLane(state, state.lanes[name], state.runCtrl.signal);
}

/** Stops the lane loops and waits for them (not for the calls in flight). */
export async function stopLoops(state: OutboxState): Promise<void> {
  if (!state.running) return;
  state.running = false;
  state.runCtrl.abort();
  await Promise.all(laneNames.map((name) => state.lanes[name].loop));
}

/** Ends the drains whose work is done (nothing in flight, nothing pending by their `until`). */
export function checkDrained(state: OutboxState): void {
  if (state.drainWaiters.size === 0 || state.tasks.size > 0) return;
  for (const waiter of state.drainWaiters) {
    if (laneNames.every((lane) => state.repo.countPending(lane, waiter.until) === 0)) {
      state.drainWaiters.delete(waiter);
      waiter.resolve(false);
    }
  }
}

async function runLane(state: OutboxState, lane: Lane, stop: AbortSignal) {
  while (!stop.aborted) {
    // acks first: a request's ack has 3 s, a post can wait the few ms until they are sent
    if (state.ackGate) await state.ackGate.quiet(stop);
    let wakeAt: number | null;
    try {
      wakeAt = launchDue(state, lane);
    } catch (error) {
      state.log.error('outbox: worker error; trying again in 1s', { lane: lane.name, error });
      wakeAt = state.clock.now().getTime() + 1000;
    }
    checkDrained(state);
    if (stop.aborted) break;
    await waitForWork(state, lane, wakeAt, stop);
  }
}

async function waitForWork(state: OutboxState, lane: Lane, wakeAt: number | null, stop: AbortSignal) {
  const ctrl = new AbortController();
  const onStop = () => ctrl.abort();
  stop.addEventListener('abort', onStop, { once: true });
  const waits = [lane.wake.wait(ctrl.signal)];
  if (wakeAt !== null)
    waits.push(state.sleep(Math.max(1, wakeAt - state.clock.now().getTime()), ctrl.signal));
  await Promise.race(waits);
  ctrl.abort();
  stop.removeEventListener('abort', onStop);
}

/** Starts every row of the lane that may go now; returns when to look again (null: on a wake). */
function launchDue(state: OutboxState, lane: Lane): number | null {
  const now = state.clock.now();
  const t = now.getTime();
  let wakeAt = state.repo.nextNotBefore(lane.name, now)?.getTime() ?? null;
  const seen = new Set<string>();
  for (const row of state.repo.listDue(lane.name, now, batchSize)) {
    const target = readyTarget(state, row, t);
    if (!target) continue;
    if (seen.has(target.paceKey)) continue; // one row per conversation at a time, oldest first
    seen.add(target.paceKey);
    if (lane.busy.has(target.paceKey)) continue;
    const readyAt = Math.max(
      lane.pacer.readyAt(target.paceKey),
      lane.pacer.methodsReadyAt(methodsFor(row, target)),
    );
    if (readyAt > t) wakeAt = wakeAt === null ? readyAt : Math.min(wakeAt, readyAt);
    else launch(state, lane, row, target);
  }
  return wakeAt;
}

/** Where a due row goes, or null when it waits for its parent or has just been expired or failed. */
function readyTarget(state: OutboxState, row: OutboxRecord, t: number): ResolvedTarget | null {
  if (row.expiresAt && row.expiresAt.getTime() <= t) {
    markExpired(state, row, `not sent by ${row.expiresAt.toISOString()}`);
    return null;
  }
  const target = resolveTarget(row, state.repo);
  if (target.state === 'waiting') return null;
  if (target.state === 'expired') {
    markExpired(state, row, target.reason);
    return null;
  }
  if (target.state === 'failed') {
    markFailed(state, row, target.reason);
    return null;
  }
  return target;
}

function launch(state: OutboxState, lane: Lane, row: OutboxRecord, target: ResolvedTarget) {
  const now = state.clock.now();
  if (!state.repo.claim(row.key, now)) return;
  lane.busy.set(target.paceKey, row.key);
  lane.pacer.reserve(target.paceKey, now.getTime());
  const task: Promise<void> = runDelivery(state, lane, row, target)
    .catch((error: unknown) =>
      state.log.error(
        'outbox: could not record the outcome of a Slack call; the row stays in sending until recover()',
        { key: row.key, error },
      ),
    )
    .finally(() => {
      lane.busy.delete(target.paceKey);
      state.tasks.delete(task);
      wakeAll(state);
    });
  state.tasks.add(task);
}
