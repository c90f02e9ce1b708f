/**
 * The ack path does not depend on Slack's health, through signed requests and the local
 * workspace with injected faults: a slow, failing or rate-limited views.open still gets the
 * person the bot's own answer before Slack's 3-second deadline (the driver gives up at 3 s, as
 * Slack does), one person's 429 does not hold up another's form, unknown buttons and forms are
 * answered with a short explanation, and a rate-limited channel does not delay another channel.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createHttpDriver, type SlackDriver } from '../../src/sandbox/driver.ts';
import { type SandboxBot, startSandboxBot } from '../../src/sandbox/start-sandbox-bot.ts';
import type { SandboxFailure } from '../../src/sandbox/workspace.ts';
import { systemClock } from '../../src/system/system-clock.ts';
import { statusPosts, tick } from './harness.ts';

let sandbox: SandboxBot | null = null;
afterEach(async () => {
  await sandbox?.close();
  sandbox = null;
});

/** Slack's deadline for the acknowledgement. */
const slackDeadlineMs = 3000;

/** A driver that, like Slack, gives up on an answer after 3 s (HTTP), or the sandbox's own (Socket Mode). */
function deadlineDriver(sb: SandboxBot): SlackDriver {
  if (sb.hub) return sb.driver;
  return createHttpDriver(sb.ws, {
    appUrl: `http://127.0.0.1:${sb.bot.port}/slack/events`,
    responseOrigin: sb.api.origin,
    ackTimeoutMs: slackDeadlineMs,
  });
}

const bodyText = (body: unknown) => JSON.stringify(body);

describe.each([
  ['slow (5 s)', { delayMs: 5000 }, 'Slack did not answer in time'],
  ['failing (HTTP 503)', { status: 503 }, 'Slack had an error (HTTP 503)'],
  ['rate limited (429)', { retryAfter: 30 }, 'Slack is rate-limiting Drumbeat right now'],
] as Array<[string, SandboxFailure, string]>)('views.open %s', (_name, fault, words) => {
  it('the person gets the bot’s own answer before Slack’s deadline', async () => {
    sandbox = await startSandboxBot({ mode: 'http', clock: systemClock });
    const { ws } = sandbox;
    const driver = deadlineDriver(sandbox);
    ws.failNext('views.open', fault);

    const result = await driver.command('alice-facilitator', '#sig-node', '/kep-status');

    expect(result.status).toBe(200);
    expect(bodyText(result.body)).toContain(`The status form could not open (${words})`);
    expect(bodyText(result.body)).toContain('report in one line');
    const shown = ws.ephemerals('alice-facilitator').map((e) => e.text);
    expect(shown.some((t) => t.includes('operation_timeout'))).toBe(false);
    // never tried again: a retry could not fit in the 3 s (a slow call is recorded once it answers)
    if (!fault.delayMs) expect(ws.calls('views.open')).toHaveLength(1);
  });
});

describe('a shortcut whose form Slack will not open', () => {
  it('is acknowledged and the person told why, in the channel', async () => {
    sandbox = await startSandboxBot({ mode: 'http', clock: systemClock });
    const { ws } = sandbox;
    const driver = deadlineDriver(sandbox);
    const readout = ws.recordMessage({ channel: '#sig-node', user: 'alice-facilitator', text: 'our plan' });
    ws.failNext('views.open', { status: 502 });

    const result = await driver.messageShortcut(
      'alice-facilitator',
      '#sig-node',
      readout.ts,
      'start_fist_to_five',
    );

    expect(result.status).toBe(200);
    const told = await ws.waitFor(() =>
      ws.ephemerals('alice-facilitator').find((e) => e.text.includes('could not open')),
    );
    expect(told.text).toBe(
      'The vote form could not open (Slack had an error (HTTP 502)); try the shortcut again.',
    );
  });
});

describe('one person’s rate-limited form', () => {
  it('does not hold up another person’s form', async () => {
    sandbox = await startSandboxBot({ mode: 'http', clock: systemClock });
    const { ws } = sandbox;
    const driver = deadlineDriver(sandbox);
    ws.failNext('views.open', { retryAfter: 60 });

    const refused = await driver.command('alice-facilitator', '#sig-node', '/kep-status');
    const opened = await driver.command('bob-facilitator', '#sig-scheduling', '/kep-status');

    expect(bodyText(refused.body)).toContain('rate-limiting');
    expect(opened.status).toBe(200);
    expect(opened.body).toBeNull();
    expect(ws.openViews('bob-facilitator')).toHaveLength(1);
    expect(ws.calls('views.open').map((c) => c.ok)).toEqual([false, true]);
  });
});

describe.each(['http', 'socket'] as const)('requests nobody handles (%s)', (mode) => {
  it('a button the bot does not know is acknowledged at once and explained', async () => {
    sandbox = await startSandboxBot({ mode, clock: systemClock });
    const { ws, bot } = sandbox;
    const driver = deadlineDriver(sandbox);
    const old = ws.appendMessage({
      channel: ws.channelId('#sig-node'),
      threadTs: null,
      user: ws.seed.bot.userId,
      botId: ws.seed.bot.botId,
      metadata: null,
      text: 'an old message',
      blocks: [
        {
          type: 'actions',
          elements: [
            { type: 'button', action_id: 'legacy_button', text: { type: 'plain_text', text: 'Old' } },
          ],
        },
      ],
    });

    const result = await driver.click('alice-facilitator', {
      channel: '#sig-node',
      messageTs: old.ts,
      actionId: 'legacy_button',
    });

    expect(result.status).toBe(200);
    const told = await ws.waitFor(() =>
      ws.ephemerals('alice-facilitator').find((e) => e.text.includes('does nothing in Drumbeat')),
    );
    expect(told.text).toContain('nothing was changed');
    await tick(100);
    const explained = ws.ephemerals('alice-facilitator').filter((e) => e.text.includes('does nothing'));
    expect(explained).toHaveLength(1);
    expect(bot.outbox.stats().inFlight).toBe(0);
  });

  it('a form the bot does not know is answered with a view saying so', async () => {
    sandbox = await startSandboxBot({ mode, clock: systemClock });
    const { ws } = sandbox;
    const driver = deadlineDriver(sandbox);
    const view = ws.openModal(ws.userId('alice-facilitator'), {
      type: 'modal',
      callback_id: 'legacy_modal',
      title: { type: 'plain_text', text: 'Old form' },
      submit: { type: 'plain_text', text: 'Send' },
      blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'from an older version' } }],
    });

    const result = await driver.submitView('alice-facilitator', view.id, {});

    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({ response_action: 'update' });
    expect(JSON.stringify(ws.view(view.id)!.view)).toContain('no longer handles this form');
  });
});

describe('a 429 on one channel', () => {
  it('does not delay another channel’s posts', async () => {
    sandbox = await startSandboxBot({ mode: 'http', clock: systemClock });
    const { ws, driver, bot } = sandbox;
    const node = ws.channelId('#sig-node');
    ws.failNext('chat.postMessage', {
      channel: '#sig-node',
      retryAfter: 60,
      times: Number.POSITIVE_INFINITY,
    });
    const kepOf = (sig: string) =>
      bot.store.keps.list({ owningSig: sig, latestMilestone: 'v1.35' })[0]!.number;

    await driver.command('alice-facilitator', '#sig-node', '/kep-status', `${kepOf('sig-node')} on-track`);
    await ws.waitFor(() => bot.outbox.stats().lanes.interactive.rateLimited.includes(node));
    await driver.command(
      'alice-facilitator',
      '#sig-storage',
      '/kep-status',
      `${kepOf('sig-storage')} at-risk`,
    );
    await ws.waitFor(() => statusPosts(ws, '#sig-storage').length === 1);
    await tick(50);

    // sig-storage's post went while sig-node's still waits out its Retry-After
    expect(statusPosts(ws, '#sig-node')).toEqual([]);
    expect(bot.outbox.stats().lanes.interactive).toMatchObject({ pending: 1, rateLimited: [node] });
    expect(ws.calls('chat.postMessage').filter((c) => c.args.channel === node)).toHaveLength(1);
  });
});
