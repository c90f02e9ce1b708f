import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface HealthReport {
  ok: boolean;
  checks: Record<string, { ok: boolean; detail?: string }>;
}

export interface HealthEndpoints {
  health: () => HealthReport;
  metrics: () => string;
}

/** Answers `GET /healthz` (200 or 503 with the checks as JSON) and `GET /metrics`; false for other paths. */
export function handleHealthRequest(
  endpoints: HealthEndpoints,
  req: IncomingMessage,
  res: ServerResponse,
): boolean {
  const path = new URL(req.url ?? '/', 'http://localhost').pathname;
  if (req.method !== 'GET' || (path !== '/healthz' && path !== '/metrics')) return false;
  if (path === '/metrics') {
    res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' }).end(endpoints.metrics());
    return true;
  }
  const report = endpoints.health();
  res.writeHead(report.ok ? 200 : 503, { 'content-type': 'application/json' }).end(JSON.stringify(report));
  return true;
}

/** A separate listener for `/healthz` and `/metrics` (Socket Mode has no HTTP server of its own). */
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
