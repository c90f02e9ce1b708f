/**
 * Hostile and malformed requests against the running bot over loopback: a signed JSON `null`, a
 * signature dated minutes in the future, a `-5%` confidence, a very long `/drumbeat ooo`. The bot
 * keeps serving and answers each with something a person can act on.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { signRequest } from '../../src/sandbox/driver.ts';
import { type SandboxBot, startSandboxBot } from '../../src/sandbox/start-sandbox-bot.ts';
import { createLogger } from '../../src/system/logger.ts';
import { systemClock } from '../../src/system/system-clock.ts';
import { signedCommand, statusPosts } from './harness.ts';

let sandbox: SandboxBot | null = null;
afterEach(async () => {
  await sandbox?.close();
  sandbox = null;
});

function signedJson(secret: string, body: string, timestamp: number) {
  return {
    'content-type': 'application/json',
    'x-slack-request-timestamp': String(timestamp),
    'x-slack-signature': signRequest(secret, timestamp, body),
  };
}

describe('hostile input to a running bot', () => {
  it('refuses a signed JSON null and a future timestamp, refuses -5%, cuts a long echo, and keeps serving', async () => {
    const lines: string[] = [];
    const logger = createLogger({ level: 'warn', write: (line: string) => lines.push(line) });
    sandbox = await startSandboxBot({ mode: 'http', clock: systemClock, logger, perChannelIntervalMs: 0 });
    const { ws, driver, api, bot } = sandbox;
    const url = `http://127.0.0.1:${bot.port}/slack/events`;
    const secret = ws.seed.signingSecret;
    const now = Math.floor(Date.now() / 1000);

    for (const body of ['null', '42', '[]']) {
      const answer = await fetch(url, { method: 'POST', headers: signedJson(secret, body, now), body });
      expect([body, answer.status, (await answer.text()).trim()]).toEqual([
        body,
        400,
        `a JSON body must be an object, not ${body === 'null' ? 'null' : body === '[]' ? 'an array' : 'number'}`,
      ]);
    }

    // an interactivity form whose payload is JSON null: answered, not left hanging
    for (const payload of ['null', '7']) {
      const body = `payload=${payload}`;
      const headers = {
        ...signedJson(secret, body, now),
        'content-type': 'application/x-www-form-urlencoded',
      };
      const answer = await fetch(url, { method: 'POST', headers, body, signal: AbortSignal.timeout(3000) });
      expect([payload, answer.status, (await answer.text()).trim()]).toEqual([
        payload,
        400,
        `the payload field must be an object, not ${payload === 'null' ? 'null' : 'number'}`,
      ]);
    }

    // a correctly signed command dated ten minutes ahead: refused before any listener runs
    const request = { user: 'alice-facilitator', channel: '#sig-node', text: '5593 on-track' };
    const future = signedCommand(ws, api.origin, request);
    const ahead = now + 600;
    const refused = await fetch(url, {
      method: 'POST',
      headers: {
        ...future.headers,
        'x-slack-request-timestamp': String(ahead),
        'x-slack-signature': signRequest(secret, ahead, future.body),
      },
      body: future.body,
    });
    expect(refused.status).toBe(401);
    const refusal = lines.map((l) => JSON.parse(l)).find((l) => l.status === 401);
    expect(refusal?.reason).toMatch(/^request timestamp is \d+ s in the future \(more than 300 s\)$/);

    // -5% is not a confidence: nothing is recorded or posted
    const minus = await driver.command('alice-facilitator', '#sig-node', '/kep-status', '5593 at-risk -5%');
    expect(minus.status).toBe(200);
    expect(JSON.stringify(minus.body)).toContain('must be a whole number between 0% and 100%');

    // a 5,000-character /drumbeat ooo is quoted back cut to a readable length
    const ooo = await driver.command(
      'alice-facilitator',
      '#sig-node',
      '/drumbeat',
      `ooo until ${'x'.repeat(5000)}`,
    );
    expect(ooo.status).toBe(200);
    const echoed = JSON.stringify(ooo.body);
    expect(echoed).toContain('I did not understand');
    expect(echoed.length).toBeLessThan(1000);

    // nothing above was stored; the bot still does its job
    await driver.command('alice-facilitator', '#sig-node', '/kep-status', '5593 on-track');
    await ws.waitFor(() => statusPosts(ws, '#sig-node').find((m) => m.text === 'KEP-5593 on-track'));
    expect(statusPosts(ws, '#sig-node').map((m) => m.text)).toEqual(['KEP-5593 on-track']);
  }, 120_000);
});
