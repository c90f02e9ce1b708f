import { describe, expect, it } from 'vitest';
import { createSlackAuthMonitor } from '../../src/slack/slack-auth-monitor.ts';
import { createLogger } from '../../src/system/logger.ts';
import { FakeClock } from '../fakes/fake-clock.ts';

/** An auth.test that answers from a script: a code refuses, 'ok' accepts. */
function scripted(answers: string[]) {
  const calls: string[] = [];
  const client = {
    auth: {
      test: async () => {
        const answer = answers.shift() ?? 'ok';
        calls.push(answer);
        if (answer === 'ok') return { ok: true, bot_id: 'B1', user_id: 'U1' };
        throw Object.assign(new Error(answer), {
          code: 'slack_webapi_platform_error',
          data: { error: answer },
        });
      },
    },
  };
  return { client: client as never, calls };
}

function monitor(answers: string[]) {
  const clock = new FakeClock('2026-06-01T00:00:00Z');
  const lines: Array<Record<string, unknown>> = [];
  const logger = createLogger({ level: 'info', write: (l) => lines.push(JSON.parse(l)) });
  const { client, calls } = scripted(answers);
  return { clock, lines, calls, auth: createSlackAuthMonitor({ client, clock, logger }) };
}

describe('the Slack token monitor', () => {
  it('records each auth.test, and who the bot is', async () => {
    const m = monitor(['ok']);
    expect(m.auth.last()).toBeNull();
    expect(await m.auth.check()).toEqual({ ok: true, error: null, at: m.clock.now() });
    expect(await m.auth.identity()).toEqual({ botId: 'B1', botUserId: 'U1' });
    expect(m.calls).toEqual(['ok']);
  });

  it('is told of a refused call at once, checks again a minute later, and logs each change once', async () => {
    const m = monitor(['ok', 'token_revoked', 'ok']);
    await m.auth.check();
    m.auth.noteRefusal('token_revoked');
    m.auth.noteRefusal('token_revoked');
    expect(m.auth.last()).toMatchObject({ ok: false, error: 'token_revoked' });
    await m.auth.task.run(m.clock.now()); // not due yet
    expect(m.calls).toEqual(['ok']);
    m.clock.advance(60_000);
    await m.auth.task.run(m.clock.now());
    expect(m.auth.last()).toMatchObject({ ok: false, error: 'token_revoked' });
    m.clock.advance(60_000);
    await m.auth.task.run(m.clock.now());
    expect(m.auth.last()).toMatchObject({ ok: true });
    expect(m.lines.map((l) => l.msg)).toEqual([
      'Slack refuses the bot token; nothing can be sent',
      'Slack accepts the bot token again',
    ]);
  });

  it('checks every five minutes while the token works; other errors are not refusals', async () => {
    const m = monitor(['ok', 'ok']);
    await m.auth.check();
    m.auth.noteRefusal('channel_not_found');
    expect(m.auth.last()).toMatchObject({ ok: true });
    m.clock.advance(4 * 60_000);
    expect(await m.auth.task.run(m.clock.now())).toEqual({ nextDueAt: null });
    m.clock.advance(60_000);
    await m.auth.task.run(m.clock.now());
    expect(m.calls).toEqual(['ok', 'ok']);
  });
});
