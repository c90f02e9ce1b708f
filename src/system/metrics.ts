import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { BotMetrics } from '../ports/metrics.ts';

const outboxStatuses = ['pending', 'sending', 'sent', 'failed', 'expired'] as const;
type OutboxCounts = Record<(typeof outboxStatuses)[number], number>;

/** What the registry reads at each scrape rather than counting as it happens. */
export interface MetricsSources {
  /** Outbox rows by lane and status. */
  outbox: () => Record<string, OutboxCounts> | null;
  slackConnected: () => boolean;
  /** Rate-limit points GitHub reported left after the last sync, or null (no sync yet, no token). */
  githubPointsRemaining: () => number | null;
  /** How long the longest-waiting message has been due, in seconds; null when none waits. */
  oldestPendingSeconds?: () => number | null;
  /** Messages given up on within the health check's window. */
  recentPermanentFailures?: () => number;
  /** The last `auth.test` of the bot token, or null before the first. */
  slackAuth?: () => SlackAuthResult | null;
}

/** What Slack answered to the last `auth.test`: `error` is Slack's code when not ok. */
export interface SlackAuthResult {
  ok: boolean;
  error: string | null;
  at: Date;
}

export interface PrometheusMetrics extends BotMetrics {
  /** The text exposition format for `GET /metrics`. */
  render(): Promise<string>;
  contentType: string;
}

const ackBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5];
const delayBuckets = [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 300, 900, 3600];
const passBuckets = [0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

/**
 * The bot's Prometheus registry: Node's and the process's default metrics plus the bot's own. One
 * registry per running bot (not prom-client's global one), so several bots in one process (tests)
 * do not mix.
 */
export function createMetrics(sources: MetricsSources): PrometheusMetrics {
  const registers = [new Registry()];
  const [registry] = registers as [Registry];
  collectDefaultMetrics({ register: registry });
  const ack = new Histogram({
    name: 'drumbeat_slack_ack_seconds',
    help: 'Time from receiving a Slack request to acknowledging it, by surface.',
    labelNames: ['surface'],
    buckets: ackBuckets,
    registers,
  });
  const delivered = new Histogram({
    name: 'drumbeat_outbox_delivery_delay_seconds',
    help: 'Time from enqueueing a message to Slack accepting it, by lane.',
    labelNames: ['lane'],
    buckets: delayBuckets,
    registers,
  });
  const failed = new Counter({
    name: 'drumbeat_outbox_permanent_failures_total',
    help: 'Messages given up on, by lane and error.',
    labelNames: ['lane', 'error'],
    registers,
  });
  const expired = new Counter({
    name: 'drumbeat_outbox_expired_total',
    help: 'Messages dropped unsent because they could only have arrived too late (after a round, vote or milestone), by lane.',
    labelNames: ['lane'],
    registers,
  });
  const pass = new Histogram({
    name: 'drumbeat_scheduler_pass_seconds',
    help: 'Duration of one scheduler pass.',
    buckets: passBuckets,
    registers,
  });
  const lag = new Histogram({
    name: 'drumbeat_scheduler_lag_seconds',
    help: 'How late a scheduler pass started after it was due.',
    buckets: passBuckets,
    registers,
  });
  registerScrapedGauges(registers, sources);
  registerDeliveryGauges(registers, sources);
  const referenceReload = referenceReloadMetrics(registers);
  return {
    ackLatency: (surface, seconds) => ack.observe({ surface }, seconds),
    outboxDelivered: (lane, seconds) => delivered.observe({ lane }, Math.max(0, seconds)),
    outboxFailed: (lane, error) => failed.inc({ lane, error }),
    outboxExpired: (lane) => expired.inc({ lane }),
    schedulerPass: (seconds, lagSeconds) => {
      pass.observe(seconds);
      lag.observe(Math.max(0, lagSeconds));
    },
    referenceReload,
    render: () => registry.metrics(),
    contentType: registry.contentType,
  };
}

/** Reloads of the reference data: applied and rejected ones, and when the last one was applied. */
function referenceReloadMetrics(registers: Registry[]): BotMetrics['referenceReload'] {
  const reloads = new Counter({
    name: 'drumbeat_reference_reload_total',
    help: 'Reloads of the config, its imports and the KEP checkout after they changed on disk, by result (applied, or rejected and the data before kept).',
    labelNames: ['result'],
    registers,
  });
  for (const result of ['applied', 'rejected']) reloads.inc({ result }, 0);
  const lastApplied = new Gauge({
    name: 'drumbeat_reference_reload_last_success_timestamp_seconds',
    help: 'When a reload of the reference data was last applied, as a Unix time (0 before the first).',
    registers,
  });
  return (result, at) => {
    reloads.inc({ result });
    if (result === 'applied') lastApplied.set(at.getTime() / 1000);
  };
}

function registerScrapedGauges(registers: Registry[], sources: MetricsSources): void {
  new Gauge({
    name: 'drumbeat_outbox_messages',
    help: 'Outbox messages by lane and status (pending: waiting to be sent).',
    labelNames: ['lane', 'status'],
    registers,
    collect() {
      this.reset();
      for (const [lane, counts] of Object.entries(sources.outbox() ?? {}))
        for (const status of outboxStatuses) this.set({ lane, status }, counts[status]);
    },
  });
  new Gauge({
    name: 'drumbeat_slack_connected',
    help: '1 when the Slack connection is up.',
    registers,
    collect() {
      this.set(sources.slackConnected() ? 1 : 0);
    },
  });
  new Gauge({
    name: 'drumbeat_github_points_remaining',
    help: 'GitHub rate-limit points left after the last sync, by API (absent before a sync).',
    labelNames: ['api'],
    registers,
    collect() {
      const points = sources.githubPointsRemaining();
      this.reset();
      if (points !== null) this.set({ api: 'graphql' }, points);
    },
  });
}

function registerDeliveryGauges(registers: Registry[], sources: MetricsSources): void {
  new Gauge({
    name: 'drumbeat_outbox_oldest_pending_seconds',
    help: 'How long the longest-waiting message has been due (0 when none waits).',
    registers,
    collect() {
      this.set(sources.oldestPendingSeconds?.() ?? 0);
    },
  });
  new Gauge({
    name: 'drumbeat_outbox_recent_permanent_failures',
    help: 'Messages given up on within the health check window (see /healthz).',
    registers,
    collect() {
      this.set(sources.recentPermanentFailures?.() ?? 0);
    },
  });
  new Gauge({
    name: 'drumbeat_slack_auth_ok',
    help: "1 when the last auth.test accepted the bot token, 0 when not; `error` is Slack's code (absent before the first check).",
    labelNames: ['error'],
    registers,
    collect() {
      const auth = sources.slackAuth?.() ?? null;
      this.reset();
      if (auth) this.set({ error: auth.error ?? '' }, auth.ok ? 1 : 0);
    },
  });
  new Gauge({
    name: 'drumbeat_slack_auth_checked_timestamp_seconds',
    help: 'When the last auth.test answered, as a Unix time (absent before the first check).',
    registers,
    collect() {
      const auth = sources.slackAuth?.() ?? null;
      this.reset();
      if (auth) this.set(auth.at.getTime() / 1000);
    },
  });
}
