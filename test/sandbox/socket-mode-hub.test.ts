import { App, type Logger, LogLevel, SocketModeReceiver } from '@slack/bolt';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { createSocketDriver, type DriverResult, type SlackDriver } from '../../src/sandbox/driver.ts';
import {
  type SocketModeHub,
  type SocketModeHubOptions,
  startSocketModeHub,
} from '../../src/sandbox/socket-mode-hub.ts';
import { startWebApiServer } from '../../src/sandbox/web-api-server.ts';
import { SlackWorkspace } from '../../src/sandbox/workspace.ts';

/** A raw WebSocket client that queues what the hub sends, so tests can read it in order. */
interface TestClient {
  socket: WebSocket;
  next(timeoutMs?: number): Promise<Record<string, unknown>>;
  ack(envelopeId: unknown, payload?: unknown): void;
  pings: number;
  closed: Promise<void>;
}

const cleanups: Array<() => Promise<void> | void> = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function workspace(): SlackWorkspace {
  return new SlackWorkspace({ users: [{ id: 'U0ALICE001', name: 'alice' }], channels: [] });
}

async function hub(options: SocketModeHubOptions = {}): Promise<SocketModeHub> {
  const started = await startSocketModeHub(workspace(), options);
  cleanups.push(() => started.close());
  return started;
}

function connect(url: string): Promise<TestClient> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url);
    const inbox: Record<string, unknown>[] = [];
    const waiters: Array<(m: Record<string, unknown>) => void> = [];
    const client: TestClient = {
      socket,
      pings: 0,
      closed: new Promise((done) => socket.once('close', () => done())),
      next: (timeoutMs = 2000) =>
        new Promise((ok, fail) => {
          const queued = inbox.shift();
          if (queued) return ok(queued);
          const timer = setTimeout(() => fail(new Error('no message from the hub in time')), timeoutMs);
          waiters.push((m) => {
            clearTimeout(timer);
            ok(m);
          });
        }),
      ack: (envelopeId, payload) => socket.send(JSON.stringify({ envelope_id: envelopeId, payload })),
    };
    socket.on('message', (data) => {
      const message = JSON.parse(data.toString()) as Record<string, unknown>;
      const waiter = waiters.shift();
      if (waiter) waiter(message);
      else inbox.push(message);
    });
    socket.on('ping', () => {
      client.pings += 1;
    });
    socket.once('open', () => resolve(client));
    socket.once('error', reject);
    cleanups.push(() => socket.terminate());
  });
}

async function connectAndGreet(h: SocketModeHub): Promise<TestClient> {
  const client = await connect(await h.openConnectionUrl());
  const hello = await client.next();
  expect(hello.type).toBe('hello');
  return client;
}

/** Resolves with the HTTP status the hub refused the upgrade with. */
function refusedStatus(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url);
    socket.once('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      socket.terminate();
    });
    socket.once('open', () => reject(new Error('the hub accepted a connection it should refuse')));
    socket.once('error', () => undefined);
  });
}

describe('socket mode hub: protocol', () => {
  it('hands out single-use ws://127.0.0.1 link URLs with a ticket', async () => {
    const h = await hub();
    const url = await h.openConnectionUrl();
    expect(url).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/link\/\?ticket=[0-9a-f]{32}$/);
    expect(await h.openConnectionUrl()).not.toBe(url);
  });

  it('greets a new connection with hello, as Slack does', async () => {
    const h = await hub();
    const client = await connect(await h.openConnectionUrl());
    expect(await client.next()).toEqual({
      type: 'hello',
      num_connections: 1,
      debug_info: { host: 'sandbox', approximate_connection_time: 18060 },
      connection_info: { app_id: 'A0DRUMBEAT' },
    });
    const second = await connect(await h.openConnectionUrl());
    expect((await second.next()).num_connections).toBe(2);
    expect(h.connections()).toBe(2);
  });

  it('refuses unknown, reused and off-path tickets with 401', async () => {
    const h = await hub();
    const url = await h.openConnectionUrl();
    const port = new URL(url).port;
    expect(await refusedStatus(`ws://127.0.0.1:${port}/link/?ticket=forged`)).toBe(401);
    expect(await refusedStatus(url.replace('/link/', '/other/'))).toBe(401);
    await connect(url);
    expect(await refusedStatus(url)).toBe(401);
  });

  it.each([
    ['slash_commands', true],
    ['interactive', true],
    ['events_api', false],
  ] as const)(
    'delivers a %s envelope (accepts_response_payload %s) and resolves with the ack',
    async (type, accepts) => {
      const h = await hub();
      const client = await connectAndGreet(h);
      const delivery = h.deliver(type, { hello: 'app' });
      const envelope = await client.next();
      expect(envelope).toEqual({
        envelope_id: expect.any(String),
        type,
        payload: { hello: 'app' },
        accepts_response_payload: accepts,
        retry_attempt: 0,
        retry_reason: '',
      });
      client.ack(envelope.envelope_id, { text: 'got it' });
      await expect(delivery).resolves.toEqual({
        envelopeId: envelope.envelope_id,
        ackPayload: { text: 'got it' },
        attempts: 1,
      });
    },
  );

  it('reports an ack without payload as null', async () => {
    const h = await hub();
    const client = await connectAndGreet(h);
    const delivery = h.deliver('events_api', {});
    client.socket.send(JSON.stringify({ envelope_id: (await client.next()).envelope_id }));
    expect((await delivery).ackPayload).toBeNull();
  });

  it('redelivers an unacked envelope with retry_attempt + 1 and retry_reason "timeout"', async () => {
    const h = await hub({ ackTimeoutMs: 50 });
    const client = await connectAndGreet(h);
    const delivery = h.deliver('events_api', { n: 1 });
    const first = await client.next();
    const second = await client.next();
    expect(second).toMatchObject({
      envelope_id: first.envelope_id,
      retry_attempt: 1,
      retry_reason: 'timeout',
    });
    client.ack(second.envelope_id, {});
    expect(await delivery).toMatchObject({ attempts: 2, ackPayload: {} });
  });

  it('gives up after maxAttempts deliveries and says why', async () => {
    const h = await hub({ ackTimeoutMs: 30 });
    const client = await connectAndGreet(h);
    const delivery = h.deliver('slash_commands', {}, { maxAttempts: 2 });
    const rejected = expect(delivery).rejects.toThrow(/not acknowledged after 2 deliveries/);
    const attempts = [await client.next(), await client.next()].map((e) => e.retry_attempt);
    expect(attempts).toEqual([0, 1]);
    await rejected;
  });

  it('ignores a late ack for an envelope that was already acked', async () => {
    const h = await hub({ ackTimeoutMs: 40 });
    const client = await connectAndGreet(h);
    const delivery = h.deliver('interactive', {});
    const first = await client.next();
    await client.next(); // the redelivery
    client.ack(first.envelope_id, { which: 'first' });
    client.ack(first.envelope_id, { which: 'second' });
    expect((await delivery).ackPayload).toEqual({ which: 'first' });
  });

  it('queues envelopes while no connection is open and sends them after hello', async () => {
    const h = await hub();
    const delivery = h.deliver('events_api', { queued: true });
    const client = await connect(await h.openConnectionUrl());
    expect((await client.next()).type).toBe('hello');
    const envelope = await client.next();
    expect(envelope).toMatchObject({ payload: { queued: true }, retry_attempt: 0 });
    client.ack(envelope.envelope_id);
    expect((await delivery).attempts).toBe(1);
  });

  it('asks for a reconnect and moves new and in-flight envelopes to the new connection', async () => {
    const h = await hub({ ackTimeoutMs: 5000 });
    const old = await connectAndGreet(h);
    const inFlight = h.deliver('slash_commands', { n: 'in-flight' });
    const sentOnOld = await old.next();
    h.requestReconnect();
    expect(await old.next()).toEqual({
      type: 'disconnect',
      reason: 'refresh_requested',
      debug_info: { host: 'sandbox' },
    });
    const fresh = await connectAndGreet(h);
    const later = h.deliver('slash_commands', { n: 'later' });
    const laterEnvelope = await fresh.next();
    expect(laterEnvelope.payload).toEqual({ n: 'later' });
    fresh.ack(laterEnvelope.envelope_id, {});
    old.socket.close();
    await old.closed;
    const redelivered = await fresh.next();
    expect(redelivered).toMatchObject({ envelope_id: sentOnOld.envelope_id, payload: { n: 'in-flight' } });
    expect(redelivered.retry_attempt).toBe(1);
    fresh.ack(redelivered.envelope_id, {});
    expect((await inFlight).attempts).toBe(2);
    expect((await later).attempts).toBe(1);
    expect(h.connections()).toBe(1);
  });

  it('terminates a connection that ignores the disconnect after the grace period', async () => {
    const h = await hub({ disconnectGraceMs: 50 });
    const client = await connectAndGreet(h);
    h.requestReconnect();
    await client.closed;
    await until(() => h.connections() === 0);
    expect(h.connections()).toBe(0);
  });

  it('pings live connections (the client times out without server pings)', async () => {
    const h = await hub({ pingIntervalMs: 20 });
    const client = await connectAndGreet(h);
    await tick(120);
    expect(client.pings).toBeGreaterThanOrEqual(2);
  });

  it('rejects pending deliveries and refuses new work once closed', async () => {
    const h = await hub();
    const pending = h.deliver('events_api', {});
    await h.close();
    await expect(pending).rejects.toThrow(/closed before envelope/);
    await expect(h.deliver('events_api', {})).rejects.toThrow(/closed/);
    await expect(h.openConnectionUrl()).rejects.toThrow(/closed/);
  });

  it('ignores messages that are not acks', async () => {
    const h = await hub();
    const client = await connectAndGreet(h);
    const delivery = h.deliver('events_api', {});
    const envelope = await client.next();
    client.socket.send('not json');
    client.socket.send(JSON.stringify({ type: 'something' }));
    client.ack(envelope.envelope_id, { ok: true });
    expect((await delivery).ackPayload).toEqual({ ok: true });
  });
});

function tick(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function until(probe: () => boolean, timeoutMs = 2000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!probe()) {
    if (performance.now() > deadline) throw new Error(`condition not met in ${timeoutMs} ms: ${probe}`);
    await tick(5);
  }
}

// ------------------------------------------------------------------ a real Bolt app in Socket Mode

const seed = {
  users: [
    { id: 'U0ALICE001', name: 'alice' },
    { id: 'U0BOB00001', name: 'bob' },
  ],
  channels: [{ id: 'C0SIGNODE1', name: 'sig-node', members: ['alice', 'bob'] }],
};

interface SocketStack {
  ws: SlackWorkspace;
  hub: SocketModeHub;
  app: App;
  driver: SlackDriver;
}

/**
 * The recipe: the hub serves the WebSocket, the web API server answers apps.connections.open with a hub URL,
 * and Bolt gets its own SocketModeReceiver whose client talks to the emulator (installerOptions.clientOptions).
 */
async function socketStack(
  register: (app: App) => void,
  hubOptions: SocketModeHubOptions = {},
  quiet = false,
): Promise<SocketStack> {
  const ws = new SlackWorkspace(seed, { rate: { perChannelPerSecond: 1000, burst: 1000 } });
  const h = await startSocketModeHub(ws, hubOptions);
  cleanups.push(() => h.close());
  const server = await startWebApiServer(ws, { onConnectionsOpen: () => h.openConnectionUrl() });
  cleanups.push(() => server.close());
  const receiver = new SocketModeReceiver({
    appToken: ws.seed.tokens.app,
    ...(quiet ? { logger: quietLogger() } : { logLevel: LogLevel.ERROR }),
    clientPingTimeout: 1000, // also the client's delay before it reconnects (default 5000)
    installerOptions: { clientOptions: { slackApiUrl: server.url } },
  });
  const app = new App({
    token: ws.seed.tokens.bot,
    receiver,
    ...(quiet ? { logger: quietLogger() } : { logLevel: LogLevel.ERROR }),
    clientOptions: { slackApiUrl: server.url },
  });
  register(app);
  await app.start();
  cleanups.push(async () => {
    await app.stop();
  });
  const driver = createSocketDriver(ws, h, { responseOrigin: server.origin });
  return { ws, hub: h, app, driver };
}

/** Bolt logs an error when an ack is lost to a closing socket; that is the point of the test, so keep it quiet. */
function quietLogger(): Logger {
  const silent = () => undefined;
  return {
    debug: silent,
    info: silent,
    warn: silent,
    error: silent,
    setLevel: silent,
    getLevel: () => LogLevel.ERROR,
    setName: silent,
  };
}

describe('socket mode hub with a real Bolt app', () => {
  it('connects through apps.connections.open and handles a slash command', async () => {
    const { ws, driver } = await socketStack((app) => {
      app.command('/kep-status', async ({ command, ack, client }) => {
        await ack(`Recorded ${command.text}`);
        await client.chat.postMessage({
          channel: command.channel_id,
          text: `KEP ${command.text} is at-risk`,
        });
      });
    });
    expect(ws.calls('apps.connections.open')).toHaveLength(1);
    const result = await driver.command('alice', '#sig-node', '/kep-status', '4222');
    expect(result).toMatchObject({ status: 200, body: { text: 'Recorded 4222' }, retriesSent: 0 });
    expect(ws.ephemerals('alice').map((e) => e.text)).toEqual(['Recorded 4222']);
    const post = await ws.waitFor(() => ws.messages('#sig-node')[0]);
    expect(post).toMatchObject({ text: 'KEP 4222 is at-risk', botId: 'B0BOT00001' });
  });

  it('works with the plain socketMode: true recipe too', async () => {
    const ws = new SlackWorkspace(seed);
    const h = await startSocketModeHub(ws);
    cleanups.push(() => h.close());
    const server = await startWebApiServer(ws, { onConnectionsOpen: () => h.openConnectionUrl() });
    cleanups.push(() => server.close());
    const app = new App({
      token: ws.seed.tokens.bot,
      appToken: ws.seed.tokens.app,
      socketMode: true,
      logLevel: LogLevel.ERROR,
      clientOptions: { slackApiUrl: server.url },
    });
    app.command('/kep-status', async ({ ack }) => ack({ response_type: 'in_channel', text: 'on it' }));
    await app.start();
    cleanups.push(async () => {
      await app.stop();
    });
    const driver = createSocketDriver(ws, h, { responseOrigin: server.origin });
    await driver.command('bob', 'sig-node', '/kep-status');
    expect(ws.messages('sig-node').map((m) => m.text)).toEqual(['on it']);
  });

  it('redelivers an envelope the app did not ack, and Bolt sees the retry', async () => {
    const seen: Array<{ retryNum: number | undefined; retryReason: string | undefined }> = [];
    const { driver } = await socketStack(
      (app) => {
        app.command('/kep-status', async ({ ack, context }) => {
          seen.push({ retryNum: context.retryNum, retryReason: context.retryReason });
          if (seen.length > 1) await ack(); // the first delivery is dropped on the floor
        });
      },
      { ackTimeoutMs: 150 },
    );
    const result = await driver.command('alice', 'sig-node', '/kep-status', '4222');
    expect(result).toMatchObject({ status: 200, retriesSent: 1 });
    expect(seen).toEqual([
      { retryNum: 0, retryReason: '' },
      { retryNum: 1, retryReason: 'timeout' },
    ]);
  });

  it('applies a view_submission ack payload to the view', async () => {
    const { ws, driver } = await socketStack((app) => {
      app.view('kep_status_modal', async ({ ack }) => {
        await ack({ response_action: 'errors', errors: { note: 'Say what blocks it' } });
      });
    });
    const modal = ws.openModal('U0ALICE001', {
      type: 'modal',
      callback_id: 'kep_status_modal',
      title: { type: 'plain_text', text: 'KEP status' },
      submit: { type: 'plain_text', text: 'Save' },
      blocks: [
        {
          type: 'input',
          block_id: 'note',
          label: { type: 'plain_text', text: 'Note' },
          element: { type: 'plain_text_input', action_id: 'note_input' },
        },
      ],
    });
    const result = await driver.submitView('alice', modal.id, { note: { note_input: 'x' } });
    expect(result.body).toEqual({ response_action: 'errors', errors: { note: 'Say what blocks it' } });
    expect(ws.view(modal.id)).toMatchObject({ closed: false, errors: { note: 'Say what blocks it' } });
  });

  it('tells the user operation_timeout when a command is never acked', async () => {
    const { ws, driver } = await socketStack(
      (app) => {
        app.command('/kep-status', async () => undefined);
      },
      { ackTimeoutMs: 40, maxAttempts: 2 },
    );
    const result = await driver.command('alice', 'sig-node', '/kep-status');
    expect(result.status).toBe(504);
    expect(ws.ephemerals('alice').map((e) => e.text)).toEqual([
      '/kep-status failed with the error "operation_timeout"',
    ]);
  });

  it('handles every command of a burst when a reconnect is requested in the middle', async () => {
    const handled = new Set<string>();
    let deliveries = 0;
    const {
      ws,
      hub: h,
      driver,
    } = await socketStack(
      (app) => {
        app.command('/kep-status', async ({ command, ack }) => {
          deliveries += 1;
          await ack();
          handled.add(command.text);
        });
      },
      { ackTimeoutMs: 1000 },
      true,
    );
    const sends: Array<Promise<DriverResult>> = [];
    for (let i = 0; i < 20; i += 1) {
      sends.push(driver.command('alice', 'sig-node', '/kep-status', `kep-${i}`));
      if (i === 9) h.requestReconnect();
    }
    const results = await Promise.all(sends);
    expect(results.map((r) => r.status)).toEqual(Array(20).fill(200));
    expect([...handled].sort()).toEqual(Array.from({ length: 20 }, (_, i) => `kep-${i}`).sort());
    expect(deliveries).toBeGreaterThanOrEqual(20);
    expect(ws.calls('apps.connections.open')).toHaveLength(2);
    await until(() => h.connections() === 1);
  });
});
