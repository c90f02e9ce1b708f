import type { WebClient } from '@slack/web-api';
import type { Db } from '../../db/open.ts';
import { createOutboxRepo, type OutboxRecord } from '../../db/repos/outbox-repo.ts';
import { failureCause } from '../../domain/delivery-health.ts';
import type { ChatLane, DeliveryRef } from '../../ports/chat.ts';
import type { Clock } from '../../ports/clock.ts';
import type { Logger } from '../../ports/logger.ts';
import { type BotMetrics, noMetrics } from '../../ports/metrics.ts';
import type { Sleep } from '../../ports/sleep.ts';
import { sleep as realSleep } from '../../system/sleep.ts';
import { type BackoffOptions, backoffDelay, defaultBackoff } from './backoff-delay.ts';
import { buildOutboxRecord, OutboxInputError } from './build-outbox-record.ts';
import { classifySlackError } from './classify-slack-error.ts';
import { createLanePacer, type LanePacer } from './create-lane-pacer.ts';
import { createWake, type Wake } from './create-wake.ts';
import { deliverRow } from './deliver-row.ts';
import { type AfterCrash, reconcileRow, withHistory } from './reconcile-row.ts';
import { methodsFor, type ResolvedTarget, resolveTarget } from './resolve-target.ts';
import { SlackCallError } from './slack-call-error.ts';
import type { DrainOptions, Outbox, OutboxStats, RecoverResult } from './types.ts';

export interface OutboxOptions {
  /** An open database with the migrations applied (0002_slack). */
  db: Db;
  /**
   * One Web API client per lane, built with `retryConfig: { retries: 0 }` and
   * `rejectRateLimitedCalls: true` (the outbox owns retries and rate limits), and a `timeout`.
   */
  clients: Record<ChatLane, WebClient>;
  clock: Clock;
  logger: Logger;
  /** Waiting (pacing, backoff, rate limits) goes through this; tests pass a fake clock's. */
  sleep?: Sleep;
  /** At most one call per channel per this many ms (Slack allows about one message per second). */
  perChannelIntervalMs?: number;
  /** Calls per message before a retryable failure becomes `failed` (429s do not count). */
  maxAttempts?: number;
  backoff?: BackoffOptions;
  /** Jitter source, [0, 1). */
  random?: () => number;
  /** Told of each delivery (with its delay since enqueueing) and each message given up on. */
  metrics?: Pick<BotMetrics, 'outboxDelivered' | 'outboxFailed' | 'outboxExpired'>;
  /** Told of each message given up on, after it is recorded (e.g. to judge Slack's health). */
  onFailed?: (failure: { key: string; lane: ChatLane; kind: string; reason: string }) => void;
  /** Whether Slack's history can be read after a crash, and what each kind does without it. */
  afterCrash?: AfterCrash;
}

const laneNames: ChatLane[] = ['interactive', 'scheduled'];
/** Methods whose 429 pauses one channel; a 429 on any other pauses that method. */
const channelMethods = new Set(['chat.postMessage', 'chat.update', 'chat.postEphemeral']);
const lookupMethods = new Set(['conversations.history', 'conversations.replies']);
const batchSize = 500;

interface Lane {
  name: ChatLane;
  client: WebClient;
  pacer: LanePacer;
  /** pacing key → outbox key of the call in flight */
  busy: Map<string, string>;
  wake: Wake;
  loop: Promise<void> | null;
}

/**
 * The durable outbox. Every message is a row keyed by its idempotency key; one worker per lane
 * sends due rows (a row is marked `sending` before its call, `sent` with Slack's channel and ts
 * after), paced per channel, different channels in parallel. Failures: 429 → that channel (or, for
 * a call that names no channel, that method) waits Retry-After, and nothing else does; permanent
 * platform errors → `failed` at once; 5xx / network → exponential backoff with jitter up to
 * `maxAttempts`. A call that may have reached Slack (timeout, 5xx, crash)
 * marks the row uncertain, and the post is looked for by its metadata key before it is sent again,
 * so nothing is posted twice. Ephemeral messages cannot be looked for and are sent at most once.
 */
export function createOutbox(options: OutboxOptions): Outbox {
  const repo = createOutboxRepo(options.db);
  const { clock } = options;
  const sleep = options.sleep ?? realSleep;
  const intervalMs = options.perChannelIntervalMs ?? 1000;
  const maxAttempts = options.maxAttempts ?? 8;
  const random = options.random ?? Math.random;
  const backoff = options.backoff ?? defaultBackoff;
  const log = options.logger.child({ component: 'outbox' });
  const metrics = options.metrics ?? noMetrics;
  const afterCrash = options.afterCrash ?? withHistory;
  const lanes: Record<ChatLane, Lane> = {
    interactive: makeLane('interactive', options.clients.interactive, intervalMs),
    scheduled: makeLane('scheduled', options.clients.scheduled, intervalMs),
  };
  const tasks = new Set<Promise<void>>();
  const settleWaiters = new Map<string, Set<() => void>>();
  /** Drains in progress; `resolve(true)` when cut short by stop(). */
  const drainWaiters = new Set<{ until: Date | null; resolve: (cutShort: boolean) => void }>();
  let running = false;
  /** start() was called (and stop() not yet): the workers outlive any drain. */
  let started = false;
  let drainsRunning = 0;
  let runCtrl = new AbortController();

  const getDelivery = (key: string) => toDeliveryRef(repo.get(key));
  const wakeAll = () => {
    for (const lane of laneNames) lanes[lane].wake.fire();
  };

  function settled(key: string) {
    for (const resolve of settleWaiters.get(key) ?? []) resolve();
    settleWaiters.delete(key);
  }

  function markSent(row: OutboxRecord, result: { channel: string | null; ts: string | null }, how: string) {
    const now = clock.now();
    repo.markSent(row.key, result, now);
    metrics.outboxDelivered(row.lane, (now.getTime() - row.createdAt.getTime()) / 1000);
    log.debug(`outbox: ${how}`, { key: row.key, lane: row.lane, channel: result.channel, ts: result.ts });
    settled(row.key);
  }

  function markFailed(row: OutboxRecord, reason: string) {
    repo.markFailed(row.key, reason, clock.now());
    metrics.outboxFailed(row.lane, failureLabel(reason));
    log.warn('outbox: message failed', { key: row.key, lane: row.lane, kind: row.kind, reason });
    settled(row.key);
    try {
      options.onFailed?.({ key: row.key, lane: row.lane, kind: row.kind, reason });
    } catch (error) {
      log.error('outbox: the failure hook threw', { key: row.key, error });
    }
  }

  /** Drops a message that could only arrive after the instant it stopped mattering. */
  function markExpired(row: Pick<OutboxRecord, 'key' | 'lane' | 'kind' | 'expiresAt'>, why: string) {
    const reason = `expired: ${why}`;
    if (!repo.markExpired(row.key, reason, clock.now())) return false;
    metrics.outboxExpired(row.lane);
    log.info('outbox: dropped a message that would arrive too late', {
      key: row.key,
      lane: row.lane,
      kind: row.kind,
      expiresAt: row.expiresAt?.toISOString(),
      reason,
    });
    settled(row.key);
    return true;
  }

  function retryAt(row: OutboxRecord, at: number, error: string, uncertain: boolean, refundAttempt: boolean) {
    repo.reschedule(row.key, { notBefore: new Date(at), error, uncertain, refundAttempt }, clock.now());
  }

  /** Sends one claimed row; Slack failures are recorded, a failed write after the call throws. */
  async function runDelivery(lane: Lane, row: OutboxRecord, target: ResolvedTarget) {
    let result: { channel: string | null; ts: string | null };
    let how = 'sent';
    try {
      const known = row.uncertain
        ? await reconcileRow(lane.client, row, target, afterCrash)
        : ({ outcome: 'absent' } as const);
      if (known.outcome === 'found') {
        result = { channel: known.channel, ts: known.ts };
        how = 'found already posted (not sent again)';
      } else if (known.outcome === 'unknowable') {
        return markFailed(row, `interrupted while sending; ${known.reason}`);
      } else {
        result = await deliverRow(lane.client, row, target, { repo, now: () => clock.now() });
      }
    } catch (error) {
      return handleFailure(lane, row, target, error);
    }
    markSent(row, result, how);
  }

  function handleFailure(lane: Lane, row: OutboxRecord, target: ResolvedTarget, error: unknown) {
    const method = error instanceof SlackCallError ? error.method : 'deliver';
    const failure = classifySlackError(error instanceof SlackCallError ? error.error : error);
    const now = clock.now().getTime();
    const attempts = row.attempts + 1;
    const reason = `${method}: ${failure.reason}`;
    // a failed lookup leaves the question open; a failed post after a lookup (or with none due)
    // is uncertain only if Slack may have processed it
    const uncertain = lookupMethods.has(method)
      ? row.uncertain
      : failure.type === 'transient' && failure.ambiguous && method === 'chat.postMessage';
    if (failure.type === 'rate_limited') {
      const until = now + failure.retryAfterMs;
      // a DM whose conversation was opened by this very call is limited in that conversation
      const opened = target.channel === null && row.kind === 'dm' ? repo.get(row.key)?.channel : null;
      const key = channelMethods.has(method) ? (opened ?? target.paceKey) : null;
      const scope = lane.pacer.rateLimit({ key, method }, until);
      log.warn('outbox: rate limited', {
        key: row.key,
        lane: lane.name,
        method,
        scope,
        ms: failure.retryAfterMs,
      });
      return retryAt(row, until, reason, uncertain, true);
    }
    if (failure.type === 'permanent') return markFailed(row, reason);
    if (row.kind === 'ephemeral' && failure.ambiguous)
      return markFailed(row, `${reason}; not retried: ephemeral messages are sent at most once`);
    if (attempts >= maxAttempts) return markFailed(row, `${reason} (gave up after ${attempts} attempts)`);
    const delay = Math.max(backoffDelay(attempts, random, backoff), failure.retryAfterMs ?? 0);
    log.info('outbox: will retry', { key: row.key, lane: lane.name, reason, attempts, delayMs: delay });
    retryAt(row, now + delay, reason, uncertain, false);
  }

  function launch(lane: Lane, row: OutboxRecord, target: ResolvedTarget) {
    const now = clock.now();
    if (!repo.claim(row.key, now)) return;
    lane.busy.set(target.paceKey, row.key);
    lane.pacer.reserve(target.paceKey, now.getTime());
    const task: Promise<void> = runDelivery(lane, row, target)
      .catch((error: unknown) =>
        log.error(
          'outbox: could not record the outcome of a Slack call; the row stays in sending until recover()',
          {
            key: row.key,
            error,
          },
        ),
      )
      .finally(() => {
        lane.busy.delete(target.paceKey);
        tasks.delete(task);
        wakeAll();
      });
    tasks.add(task);
  }

  /** Starts every row of the lane that may go now; returns when to look again (null: on a wake). */
  function launchDue(lane: Lane): number | null {
    const now = clock.now();
    const t = now.getTime();
    let wakeAt = repo.nextNotBefore(lane.name, now)?.getTime() ?? null;
    const consider = (at: number) => {
      wakeAt = wakeAt === null ? at : Math.min(wakeAt, at);
    };
    const seen = new Set<string>();
    for (const row of repo.listDue(lane.name, now, batchSize)) {
      if (row.expiresAt && row.expiresAt.getTime() <= t) {
        markExpired(row, `not sent by ${row.expiresAt.toISOString()}`);
        continue;
      }
      const target = resolveTarget(row, repo);
      if (target.state === 'waiting') continue;
      if (target.state === 'expired') {
        markExpired(row, target.reason);
        continue;
      }
      if (target.state === 'failed') {
        markFailed(row, target.reason);
        continue;
      }
      if (seen.has(target.paceKey)) continue; // one row per conversation at a time, oldest first
      seen.add(target.paceKey);
      if (lane.busy.has(target.paceKey)) continue;
      const readyAt = Math.max(
        lane.pacer.readyAt(target.paceKey),
        lane.pacer.methodsReadyAt(methodsFor(row, target)),
      );
      if (readyAt > t) consider(readyAt);
      else launch(lane, row, target);
    }
    return wakeAt;
  }

  async function runLane(lane: Lane, stop: AbortSignal) {
    while (!stop.aborted) {
      let wakeAt: number | null;
      try {
        wakeAt = launchDue(lane);
      } catch (error) {
        log.error('outbox: worker error; trying again in 1s', { lane: lane.name, error });
        wakeAt = clock.now().getTime() + 1000;
      }
      checkDrained();
      if (stop.aborted) break;
      await waitForWork(lane, wakeAt, stop);
    }
  }

  async function waitForWork(lane: Lane, wakeAt: number | null, stop: AbortSignal) {
    const ctrl = new AbortController();
    const onStop = () => ctrl.abort();
    stop.addEventListener('abort', onStop, { once: true });
    const waits = [lane.wake.wait(ctrl.signal)];
    if (wakeAt !== null) waits.push(sleep(Math.max(1, wakeAt - clock.now().getTime()), ctrl.signal));
    await Promise.race(waits);
    ctrl.abort();
    stop.removeEventListener('abort', onStop);
  }

  function checkDrained() {
    if (drainWaiters.size === 0 || tasks.size > 0) return;
    for (const waiter of drainWaiters) {
      if (laneNames.every((lane) => repo.countPending(lane, waiter.until) === 0)) {
        drainWaiters.delete(waiter);
        waiter.resolve(false);
      }
    }
  }

  function startLoops() {
    if (running) return;
    running = true;
    runCtrl = new AbortController();
    for (const name of laneNames) lanes[name].loop = runLane(lanes[name], runCtrl.signal);
  }

  async function stopLoops() {
    if (!running) return;
    running = false;
    runCtrl.abort();
    await Promise.all(laneNames.map((name) => lanes[name].loop));
  }

  async function drain(opts: DrainOptions = {}) {
    drainsRunning++;
    startLoops();
    const ctrl = new AbortController();
    let waiter = { until: opts.until ?? null, resolve: (_cutShort: boolean) => {} };
    const done = new Promise<boolean>((resolve) => {
      waiter = { ...waiter, resolve };
    });
    drainWaiters.add(waiter);
    checkDrained();
    const waits = [done];
    if (opts.timeoutMs !== undefined) waits.push(sleep(opts.timeoutMs, ctrl.signal).then(() => true));
    const timedOut = await Promise.race(waits);
    ctrl.abort();
    drainWaiters.delete(waiter);
    drainsRunning--;
    if (!started && drainsRunning === 0) await stopLoops();
    return { timedOut, counts: repo.counts() };
  }

  async function recoverRow(row: OutboxRecord, result: RecoverResult) {
    const now = clock.now();
    try {
      const known = await reconcileRow(lanes[row.lane].client, row, resolveTarget(row, repo), afterCrash);
      if (known.outcome === 'found') {
        markSent(row, { channel: known.channel, ts: known.ts }, 'recovered: found already posted');
        result.found.push(row.key);
      } else if (known.outcome === 'unknowable') {
        markFailed(row, `interrupted while sending; ${known.reason}, so not sent again`);
        result.failed.push(row.key);
      } else {
        const why = known.outcome === 'absent' ? 'Slack does not have it' : 'it cannot be looked up';
        retryAt(row, now.getTime(), `interrupted while sending; ${why}: sending again`, false, false);
        result.requeued.push(row.key);
      }
    } catch (error) {
      const failure = classifySlackError(error instanceof SlackCallError ? error.error : error);
      const delay = failure.type === 'rate_limited' ? failure.retryAfterMs : backoffDelay(1, random, backoff);
      const reason = `interrupted while sending; could not check Slack yet (${failure.reason})`;
      retryAt(row, now.getTime() + delay, reason, true, false);
      result.deferred.push(row.key);
    }
  }

  async function recover(): Promise<RecoverResult> {
    const result: RecoverResult = { found: [], requeued: [], failed: [], deferred: [] };
    const inFlight = new Set(laneNames.flatMap((name) => [...lanes[name].busy.values()]));
    for (const row of repo.listSending()) {
      if (!inFlight.has(row.key)) await recoverRow(row, result);
    }
    const counts = Object.fromEntries(Object.entries(result).map(([k, v]) => [k, v.length]));
    if (Object.values(counts).some((n) => n > 0)) log.info('outbox: reconciled interrupted sends', counts);
    wakeAll();
    return result;
  }

  function enqueue(msg: Parameters<Outbox['enqueue']>[0]) {
    const now = clock.now();
    const record = buildOutboxRecord(msg, now);
    const existing = repo.get(record.key);
    if (existing) return { created: false, delivery: toDeliveryRef(existing)! };
    checkDependency(record);
    const { record: stored, created } = repo.insert(record, now);
    if (created && record.expiresAt && record.notBefore >= record.expiresAt) {
      markExpired(
        stored,
        `it could go at ${record.notBefore.toISOString()} at the earliest, not before ${record.expiresAt.toISOString()}`,
      );
      return { created, delivery: getDelivery(stored.key)! };
    }
    if (created) lanes[stored.lane].wake.fire();
    return { created, delivery: toDeliveryRef(stored)! };
  }

  function checkDependency(record: ReturnType<typeof buildOutboxRecord>) {
    const dependency = record.threadOf ?? record.targetKey;
    if (!dependency) return;
    const field = record.threadOf ? 'threadOf' : 'target.key';
    const fail = (what: string) => {
      throw new OutboxInputError(`outbox message "${record.key}": ${field} "${dependency}" ${what}`);
    };
    const parent = repo.get(dependency);
    if (!parent) return fail('is not in the outbox; enqueue that message first');
    if (parent.kind !== 'post' && parent.kind !== 'dm')
      fail(`is a ${parent.kind}; only posts and DMs can be replied to or updated`);
    if (record.kind === 'dm' && (parent.kind !== 'dm' || parent.userId !== record.userId))
      fail('is not a DM to the same user; a DM can only reply in a thread of a DM to that user');
    if (
      record.kind === 'post' &&
      record.channel &&
      parent.kind === 'post' &&
      parent.channel !== record.channel
    )
      fail(
        `is in channel ${parent.channel}, not ${record.channel}; leave channel out to reply where the parent is`,
      );
  }

  async function waitFor(key: string, timeoutMs: number): Promise<DeliveryRef | null> {
    const row = getDelivery(key);
    if (!row || row.status === 'sent' || row.status === 'failed' || row.status === 'expired') return row;
    const ctrl = new AbortController();
    const settledNow = new Promise<void>((resolve) => {
      const waiters = settleWaiters.get(key) ?? new Set();
      waiters.add(resolve);
      settleWaiters.set(key, waiters);
      ctrl.signal.addEventListener('abort', () => waiters.delete(resolve), { once: true });
    });
    await Promise.race([settledNow, sleep(timeoutMs, ctrl.signal)]);
    ctrl.abort();
    return getDelivery(key);
  }

  function withdraw(keyPrefix: string, reason: string): number {
    if (keyPrefix.trim() === '') throw new OutboxInputError('withdraw needs a non-empty key prefix');
    let dropped = 0;
    for (const row of repo.listPendingByPrefix(keyPrefix)) {
      if (markExpired(row, reason)) dropped++;
    }
    return dropped;
  }

  function stats(): OutboxStats {
    const counts = repo.counts();
    const now = clock.now().getTime();
    const lane = (name: ChatLane) => {
      const paused = Object.entries(lanes[name].pacer.pausedMethods(now));
      return {
        ...counts[name],
        inFlight: lanes[name].busy.size,
        pausedMethods: Object.fromEntries(paused.map(([method, at]) => [method, new Date(at)])),
        rateLimited: lanes[name].pacer.rateLimitedKeys(now),
      };
    };
    return {
      running,
      inFlight: tasks.size,
      lanes: { interactive: lane('interactive'), scheduled: lane('scheduled') },
    };
  }

  return {
    enqueue,
    getDelivery,
    waitFor,
    withdraw,
    drain,
    recover,
    stats,
    start: async () => {
      if (started) return { found: [], requeued: [], failed: [], deferred: [] };
      started = true;
      const result = await recover();
      startLoops();
      return result;
    },
    stop: async ({ drainMs = 0 } = {}) => {
      if (running && drainMs > 0) await drain({ timeoutMs: drainMs });
      started = false;
      for (const waiter of drainWaiters) waiter.resolve(true);
      drainWaiters.clear();
      // whoever waits for a message hears its state now rather than keeping the process up
      for (const key of [...settleWaiters.keys()]) settled(key);
      await stopLoops();
      await Promise.allSettled([...tasks]);
    },
  };
}

function makeLane(name: ChatLane, client: WebClient, intervalMs: number): Lane {
  if (!client)
    throw new OutboxInputError(`createOutbox: clients.${name} is missing; give one WebClient per lane`);
  return {
    name,
    client,
    pacer: createLanePacer(intervalMs),
    busy: new Map(),
    wake: createWake(),
    loop: null,
  };
}

/** A bounded label for a failure reason (see `failureCause`), for metrics and notices. */
export function failureLabel(reason: string): string {
  return failureCause(reason);
}

function toDeliveryRef(row: OutboxRecord | null): DeliveryRef | null {
  if (!row) return null;
  return {
    key: row.key,
    status: row.status,
    channel: row.resultChannel ?? row.channel,
    ts: row.resultTs,
    error: row.lastError,
    attempts: row.attempts,
  };
}
