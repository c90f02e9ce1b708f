import type { CustomRoute } from '@slack/bolt';
import type { Db } from '../db/open.ts';
import type { SlackApp } from '../slack/app.ts';
import type { Outbox } from '../slack/outbox/types.ts';
import { type HealthEndpoints, handleHealthRequest } from '../system/health.ts';
import { createMetrics } from '../system/metrics.ts';

export interface HealthSources {
  db: Db;
  outbox: Outbox;
  /** The Slack app, once built (it serves these endpoints itself in HTTP mode). */
  slack: () => SlackApp | null;
  slackDetail: string;
}

/** `/healthz` (database, Slack connection, outbox) and `/metrics` (outbox messages, connection). */
export function healthEndpoints(sources: HealthSources): HealthEndpoints {
  const { db, outbox } = sources;
  const metrics = createMetrics({
    drumbeat_outbox_messages: { type: 'gauge', help: 'Outbox messages by status.' },
    drumbeat_slack_connected: { type: 'gauge', help: '1 when the Slack connection is up.' },
  });
  return {
    health: () => {
      const dbOk = safely(() => db.prepare('SELECT 1 AS ok').get() !== undefined);
      const connected = sources.slack()?.isConnected() ?? false;
      const stats = safely(() => outbox.stats());
      return {
        ok: dbOk === true && connected,
        checks: {
          database: { ok: dbOk === true },
          slack: { ok: connected, detail: sources.slackDetail },
          outbox: { ok: stats !== false, detail: JSON.stringify(stats) },
        },
      };
    },
    metrics: () => {
      const stats = safely(() => outbox.stats());
      for (const [lane, counts] of Object.entries(stats ? stats.lanes : {})) {
        for (const status of ['pending', 'sending', 'sent', 'failed'] as const) {
          metrics.set('drumbeat_outbox_messages', counts[status], { lane, status });
        }
      }
      metrics.set('drumbeat_slack_connected', sources.slack()?.isConnected() ? 1 : 0);
      return metrics.render();
    },
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
  return [
    { path: '/healthz', method: ['GET'], handler },
    { path: '/metrics', method: ['GET'], handler },
  ];
}
