import { describe, expect, it } from 'vitest';
import { probeReport, withStatus } from '../../src/system/health.ts';

const up = { ok: true };
const down = { ok: false, detail: 'x' };

describe('health status', () => {
  it('is ok, degraded (only delivery checks fail) or failing', () => {
    expect(withStatus({ database: up, slack: up }).status).toBe('ok');
    expect(withStatus({ database: up, slack: up, slackToken: down, delivery: down })).toMatchObject({
      ok: false,
      status: 'degraded',
    });
    expect(withStatus({ database: up, slack: down, slackToken: down }).status).toBe('failing');
  });

  it('readiness includes the token and delivery checks; liveness only the database', () => {
    const report = withStatus({ database: up, slack: up, outbox: up, slackToken: down, delivery: up });
    expect(probeReport(report, '/readyz')).toMatchObject({ ok: false, status: 'degraded' });
    expect(Object.keys(probeReport(report, '/readyz').checks)).toEqual([
      'database',
      'slack',
      'slackToken',
      'delivery',
    ]);
    expect(probeReport(report, '/livez')).toEqual({ ok: true, status: 'ok', checks: { database: up } });
  });

  it('a bot without the delivery checks is judged on the others', () => {
    const report = withStatus({ database: up, slack: up });
    expect(probeReport(report, '/readyz')).toEqual({
      ok: true,
      status: 'ok',
      checks: { database: up, slack: up },
    });
  });
});
