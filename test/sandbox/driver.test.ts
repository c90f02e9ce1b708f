import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, isValidSlackRequest, LogLevel } from '@slack/bolt';
import { afterEach, describe, expect, it } from 'vitest';
import { buildStateValues, createHttpDriver, encodeRequest, signRequest } from '../../src/sandbox/driver.ts';
import { startWebApiServer } from '../../src/sandbox/web-api-server.ts';
import { type SandboxView, SlackWorkspace, type WorkspaceSeed } from '../../src/sandbox/workspace.ts';

const seed: WorkspaceSeed = {
  users: [
    { id: 'U0ALICE001', name: 'alice', realName: 'Alice Liddell' },
    { id: 'U0BOB00001', name: 'bob' },
  ],
  channels: [{ id: 'C0SIGNODE1', name: 'sig-node', members: ['alice', 'bob'] }],
};

const cleanups: Array<() => Promise<void> | void> = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

// ------------------------------------------------------------------ pure helpers

describe('signRequest', () => {
  it('matches the worked example in Slack’s request-verification docs', () => {
    const body =
      'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V' +
      '&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=' +
      '&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN' +
      '&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c';
    expect(signRequest('8f742231b10e8888abcd99yyyzzz85a5', 1531420618, body)).toBe(
      'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503',
    );
  });

  it.each([
    ['the same secret', 'sandbox-signing-secret', true],
    ['another secret', 'someone-else', false],
  ])('is accepted by Bolt’s own verifier only with %s', (_label, verifierSecret, valid) => {
    const nowMs = Date.UTC(2026, 5, 17, 12);
    const timestamp = nowMs / 1000;
    const body = '{"type":"event_callback"}';
    const signature = signRequest('sandbox-signing-secret', timestamp, body);
    const headers = { 'x-slack-signature': signature, 'x-slack-request-timestamp': timestamp };
    expect(
      isValidSlackRequest({ signingSecret: verifierSecret, body, headers, nowMilliseconds: nowMs }),
    ).toBe(valid);
  });
});

describe('encodeRequest', () => {
  it.each([
    ['command', { command: '/kep-status', text: '4222 at-risk' }, 'application/x-www-form-urlencoded'],
    ['interactive', { type: 'block_actions', n: 1 }, 'application/x-www-form-urlencoded'],
    ['event', { type: 'event_callback' }, 'application/json'],
  ] as const)('encodes %s requests as Slack sends them', (kind, payload, contentType) => {
    const encoded = encodeRequest(kind, payload);
    expect(encoded.contentType).toBe(contentType);
    const decoded =
      kind === 'command'
        ? Object.fromEntries(new URLSearchParams(encoded.body))
        : kind === 'interactive'
          ? JSON.parse(new URLSearchParams(encoded.body).get('payload') ?? 'null')
          : JSON.parse(encoded.body);
    expect(decoded).toEqual(payload);
  });
});

describe('buildStateValues', () => {
  const view: SandboxView = {
    id: 'V0000000001',
    user: 'U0ALICE001',
    type: 'modal',
    hash: '1.1',
    stack: ['V0000000001'],
    closed: false,
    view: {
      type: 'modal',
      blocks: [
        {
          type: 'input',
          block_id: 'state',
          element: {
            type: 'static_select',
            action_id: 'state_select',
            options: [
              { text: { type: 'plain_text', text: 'On track' }, value: 'on-track' },
              { text: { type: 'plain_text', text: 'At risk' }, value: 'at-risk' },
            ],
          },
        },
        {
          type: 'input',
          block_id: 'note',
          element: { type: 'plain_text_input', action_id: 'note_input', initial_value: 'draft' },
        },
        { type: 'input', block_id: 'kep', element: { type: 'external_select', action_id: 'kep_picker' } },
        { type: 'input', block_id: 'when', element: { type: 'datepicker', action_id: 'date' } },
        { type: 'actions', block_id: 'buttons', elements: [{ type: 'button', action_id: 'noop' }] },
      ],
    },
  };

  it('reports every stateful element at its initial value when nothing is typed', () => {
    expect(buildStateValues(view, {})).toEqual({
      state: { state_select: { type: 'static_select', selected_option: null } },
      note: { note_input: { type: 'plain_text_input', value: 'draft' } },
      kep: { kep_picker: { type: 'external_select', selected_option: null } },
      when: { date: { type: 'datepicker', selected_date: null } },
    });
  });

  it.each([
    [
      'a static option by value',
      { state: { state_select: 'at-risk' } },
      'state',
      {
        type: 'static_select',
        selected_option: { text: { type: 'plain_text', text: 'At risk' }, value: 'at-risk' },
      },
    ],
    [
      'text for a plain input',
      { note: { note_input: 'waiting on API review' } },
      'note',
      { type: 'plain_text_input', value: 'waiting on API review' },
    ],
    [
      'any value for an external select',
      { kep: { kep_picker: '4222' } },
      'kep',
      {
        type: 'external_select',
        selected_option: { text: { type: 'plain_text', text: '4222', emoji: true }, value: '4222' },
      },
    ],
    [
      'a value already in state shape',
      { when: { date: { selected_date: '2026-07-01' } } },
      'when',
      { type: 'datepicker', selected_date: '2026-07-01' },
    ],
  ])('fills in %s', (_label, given, blockId, expected) => {
    const values = buildStateValues(view, given) as Record<string, Record<string, unknown>>;
    expect(Object.values(values[blockId] ?? {})[0]).toEqual(expected);
  });

  it.each([
    ['an unknown block', { nope: { x: 'y' } }, /no element nope\/x .*state\/state_select/],
    [
      'an option the select does not offer',
      { state: { state_select: 'late' } },
      /no option "late" \(options: on-track, at-risk\)/,
    ],
  ])('refuses %s with the choices it knows', (_label, given, message) => {
    expect(() => buildStateValues(view, given)).toThrow(message);
  });
});

// ------------------------------------------------------------------ against a recording app

interface Recorded {
  headers: IncomingMessage['headers'];
  body: string;
}

/** A stand-in app that records each request and answers with the next canned response. */
async function recordingApp(responses: Array<{ status?: number; type?: string; body?: string }> = []) {
  const requests: Recorded[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      requests.push({ headers: req.headers, body });
      const next = responses.shift() ?? {};
      res.writeHead(next.status ?? 200, next.type ? { 'content-type': next.type } : {});
      res.end(next.body ?? '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const port = (server.address() as AddressInfo).port;
  return { url: `http://127.0.0.1:${port}/slack/events`, requests };
}

function interactivePayload(request: Recorded | undefined): Record<string, unknown> {
  return JSON.parse(new URLSearchParams(request?.body ?? '').get('payload') ?? 'null');
}

const fixedNow = () => new Date('2026-06-17T12:00:00.000Z');

describe('http driver against a recording app', () => {
  it('sends a slash command as a signed form with exactly Slack’s fields', async () => {
    const app = await recordingApp();
    const ws = new SlackWorkspace(seed, { now: fixedNow });
    const driver = createHttpDriver(ws, { appUrl: app.url, responseOrigin: 'http://127.0.0.1:9' });
    const result = await driver.command('alice', '#sig-node', '/kep-status', '4222 at-risk');
    const request = app.requests[0]!;
    const form = Object.fromEntries(new URLSearchParams(request.body));
    expect(form).toEqual({
      token: expect.any(String),
      team_id: 'T0DRUMBEAT',
      team_domain: 'drumbeat',
      channel_id: 'C0SIGNODE1',
      channel_name: 'sig-node',
      user_id: 'U0ALICE001',
      user_name: 'alice',
      command: '/kep-status',
      text: '4222 at-risk',
      api_app_id: 'A0DRUMBEAT',
      is_enterprise_install: 'false',
      response_url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:9\/response\/\w+$/),
      trigger_id: result.triggerId,
    });
    expect(request.headers['content-type']).toBe('application/x-www-form-urlencoded');
    const timestamp = Number(request.headers['x-slack-request-timestamp']);
    expect(Math.abs(timestamp - Date.now() / 1000)).toBeLessThan(60); // the real clock, not the fake one
    expect(request.headers['x-slack-signature']).toBe(
      signRequest('sandbox-signing-secret', timestamp, request.body),
    );
    expect(result).toMatchObject({ status: 200, body: null });
    expect(ws.ephemerals()).toEqual([]);
  });

  it.each([
    ['plain text', { body: 'Recorded 4222' }, { text: 'Recorded 4222', blocks: null }],
    [
      'a JSON message',
      { type: 'application/json', body: JSON.stringify({ text: 'hi', blocks: [{ type: 'divider' }] }) },
      { text: 'hi', blocks: [{ type: 'divider' }] },
    ],
    [
      'an error status',
      { status: 500, body: 'boom' },
      { text: '/kep-status failed with the error "dispatch_failed"' },
    ],
  ])(
    'shows a command’s synchronous %s answer to the user as an ephemeral',
    async (_label, response, shown) => {
      const app = await recordingApp([response]);
      const ws = new SlackWorkspace(seed);
      const driver = createHttpDriver(ws, { appUrl: app.url, responseOrigin: 'http://127.0.0.1:9' });
      await driver.command('bob', 'sig-node', '/kep-status');
      expect(ws.ephemerals('bob')).toEqual([
        expect.objectContaining({
          channel: 'C0SIGNODE1',
          user: 'U0BOB00001',
          viaResponseUrl: false,
          ...shown,
        }),
      ]);
    },
  );

  it.each([
    ['no slash', 'kep-status', /must be a slash and a name/],
    ['a space', '/kep status', /must be a slash and a name/],
  ])('refuses a command with %s before sending anything', async (_label, command, message) => {
    const app = await recordingApp();
    const driver = createHttpDriver(new SlackWorkspace(seed), {
      appUrl: app.url,
      responseOrigin: 'http://x',
    });
    await expect(driver.command('alice', 'sig-node', command)).rejects.toThrow(message);
    expect(app.requests).toEqual([]);
  });

  it('rejects unknown people and channels with the names it knows', async () => {
    const app = await recordingApp();
    const driver = createHttpDriver(new SlackWorkspace(seed), {
      appUrl: app.url,
      responseOrigin: 'http://x',
    });
    await expect(driver.command('mallory', 'sig-node', '/kep-status')).rejects.toThrow(
      /Unknown sandbox user "mallory"/,
    );
    await expect(driver.command('alice', '#nope', '/kep-status')).rejects.toThrow(
      /Known channels: #sig-node/,
    );
    expect(app.requests).toEqual([]);
  });

  it('builds block_actions for a click on a stored message, finding the block_id', async () => {
    const app = await recordingApp();
    const ws = new SlackWorkspace(seed, { now: fixedNow });
    const blocks = [
      { type: 'section', text: { type: 'mrkdwn', text: 'KEP 4222' } },
      {
        type: 'actions',
        block_id: 'kep_actions',
        elements: [
          {
            type: 'button',
            action_id: 'kep_edit',
            value: '4222',
            text: { type: 'plain_text', text: 'Edit' },
          },
        ],
      },
    ];
    const posted = ws.appendMessage({
      channel: 'C0SIGNODE1',
      threadTs: null,
      user: 'U0BOT00001',
      botId: 'B0BOT00001',
      text: 'KEP 4222',
      blocks,
      metadata: null,
    });
    const driver = createHttpDriver(ws, { appUrl: app.url, responseOrigin: 'http://127.0.0.1:9' });
    const result = await driver.click('alice', {
      channel: '#sig-node',
      messageTs: posted.ts,
      actionId: 'kep_edit',
    });
    const payload = interactivePayload(app.requests[0]);
    expect(payload).toMatchObject({
      type: 'block_actions',
      user: { id: 'U0ALICE001', username: 'alice', name: 'alice', team_id: 'T0DRUMBEAT' },
      team: { id: 'T0DRUMBEAT', domain: 'drumbeat' },
      api_app_id: 'A0DRUMBEAT',
      trigger_id: result.triggerId,
      container: { type: 'message', message_ts: posted.ts, channel_id: 'C0SIGNODE1', is_ephemeral: false },
      channel: { id: 'C0SIGNODE1', name: 'sig-node' },
      message: { type: 'message', ts: posted.ts, text: 'KEP 4222', bot_id: 'B0BOT00001', blocks },
      response_url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:9\/response\//),
      actions: [
        {
          action_id: 'kep_edit',
          block_id: 'kep_actions',
          type: 'button',
          value: '4222',
          text: { type: 'plain_text', text: 'Edit' },
          action_ts: '1781697600.000000',
        },
      ],
    });
  });

  it('clicks a button on an ephemeral the way Slack reports it: no message, is_ephemeral container', async () => {
    const app = await recordingApp();
    const ws = new SlackWorkspace(seed);
    const blocks = [
      {
        type: 'actions',
        block_id: 'reply',
        elements: [{ type: 'button', action_id: 'kep_edit', value: '4222' }],
      },
    ];
    ws.recordEphemeral({
      channel: 'C0SIGNODE1',
      user: 'U0ALICE001',
      text: 'Recorded',
      blocks,
      viaResponseUrl: false,
    });
    const driver = createHttpDriver(ws, { appUrl: app.url, responseOrigin: 'http://127.0.0.1:9' });
    await driver.click('alice', { channel: 'sig-node', actionId: 'kep_edit' });
    const payload = interactivePayload(app.requests[0]);
    expect(payload.container).toMatchObject({
      type: 'message',
      channel_id: 'C0SIGNODE1',
      is_ephemeral: true,
    });
    expect(payload.message).toBeUndefined();
    expect(payload.response_url).toMatch(/\/response\//);
    expect(payload.actions).toEqual([
      expect.objectContaining({ action_id: 'kep_edit', block_id: 'reply', value: '4222' }),
    ]);
    await expect(driver.click('bob', { channel: 'sig-node', actionId: 'kep_edit' })).rejects.toThrow(
      /No ephemeral message/,
    );
  });

  it('finds a message in the bot’s DM with the user when no channel is given', async () => {
    const app = await recordingApp();
    const ws = new SlackWorkspace(seed);
    const im = ws.openIm('U0ALICE001').channel;
    const blocks = [{ type: 'actions', elements: [{ type: 'button', action_id: 'snooze', value: '1d' }] }];
    const dm = ws.appendMessage({
      channel: im.id,
      threadTs: null,
      user: 'U0BOT00001',
      botId: 'B0BOT00001',
      text: 'Nudge',
      blocks,
      metadata: null,
    });
    const driver = createHttpDriver(ws, { appUrl: app.url, responseOrigin: 'http://x' });
    await driver.click('alice', { messageTs: dm.ts, actionId: 'snooze' });
    const payload = interactivePayload(app.requests[0]);
    expect(payload.channel).toEqual({ id: im.id, name: 'directmessage' });
    expect(payload.actions).toEqual([
      expect.objectContaining({ action_id: 'snooze', value: '1d', block_id: 'block-0' }),
    ]);
  });

  it('clicks a select in a modal: view with state, view container, chosen option, no response_url', async () => {
    const app = await recordingApp();
    const ws = new SlackWorkspace(seed);
    const select = {
      type: 'static_select',
      action_id: 'state_select',
      options: [{ text: { type: 'plain_text', text: 'Blocked' }, value: 'blocked' }],
    };
    const modal = ws.openModal('U0ALICE001', {
      type: 'modal',
      callback_id: 'kep_status_modal',
      title: { type: 'plain_text', text: 'KEP status' },
      blocks: [
        { type: 'section', block_id: 'state', text: { type: 'mrkdwn', text: 'State' }, accessory: select },
      ],
    });
    const driver = createHttpDriver(ws, { appUrl: app.url, responseOrigin: 'http://x' });
    await driver.click('alice', { viewId: modal.id, actionId: 'state_select', value: 'blocked' });
    const payload = interactivePayload(app.requests[0]) as Record<string, Record<string, unknown>>;
    expect(payload.container).toEqual({ type: 'view', view_id: modal.id });
    expect(payload.view).toMatchObject({
      id: modal.id,
      hash: modal.hash,
      callback_id: 'kep_status_modal',
      root_view_id: modal.id,
      previous_view_id: null,
      app_id: 'A0DRUMBEAT',
      bot_id: 'B0BOT00001',
      state: { values: { state: { state_select: { type: 'static_select', selected_option: null } } } },
    });
    expect(payload.response_url).toBeUndefined();
    expect(payload.actions).toEqual([
      expect.objectContaining({
        block_id: 'state',
        type: 'static_select',
        selected_option: { text: { type: 'plain_text', text: 'Blocked' }, value: 'blocked' },
      }),
    ]);
    await expect(driver.click('alice', { viewId: 'V9', actionId: 'x' })).rejects.toThrow(/No view V9/);
  });

  it('explains a click on an action_id the message does not have', async () => {
    const app = await recordingApp();
    const ws = new SlackWorkspace(seed);
    const posted = ws.recordMessage({ channel: 'sig-node', user: 'bob', text: 'plain' });
    const driver = createHttpDriver(ws, { appUrl: app.url, responseOrigin: 'http://x' });
    await expect(
      driver.click('alice', { channel: 'sig-node', messageTs: posted.ts, actionId: 'vote_3' }),
    ).rejects.toThrow(/has no element with action_id "vote_3" \(action_ids: none\)/);
    await expect(
      driver.click('alice', { channel: 'sig-node', messageTs: '1.000001', actionId: 'x' }),
    ).rejects.toThrow(/No message with ts 1\.000001/);
    await expect(driver.click('alice', { actionId: 'x' })).rejects.toThrow(/needs a target/);
    expect(app.requests).toEqual([]);
  });

  it('wraps an event in event_callback JSON and sends retry headers', async () => {
    const app = await recordingApp();
    const ws = new SlackWorkspace(seed, { now: fixedNow });
    const driver = createHttpDriver(ws, { appUrl: app.url, responseOrigin: 'http://x' });
    const event = { type: 'app_home_opened', user: 'U0ALICE001', channel: 'D0000000001', tab: 'home' };
    const result = await driver.event(event, { eventId: 'Ev0TEST0001', retryNum: 2 });
    const request = app.requests[0]!;
    expect(request.headers['content-type']).toBe('application/json');
    expect(request.headers['x-slack-retry-num']).toBe('2');
    expect(request.headers['x-slack-retry-reason']).toBe('http_timeout');
    expect(JSON.parse(request.body)).toMatchObject({
      type: 'event_callback',
      team_id: 'T0DRUMBEAT',
      api_app_id: 'A0DRUMBEAT',
      event_id: 'Ev0TEST0001',
      event_time: 1781697600,
      event: { ...event, event_ts: '1781697600.000000' },
      authorizations: [{ team_id: 'T0DRUMBEAT', user_id: 'U0BOT00001', is_bot: true }],
    });
    expect(result.retriesSent).toBe(2);
    await expect(driver.event({ user: 'U0ALICE001' })).rejects.toThrow(/string "type"/);
  });

  it('sends raw bytes and headers untouched', async () => {
    const app = await recordingApp([{ status: 401, body: '' }]);
    const driver = createHttpDriver(new SlackWorkspace(seed), {
      appUrl: app.url,
      responseOrigin: 'http://x',
    });
    const result = await driver.raw('token=x&command=%2Fkep-status', {
      'x-slack-signature': 'v0=bad',
      'x-custom': '1',
    });
    expect(result).toEqual({ status: 401, body: null });
    expect(app.requests[0]).toMatchObject({
      body: 'token=x&command=%2Fkep-status',
      headers: { 'x-slack-signature': 'v0=bad', 'x-custom': '1' },
    });
  });
});

// ------------------------------------------------------------------ against a real Bolt app (HTTP mode)

const statusModal = (notifyOnClose = false) => ({
  type: 'modal' as const,
  callback_id: 'kep_status_modal',
  notify_on_close: notifyOnClose,
  private_metadata: JSON.stringify({ kep: 4222 }),
  title: { type: 'plain_text' as const, text: 'KEP status' },
  submit: { type: 'plain_text' as const, text: 'Save' },
  close: { type: 'plain_text' as const, text: 'Cancel' },
  blocks: [
    {
      type: 'input',
      block_id: 'state',
      label: { type: 'plain_text' as const, text: 'State' },
      element: {
        type: 'static_select',
        action_id: 'state_select',
        options: ['on-track', 'at-risk', 'blocked'].map((v) => ({
          text: { type: 'plain_text', text: v },
          value: v,
        })),
      },
    },
    {
      type: 'input',
      block_id: 'kep',
      label: { type: 'plain_text' as const, text: 'KEP' },
      element: { type: 'external_select', action_id: 'kep_picker', min_query_length: 1 },
    },
    {
      type: 'input',
      block_id: 'note',
      optional: true,
      label: { type: 'plain_text' as const, text: 'Note' },
      element: { type: 'plain_text_input', action_id: 'note_input' },
    },
  ],
});

const editButtonBlocks = (kep: string) => [
  { type: 'section', text: { type: 'mrkdwn', text: `KEP ${kep}` } },
  {
    type: 'actions',
    block_id: 'kep_actions',
    elements: [
      { type: 'button', action_id: 'kep_edit', value: kep, text: { type: 'plain_text', text: 'Edit' } },
    ],
  },
];

/** What the Bolt app saw, for assertions. */
interface Seen {
  commands: string[];
  actions: Array<Record<string, unknown>>;
  submissions: Array<Record<string, unknown>>;
  closed: string[];
  shortcuts: Array<Record<string, unknown>>;
  events: Array<{ type: string; retryNum: number | undefined; retryReason: string | undefined }>;
}

function registerKepApp(app: App, seen: Seen): void {
  app.command('/kep-status', async ({ command, ack, client }) => {
    seen.commands.push(command.text);
    await ack({ text: `Recorded ${command.text}` });
    await client.chat.postMessage({
      channel: command.channel_id,
      text: `KEP ${command.text}`,
      blocks: editButtonBlocks(command.text),
    });
  });
  app.command('/fist-to-five', async ({ command, ack }) => {
    await ack({ response_type: 'in_channel', text: `Vote: ${command.text}` });
  });
  app.action('kep_edit', async ({ ack, body, client }) => {
    await ack();
    seen.actions.push(body as unknown as Record<string, unknown>);
    await client.views.open({
      trigger_id: (body as { trigger_id: string }).trigger_id,
      view: statusModal(true),
    });
  });
  app.options('kep_picker', async ({ options, ack }) => {
    const keps = ['4222', '4288', '5011'].filter((k) => k.startsWith(options.value));
    await ack({ options: keps.map((k) => ({ text: { type: 'plain_text', text: `KEP ${k}` }, value: k })) });
  });
  app.view('kep_status_modal', async ({ ack, view, body }) => {
    seen.submissions.push(body as unknown as Record<string, unknown>);
    const note = view.state.values.note?.note_input?.value;
    if (!note) {
      await ack({ response_action: 'errors', errors: { note: 'Say what blocks it' } });
      return;
    }
    await ack();
  });
  app.view({ callback_id: 'kep_status_modal', type: 'view_closed' }, async ({ ack, view }) => {
    await ack();
    seen.closed.push(view.id);
  });
  app.shortcut('start_vote', async ({ ack, shortcut, client }) => {
    await ack();
    seen.shortcuts.push(shortcut as unknown as Record<string, unknown>);
    const s = shortcut as { channel: { id: string }; message_ts: string; message: { text?: string } };
    await client.chat.postMessage({
      channel: s.channel.id,
      thread_ts: s.message_ts,
      text: `Vote on: ${s.message.text}`,
    });
  });
  app.event('app_home_opened', async ({ event, client, context }) => {
    seen.events.push({ type: event.type, retryNum: context.retryNum, retryReason: context.retryReason });
    await client.views.publish({
      user_id: event.user,
      view: { type: 'home', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'Your KEPs' } }] },
    });
  });
}

async function boltHttpStack() {
  const ws = new SlackWorkspace(seed, { rate: { perChannelPerSecond: 1000, burst: 1000 } });
  const server = await startWebApiServer(ws);
  cleanups.push(() => server.close());
  const app = new App({
    signingSecret: ws.seed.signingSecret,
    token: ws.seed.tokens.bot,
    clientOptions: { slackApiUrl: server.url },
    logLevel: LogLevel.ERROR,
  });
  const seen: Seen = { commands: [], actions: [], submissions: [], closed: [], shortcuts: [], events: [] };
  registerKepApp(app, seen);
  const http = (await app.start({ port: 0, host: '127.0.0.1' })) as Server;
  cleanups.push(async () => {
    await app.stop();
  });
  const appUrl = `http://127.0.0.1:${(http.address() as AddressInfo).port}/slack/events`;
  const driver = createHttpDriver(ws, { appUrl, responseOrigin: server.origin });
  await ws.waitFor(() => ws.calls('auth.test').length > 0); // Bolt verifies its token as it is built
  return { ws, driver, seen, appUrl };
}

describe('http driver against a real Bolt app', () => {
  it('runs a command, a button click and a modal submission end to end', async () => {
    const { ws, driver, seen } = await boltHttpStack();

    const command = await driver.command('alice', '#sig-node', '/kep-status', '4222');
    expect(command.status).toBe(200);
    expect(ws.ephemerals('alice').map((e) => e.text)).toEqual(['Recorded 4222']);
    const post = await ws.waitFor(() => ws.messages('#sig-node').find((m) => m.text === 'KEP 4222'));
    expect(post.botId).toBe('B0BOT00001');

    const click = await driver.click('alice', {
      channel: '#sig-node',
      messageTs: post.ts,
      actionId: 'kep_edit',
    });
    expect(click.status).toBe(200);
    const [modal] = await ws.waitFor(() => ws.openViews('alice').length === 1 && ws.openViews('alice'));
    const action = seen.actions[0] as {
      container: Record<string, unknown>;
      message: { ts: string; blocks: unknown[] };
      actions: Array<Record<string, unknown>>;
      trigger_id: string;
    };
    expect(action.container).toMatchObject({
      type: 'message',
      message_ts: post.ts,
      channel_id: 'C0SIGNODE1',
    });
    expect(action.message.blocks).toEqual(post.blocks);
    expect(action.actions[0]).toMatchObject({
      action_id: 'kep_edit',
      block_id: 'kep_actions',
      value: '4222',
    });
    expect(action.trigger_id).toBe(click.triggerId);

    const options = await driver.options('alice', modal!.id, 'kep_picker', '42');
    expect(options.body).toEqual({
      options: [
        { text: { type: 'plain_text', text: 'KEP 4222' }, value: '4222' },
        { text: { type: 'plain_text', text: 'KEP 4288' }, value: '4288' },
      ],
    });

    const refused = await driver.submitView('alice', modal!.id, {
      state: { state_select: 'at-risk' },
      kep: { kep_picker: '4222' },
    });
    expect(refused.body).toEqual({ response_action: 'errors', errors: { note: 'Say what blocks it' } });
    expect(ws.view(modal!.id)).toMatchObject({ closed: false, errors: { note: 'Say what blocks it' } });

    const saved = await driver.submitView('alice', modal!.id, {
      state: { state_select: 'at-risk' },
      kep: { kep_picker: '4222' },
      note: { note_input: 'waiting on API review' },
    });
    expect(saved).toMatchObject({ status: 200, body: null });
    expect(ws.view(modal!.id)?.closed).toBe(true);
    const submitted = seen.submissions[1] as {
      view: { id: string; private_metadata: string; state: unknown };
    };
    expect(submitted.view.id).toBe(modal!.id);
    expect(JSON.parse(submitted.view.private_metadata)).toEqual({ kep: 4222 });
    expect(submitted.view.state).toEqual({
      values: {
        state: {
          state_select: {
            type: 'static_select',
            selected_option: { text: { type: 'plain_text', text: 'at-risk' }, value: 'at-risk' },
          },
        },
        kep: {
          kep_picker: {
            type: 'external_select',
            selected_option: { text: { type: 'plain_text', text: '4222', emoji: true }, value: '4222' },
          },
        },
        note: { note_input: { type: 'plain_text_input', value: 'waiting on API review' } },
      },
    });
  });

  it('posts an in_channel command answer in the channel', async () => {
    const { ws, driver } = await boltHttpStack();
    await driver.command('bob', 'sig-node', '/fist-to-five', 'ship 1.37?');
    const vote = ws.messages('sig-node').find((m) => m.text === 'Vote: ship 1.37?');
    expect(vote?.botId).toBe('B0BOT00001');
    expect(ws.ephemerals()).toEqual([]);
  });

  it('sends view_closed only for views that asked for it, and closes the view either way', async () => {
    const { ws, driver, seen } = await boltHttpStack();
    const notifying = ws.openModal('U0ALICE001', statusModal(true));
    const silent = ws.openModal('U0BOB00001', statusModal(false));
    expect((await driver.closeView('alice', notifying.id)).status).toBe(200);
    expect(await driver.closeView('bob', silent.id)).toEqual({ status: 0, body: null });
    expect(seen.closed).toEqual([notifying.id]);
    expect([ws.view(notifying.id)?.closed, ws.view(silent.id)?.closed]).toEqual([true, true]);
    await expect(driver.submitView('bob', silent.id, {})).rejects.toThrow(/is closed/);
  });

  it('delivers a message shortcut with the message it was used on', async () => {
    const { ws, driver, seen } = await boltHttpStack();
    const readout = ws.recordMessage({ channel: 'sig-node', user: 'bob', text: 'Readout: ship 1.37' });
    const result = await driver.messageShortcut('alice', '#sig-node', readout.ts, 'start_vote');
    expect(result.status).toBe(200);
    expect(seen.shortcuts[0]).toMatchObject({
      type: 'message_action',
      callback_id: 'start_vote',
      message_ts: readout.ts,
      trigger_id: result.triggerId,
      message: { ts: readout.ts, text: 'Readout: ship 1.37', user: 'U0BOB00001' },
    });
    const reply = await ws.waitFor(() => ws.replies('sig-node', readout.ts)[0]);
    expect(reply.text).toBe('Vote on: Readout: ship 1.37');
  });

  it('delivers events, with the retry number Bolt puts in context', async () => {
    const { ws, driver, seen } = await boltHttpStack();
    const event = { type: 'app_home_opened', user: 'U0ALICE001', channel: 'D0000000001', tab: 'home' };
    await driver.event(event);
    await driver.event(event, { retryNum: 1 });
    await ws.waitFor(() => seen.events.length === 2);
    expect(seen.events).toEqual([
      { type: 'app_home_opened', retryNum: undefined, retryReason: undefined },
      { type: 'app_home_opened', retryNum: 1, retryReason: 'http_timeout' },
    ]);
    expect(ws.home('alice')?.view.blocks).toHaveLength(1);
  });

  it.each([
    ['a wrong signing secret', (body: string, ts: number) => signRequest('not-the-secret', ts, body), 0],
    [
      'a stale timestamp',
      (body: string, ts: number) => signRequest('sandbox-signing-secret', ts - 600, body),
      -600,
    ],
  ])('rejects a request signed with %s (401) and changes nothing', async (_label, sign, skew) => {
    const { ws, driver, seen } = await boltHttpStack();
    const body = new URLSearchParams({
      command: '/kep-status',
      text: '4222',
      team_id: 'T0DRUMBEAT',
      channel_id: 'C0SIGNODE1',
      user_id: 'U0ALICE001',
    }).toString();
    const ts = Math.floor(Date.now() / 1000);
    const callsBefore = ws.calls().length;
    const result = await driver.raw(body, {
      'content-type': 'application/x-www-form-urlencoded',
      'x-slack-request-timestamp': String(ts + skew),
      'x-slack-signature': sign(body, ts),
    });
    expect(result.status).toBe(401);
    expect(seen.commands).toEqual([]);
    expect(ws.calls().length).toBe(callsBefore);
    expect(ws.messages('sig-node')).toEqual([]);
    expect(ws.ephemerals()).toEqual([]);
  });
});
