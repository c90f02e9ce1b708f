/**
 * Operations through the front door: `/healthz` and `/metrics` on the HTTP receiver's port and on
 * HEALTH_PORT in Socket Mode, with the Slack connection going down.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { type SandboxBot, startSandboxBot } from '../../src/sandbox/start-sandbox-bot.ts';
import { systemClock } from '../../src/system/system-clock.ts';
import { statusPosts, tick } from './harness.ts';

interface HealthBody {
  ok: boolean;
  status?: string;
  checks: Record<string, { ok: boolean; detail?: string }>;
}

async function get(port: number, path: string) {
  const response = await fetch(`http://127.0.0.1:${port}${path}`);
  return { status: response.status, type: response.headers.get('content-type'), text: await response.text() };
}

async function health(port: number, path = '/healthz'): Promise<{ status: number; body: HealthBody }> {
  const answer = await get(port, path);
  expect(answer.type).toBe('application/json');
  return { status: answer.status, body: JSON.parse(answer.text) as HealthBody };
}

/**
 * Prometheus text format 0.0.4: comments, or `name{label="value",…} number` (prom-client writes a
 * value with no samples yet, such as the event-loop lag before its first measurement, as `Nan`).
 */
const sampleLine =
  /^[a-zA-Z_:][a-zA-Z0-9_:]*(\{[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\n]|\\.)*"(,[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\n]|\\.)*")*\})? (-?[0-9.]+(e[+-]?[0-9]+)?|NaN|Nan|[+-]Inf)$/;
const commentLine = /^# (HELP|TYPE) [a-zA-Z_:][a-zA-Z0-9_:]* .+$/;

function parseMetrics(text: string): Map<string, number> {
  expect(text.endsWith('\n')).toBe(true);
  const samples = new Map<string, number>();
  for (const line of text.trimEnd().split('\n')) {
    if (line === '') continue; // the format allows blank lines between families
    if (line.startsWith('#')) {
      expect(line).toMatch(commentLine);
      continue;
    }
    expect(line).toMatch(sampleLine);
    const at = line.lastIndexOf(' ');
    samples.set(line.slice(0, at), Number(line.slice(at + 1)));
  }
  return samples;
}

let sandbox: SandboxBot | null = null;
afterEach(async () => {
  await sandbox?.close();
  sandbox = null;
});

describe('HTTP mode: /healthz and /metrics on the receiver port', () => {
  it('reports the database and the receiver up, and outbox counts in Prometheus text', async () => {
    sandbox = await startSandboxBot({ mode: 'http', clock: systemClock });
    const { ws, driver, bot } = sandbox;
    const port = bot.port!;

    const up = await health(port);
    expect(up.status).toBe(200);
    expect(up.body.ok).toBe(true);
    expect(up.body.checks.database).toEqual({ ok: true });
    expect(up.body.checks.slack).toEqual({ ok: true, detail: 'http' });
    expect(up.body.checks.outbox!.ok).toBe(true);

    await driver.command('alice-facilitator', '#sig-node', '/kep-status', '5573 on-track');
    await ws.waitFor(() => statusPosts(ws, '#sig-node').length === 1);
    await ws.waitFor(() => bot.outbox.stats().lanes.interactive.sent >= 1);

    const metrics = await get(port, '/metrics');
    expect(metrics.status).toBe(200);
    expect(metrics.type).toBe('text/plain; version=0.0.4');
    expect(metrics.text).toContain('# TYPE drumbeat_outbox_messages gauge');
    const samples = parseMetrics(metrics.text);
    expect(samples.get('drumbeat_slack_connected')).toBe(1);
    expect(samples.get('drumbeat_outbox_messages{lane="interactive",status="sent"}')).toBeGreaterThanOrEqual(
      1,
    );
    expect(samples.get('drumbeat_outbox_messages{lane="interactive",status="failed"}')).toBe(0);
    expect(samples.has('drumbeat_outbox_messages{lane="scheduled",status="pending"}')).toBe(true);
    // the request just made: its ack timed, its post's delay since enqueueing recorded
    expect(samples.get('drumbeat_slack_ack_seconds_count{surface="command"}')).toBeGreaterThanOrEqual(1);
    expect(
      samples.get('drumbeat_slack_ack_seconds_bucket{le="+Inf",surface="command"}'),
    ).toBeGreaterThanOrEqual(1);
    expect(
      samples.get('drumbeat_outbox_delivery_delay_seconds_count{lane="interactive"}'),
    ).toBeGreaterThanOrEqual(1);
    expect(samples.get('process_resident_memory_bytes')).toBeGreaterThan(0);
    expect(metrics.text).toContain('# TYPE drumbeat_scheduler_pass_seconds histogram');
    expect(metrics.text).toContain('# TYPE drumbeat_outbox_permanent_failures_total counter');
  });

  it('answers only GET on the probes and /metrics; other paths are not served', async () => {
    sandbox = await startSandboxBot({ mode: 'http', clock: systemClock });
    const port = sandbox.bot.port!;
    expect((await health(port, '/livez')).body).toEqual({
      ok: true,
      status: 'ok',
      checks: { database: { ok: true } },
    });
    expect((await health(port, '/readyz')).status).toBe(200);
    expect((await get(port, '/nothing-here')).status).toBe(404);
    const posted = await fetch(`http://127.0.0.1:${port}/healthz`, { method: 'POST' });
    expect(posted.status).not.toBe(200);
  });
});

describe('Socket Mode: /healthz and /metrics on HEALTH_PORT', () => {
  it('reports 200 while the socket is up and 503 once Slack is gone, the database still ok', async () => {
    sandbox = await startSandboxBot({ mode: 'socket', clock: systemClock, healthPort: 0 });
    const { bot, hub } = sandbox;
    expect(bot.port).toBeNull();
    const port = bot.healthPort!;
    expect(port).toBeGreaterThan(0);

    const up = await health(port);
    expect(up.status).toBe(200);
    expect(up.body.checks.slack).toEqual({ ok: true, detail: 'socket mode' });
    expect(up.body.checks.database).toEqual({ ok: true });
    expect(await health(port, '/livez')).toEqual({
      status: 200,
      body: { ok: true, status: 'ok', checks: { database: { ok: true } } },
    });
    expect((await health(port, '/readyz')).status).toBe(200);
    expect(parseMetrics((await get(port, '/metrics')).text).get('drumbeat_slack_connected')).toBe(1);
    expect((await get(port, '/elsewhere')).status).toBe(404);

    await hub!.close(); // Slack's end of the WebSocket goes away and stays away
    let down = await health(port);
    for (let i = 0; i < 200 && down.status !== 503; i++) {
      await tick(10);
      down = await health(port);
    }
    expect(down.status).toBe(503);
    expect(down.body.ok).toBe(false);
    expect(down.body.checks.slack).toEqual({ ok: false, detail: 'socket mode' });
    expect(down.body.checks.database).toEqual({ ok: true });
    // not ready while Slack is away, but alive: the pod must not be restarted for Slack's outage
    const notReady = await health(port, '/readyz');
    expect(notReady.status).toBe(503);
    expect(notReady.body.checks).toMatchObject({
      database: { ok: true },
      slack: { ok: false, detail: 'socket mode' },
      slackToken: { ok: true },
      delivery: { ok: true },
    });
    expect(notReady.body).toMatchObject({ status: 'failing' });
    expect((await health(port, '/livez')).status).toBe(200);
    expect(parseMetrics((await get(port, '/metrics')).text).get('drumbeat_slack_connected')).toBe(0);
  });
});
