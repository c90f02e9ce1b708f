import { describe, expect, it } from 'vitest';
import { createSlackAuthMonitor } from '../../src/slack/slack-auth-monitor.ts';
import { createLogger } from '../../src/system/logger.ts';
import { checkBotToken, StartRefused } from '../../src/wiring/start-checks.ts';
import { FakeClock } from '../fakes/fake-clock.ts';

/** The start-up check over an auth.test that fails with `error` (a platform error, or unreachable). */
function setup(error: { code: string; data?: { error: string }; message?: string } | null) {
  const lines: Array<Record<string, unknown>> = [];
  const logger = createLogger({ level: 'info', write: (l) => lines.push(JSON.parse(l)) });
  const test = async () => {
    if (error) throw Object.assign(new Error(error.message ?? 'failed'), error);
    return { ok: true, bot_id: 'B1', user_id: 'U1' };
  };
  const auth = createSlackAuthMonitor({
    client: { auth: { test } } as never,
    clock: new FakeClock(),
    logger,
  });
  return { auth, lines, logger };
}

describe('the bot token at start', () => {
  it('refused by Slack: exactly one error line naming SLACK_BOT_TOKEN and the error, then StartRefused', async () => {
    const s = setup({ code: 'slack_webapi_platform_error', data: { error: 'invalid_auth' } });
    const refused = await checkBotToken(s.auth, s.logger).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(StartRefused);
    expect(refused).toMatchObject({ variable: 'SLACK_BOT_TOKEN', error: 'invalid_auth' });
    expect(s.lines).toHaveLength(1);
    expect(s.lines[0]).toMatchObject({ level: 'error', variable: 'SLACK_BOT_TOKEN', error: 'invalid_auth' });
  });

  it('Slack unreachable is no refusal: a warning, and the start goes on', async () => {
    const s = setup({ code: 'slack_webapi_request_error', message: 'connect ECONNREFUSED' });
    await expect(checkBotToken(s.auth, s.logger)).resolves.toBeUndefined();
    expect(s.lines).toHaveLength(1);
    expect(s.lines[0]).toMatchObject({ level: 'warn', variable: 'SLACK_BOT_TOKEN' });
    expect(String(s.lines[0]!.error)).toContain('unreachable');
    expect(s.auth.last()).toMatchObject({ ok: false });
  });

  it('accepted: nothing logged, and the answer is kept for /healthz', async () => {
    const s = setup(null);
    await checkBotToken(s.auth, s.logger);
    expect(s.lines).toEqual([]);
    expect(s.auth.last()).toMatchObject({ ok: true });
  });
});
