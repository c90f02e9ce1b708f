import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface HealthReport {
  ok: boolean;
  checks: Record<string, { ok: boolean; detail?: string }>;
}

export interface HealthEndpoints {
  health: () => HealthReport;
  /** The Prometheus text exposition. */
  metrics: () => string | Promise<string>;
}

/**
 * Which checks each probe looks at. Liveness is the process and its database only: a Slack outage
 * must not restart the pod (the client reconnects by itself). Readiness adds the Slack connection.
 * `/healthz` reports every check.
 */
const probes: Record<string, readonly string[] | 'all'> = {
  '/healthz': 'all',
  '/livez': ['database'],
  '/readyz': ['database', 'slack'],
};

export const healthPaths = [...Object.keys(probes), '/metrics'];

/** The report narrowed to a probe's checks: ok when each of them is. */
export function probeReport(report: HealthReport, path: string): HealthReport {
  const wanted = probes[path] ?? 'all';
  if (wanted === 'all') return report;
  const checks = Object.fromEntries(wanted.map((name) => [name, report.checks[name] ?? { ok: false }]));
  return { ok: Object.values(checks).every((c) => c.ok), checks };
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

/** A separate listener for the probes and `/metrics` (Socket Mode has no HTTP server of its own). */
export async function startHealthServer(
  endpoints: HealthEndpoints,
  port: number,
  host: string,
): Promise<{ server: Server; port: number }> {
  const server = createServer((req, res) => {
    if (!handleHealthRequest(endpoints, req, res)) res.writeHead(404).end();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  return { server, port: (server.address() as AddressInfo).port };
}
