import { describe, expect, it } from 'vitest';
import type { SlackApp } from '../../src/slack/app.ts';
import { createLogger } from '../../src/system/logger.ts';
import { createSlackConnector } from '../../src/wiring/connect-slack.ts';

/** A Slack app whose `start()` answers from a script: an error code refuses, 'ok' connects, 'hang' never answers. */
function scriptedApp(answers: string[]) {
  let starts = 0;
  const app = {
    start: async () => {
      const answer = answers[starts++] ?? 'ok';
      if (answer === 'hang') return new Promise<never>(() => {});
      if (answer === 'ok') return { port: null };
      throw Object.assign(new Error(answer), {
        code: 'slack_webapi_platform_error',
        data: { error: answer },
      });
    },
  } as unknown as SlackApp;
  return { app, starts: () => starts };
}

function connector(answers: string[], policy = {}) {
  const lines: Array<Record<string, unknown>> = [];
  const logger = createLogger({ level: 'info', write: (l) => lines.push(JSON.parse(l)) });
  const waits: number[] = [];
  const problems: Array<string | null> = [];
  const { app, starts } = scriptedApp(answers);
  const c = createSlackConnector(app, {
    socket: true,
    logger,
    policy,
    sleep: async (ms) => {
      problems.push(c.problem());
      waits.push(ms);
    },
  });
  return { c, lines, waits, problems, starts };
}

describe('connecting in Socket Mode at start', () => {
  it('tries again with doubling waits and connects; the problem is cleared', async () => {
    const m = connector(['invalid_auth', 'ratelimited', 'ok']);
    expect(await m.c.connect()).toEqual({ ok: true, port: null });
    expect(m.waits).toEqual([1000, 2000]);
    expect(m.problems[0]).toContain('SLACK_APP_TOKEN (invalid_auth); attempt 2 of 5');
    expect(m.problems[1]).toContain('(ratelimited); attempt 3 of 5');
    expect(m.c.problem()).toBeNull();
    expect(m.lines.map((l) => [l.variable, l.error, l.attempt])).toEqual([
      ['SLACK_APP_TOKEN', 'invalid_auth', 1],
      ['SLACK_APP_TOKEN', 'ratelimited', 2],
    ]);
  });

  it('gives up after the last attempt with Slack’s error, and says so for /healthz', async () => {
    const m = connector(['invalid_auth', 'invalid_auth', 'invalid_auth'], { attempts: 3, firstDelayMs: 10 });
    expect(await m.c.connect()).toEqual({ ok: false, error: 'invalid_auth', attempts: 3 });
    expect(m.starts()).toBe(3);
    expect(m.waits).toEqual([10, 20]);
    expect(m.c.problem()).toContain('gave up after 3 attempt(s)');
  });

  it('gives up at once when an attempt goes unanswered for its budget', async () => {
    const m = connector(['hang'], { attemptBudgetMs: 50 });
    expect(await m.c.connect()).toEqual({ ok: false, error: 'no answer from Slack within 0 s', attempts: 1 });
    expect(m.starts()).toBe(1);
  });
});
