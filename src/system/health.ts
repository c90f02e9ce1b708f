import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface HealthReport {
  ok: boolean;
  /**
   * `ok`; `degraded` when the bot runs but cannot deliver (Slack refuses its token, or messages
   * keep failing permanently); `failing` when the database or the Slack connection is down.
   */
  status?: 'ok' | 'degraded' | 'failing';
  checks: Record<string, { ok: boolean; detail?: string }>;
}

export interface HealthEndpoints {
  health: () => HealthReport;
  /** The Prometheus text exposition. */
  metrics: () => string | Promise<string>;
}

/**
 * Which checks each probe looks at. Liveness is the process and its database only: a Slack outage
 * must not restart the pod (the client reconnects by itself, and a new token needs a new secret,
 * not a restart). Readiness adds the Slack connection, whether Slack accepts the bot token and
 * whether messages keep failing. `/healthz` reports every check.
 */
const probes: Record<string, readonly string[] | 'all'> = {
  '/healthz': 'all',
  '/livez': ['database'],
  '/readyz': ['database', 'slack', 'slackToken', 'delivery'],
};

/** Checks whose failure means "degraded" (the bot runs but cannot deliver) rather than down. */
const deliveryChecks = new Set(['slackToken', 'delivery']);

export const healthPaths = [...Object.keys(probes), '/metrics'];

/** The report narrowed to a probe's checks: ok when each of them is. */
export function probeReport(report: HealthReport, path: string): HealthReport {
  const wanted = probes[path] ?? 'all';
  if (wanted === 'all') return withStatus(report.checks);
  const present = wanted.filter((name) => name in report.checks || !deliveryChecks.has(name));
  const checks = Object.fromEntries(present.map((name) => [name, report.checks[name] ?? { ok: false }]));
  return withStatus(checks);
}

/** A report of `checks`: ok when each is; degraded when only delivery checks fail. */
export function withStatus(checks: HealthReport['checks']): HealthReport {
  const failed = Object.entries(checks).filter(([, c]) => !c.ok);
  const status =
    failed.length === 0 ? 'ok' : failed.every(([name]) => deliveryChecks.has(name)) ? 'degraded' : 'failing';
  return { ok: failed.length === 0, status, checks };
}

/**
 * Answers `GET /healthz`, `/livez`, `/readyz` (200 or 503 with the checks as JSON) and
 * `GET /metrics`; false for other paths.
 */
export function handleHealthRequest(
  endpoints: HealthEndpoints,
  req: IncomingMessage,
  res: ServerResponse,
): boolean {
  const path = new URL(req.url ?? '/', 'http://localhost').pathname;
  if (req.method !== 'GET' || !healthPaths.includes(path)) return false;
  if (path === '/metrics') {
    Promise.resolve()
      .then(() => endpoints.metrics())
      .then(
        (text) => res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' }).end(text),
        (error: unknown) => res.writeHead(500, { 'content-type': 'text/plain' }).end(`${String(error)}\n`),
      );
    return true;
  }
  const report = probeReport(endpoints.health(), path);
  res.writeHead(report.ok ? 200 : 503, { 'content-type': 'application/json' }).end(JSON.stringify(report));
  return true;
}

/**
 * A separate listener for the probes and `/metrics` (Socket Mode has no HTTP server of its own),
 * plus any `extra` handler (e.g. the release page) that answers the paths it knows.
 */
export async function startHealthServer(
  endpoints: HealthEndpoints,
  port: number,
  host: string,
  extra: ((req: IncomingMessage, res: ServerResponse) => boolean) | null = null,
): Promise<{ server: Server; port: number }> {
  const server = createServer((req, res) => {
    if (handleHealthRequest(endpoints, req, res)) return;
    if (!extra?.(req, res)) res.writeHead(404).end();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  return { server, port: (server.address() as AddressInfo).port };
}
