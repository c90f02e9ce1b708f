import type { CustomRoute } from '@slack/bolt';
import type { Db } from '../db/open.ts';
import type { Store } from '../ports/store.ts';
import type { SlackApp } from '../slack/app.ts';
import type { Outbox } from '../slack/outbox/types.ts';
import { type HealthEndpoints, handleHealthRequest, healthPaths, withStatus } from '../system/health.ts';
import { createMetrics, type PrometheusMetrics } from '../system/metrics.ts';
import type { DeliveryHealthWatch } from './delivery-health.ts';

export interface HealthSources {
  db: Db;
  outbox: Outbox;
  /** The Slack app, once built (it serves these endpoints itself in HTTP mode). */
  slack: () => SlackApp | null;
  slackDetail: string;
  /** While start-up is still connecting (or gave up): why the Slack check fails. */
  slackProblem?: () => string | null;
  metrics: PrometheusMetrics;
  /** The token and delivery checks (see delivery-health.ts). */
  delivery?: Pick<DeliveryHealthWatch, 'checks'>;
}

/** The bot's Prometheus registry, reading the outbox, the connection and the last GitHub sync. */
export function botMetrics(sources: {
  outbox: () => Outbox;
  slack: () => SlackApp | null;
  store: Store;
  delivery?: Pick<DeliveryHealthWatch, 'oldestPendingSeconds' | 'recentPermanentFailures' | 'slackAuth'>;
}): PrometheusMetrics {
  const { delivery } = sources;
  return createMetrics({
    outbox: () => safely(() => sources.outbox().stats().lanes) || null,
    slackConnected: () => sources.slack()?.isConnected() ?? false,
    githubPointsRemaining: () => githubPointsRemaining(sources.store),
    ...(delivery
      ? {
          oldestPendingSeconds: () => safely(() => delivery.oldestPendingSeconds()) || null,
          recentPermanentFailures: () => safely(() => delivery.recentPermanentFailures()) || 0,
          slackAuth: () => delivery.slackAuth(),
        }
      : {}),
  });
}

/** Points GitHub reported left after the last sync run, from its stored summary. */
function githubPointsRemaining(store: Store): number | null {
  const summary = store.githubSync.lastRun()?.summary as { remaining?: unknown } | null | undefined;
  return typeof summary?.remaining === 'number' ? summary.remaining : null;
}

/** The probes (database, Slack connection, outbox; see system/health.ts) and `/metrics`. */
export function healthEndpoints(sources: HealthSources): HealthEndpoints {
  const { db, outbox } = sources;
  return {
    health: () => {
      const dbOk = safely(() => db.prepare('SELECT 1 AS ok').get() !== undefined);
      const connected = sources.slack()?.isConnected() ?? false;
      const stats = safely(() => outbox.stats());
      const delivery = sources.delivery ? safely(() => sources.delivery!.checks()) : null;
      return withStatus({
        database: { ok: dbOk === true },
        slack: { ok: connected, detail: (!connected && sources.slackProblem?.()) || sources.slackDetail },
        outbox: { ok: stats !== false, detail: JSON.stringify(stats) },
        ...(delivery === false
          ? { delivery: { ok: false, detail: 'the delivery checks failed; see the log' } }
          : (delivery ?? {})),
      });
    },
    metrics: () => sources.metrics.render(),
  };
}

/** Messages still to send, for the shutdown log line. */
export function outboxOpen(outbox: Outbox): { pending: number; sending: number } {
  const stats = safely(() => outbox.stats());
  if (!stats) return { pending: 0, sending: 0 };
  const { interactive, scheduled } = stats.lanes;
  return {
    pending: interactive.pending + scheduled.pending,
    sending: interactive.sending + scheduled.sending,
  };
}

function safely<T>(fn: () => T): T | false {
  try {
    return fn();
  } catch {
    return false;
  }
}

/** `/healthz` and `/metrics` as routes of the Bolt app's HTTP receiver. */
export function healthRoutes(health: HealthEndpoints): CustomRoute[] {
  const handler = (
    req: Parameters<typeof handleHealthRequest>[1],
    res: Parameters<typeof handleHealthRequest>[2],
  ) => {
    handleHealthRequest(health, req, res);
  };
  return healthPaths.map((path) => ({ path, method: ['GET'], handler }));
}
