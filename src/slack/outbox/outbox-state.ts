import type { WebClient } from '@slack/web-api';
import type { Db } from '../../db/open.ts';
import { createOutboxRepo, type OutboxRecord, type OutboxRepo } from '../../db/repos/outbox-repo.ts';
import type { ChatLane, DeliveryRef } from '../../ports/chat.ts';
import type { Clock } from '../../ports/clock.ts';
import type { Logger } from '../../ports/logger.ts';
import { type BotMetrics, noMetrics } from '../../ports/metrics.ts';
import type { Sleep } from '../../ports/sleep.ts';
import { sleep as realSleep } from '../../system/sleep.ts';
import type { AckGate } from '../ack-gate.ts';
import { type BackoffOptions, defaultBackoff } from './backoff-delay.ts';
import { OutboxInputError } from './build-outbox-record.ts';
import { createLanePacer, type LanePacer } from './create-lane-pacer.ts';
import { createWake, type Wake } from './create-wake.ts';
import { type AfterCrash, withHistory } from './reconcile-row.ts';

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
  /** Acks first: each worker pass waits until no inbound request waits for its ack. */
  ackGate?: Pick<AckGate, 'quiet'>;
}

export const laneNames: ChatLane[] = ['interactive', 'scheduled'];

/** One lane's worker: its client, its pacing and the calls it has in flight. */
export interface Lane {
  name: ChatLane;
  client: WebClient;
  pacer: LanePacer;
  /** pacing key → outbox key of the call in flight */
  busy: Map<string, string>;
  wake: Wake;
  loop: Promise<void> | null;
}

/** A drain in progress; `resolve(true)` when cut short by stop(). */
export interface DrainWaiter {
  until: Date | null;
  resolve: (cutShort: boolean) => void;
}

/** Everything the outbox's parts share: its settings, its lanes and what is running now. */
export interface OutboxState {
  repo: OutboxRepo;
  clock: Clock;
  sleep: Sleep;
  ackGate: Pick<AckGate, 'quiet'> | null;
  maxAttempts: number;
  random: () => number;
  backoff: BackoffOptions;
  log: Logger;
  metrics: Pick<BotMetrics, 'outboxDelivered' | 'outboxFailed' | 'outboxExpired'>;
  afterCrash: AfterCrash;
  onFailed: OutboxOptions['onFailed'];
  lanes: Record<ChatLane, Lane>;
  /** Deliveries in flight, over every lane. */
  tasks: Set<Promise<void>>;
  /** outbox key → whoever waits (`waitFor`) for that message to settle */
  settleWaiters: Map<string, Set<() => void>>;
  drainWaiters: Set<DrainWaiter>;
  /** The lane loops run. */
  running: boolean;
  /** start() was called (and stop() not yet): the workers outlive any drain. */
  started: boolean;
  drainsRunning: number;
  runCtrl: AbortController;
}

export function createOutboxState(options: OutboxOptions): OutboxState {
  const intervalMs = options.perChannelIntervalMs ?? 1000;
  return {
    repo: createOutboxRepo(options.db),
    clock: options.clock,
    sleep: options.sleep ?? realSleep,
    ackGate: options.ackGate ?? null,
    maxAttempts: options.maxAttempts ?? 8,
    random: options.random ?? Math.random,
    backoff: options.backoff ?? defaultBackoff,
    log: options.logger.child({ component: 'outbox' }),
    metrics: options.metrics ?? noMetrics,
    afterCrash: options.afterCrash ?? withHistory,
    onFailed: options.onFailed,
    lanes: {
      interactive: makeLane('interactive', options.clients.interactive, intervalMs),
      scheduled: makeLane('scheduled', options.clients.scheduled, intervalMs),
    },
    tasks: new Set(),
    settleWaiters: new Map(),
    drainWaiters: new Set(),
    running: false,
    started: false,
    drainsRunning: 0,
    runCtrl: new AbortController(),
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

export function wakeAll(state: OutboxState): void {
  for (const lane of laneNames) state.lanes[lane].wake.fire();
}

export function getDelivery(state: OutboxState, key: string): DeliveryRef | null {
  return toDeliveryRef(state.repo.get(key));
}

export function toDeliveryRef(row: OutboxRecord | null): DeliveryRef | null {
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
