import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  type AnyMiddlewareArgs,
  App,
  type CustomRoute,
  HTTPReceiver,
  LogLevel,
  type Middleware,
  SocketModeReceiver,
} from '@slack/bolt';
import type { Logger } from '../ports/logger.ts';
import { type AckGate, gateAcks } from './ack-gate.ts';
import { timeAcks } from './ack-timing.ts';
import { type AfterRequestWork, afterEachRequest } from './after-request.ts';
import { answerUnhandled } from './answer-unhandled.ts';
import { toBoltLogger } from './bolt-logger.ts';
import { listenerClientOptions } from './listener-client.ts';
import { guardSlackRequests } from './request-window.ts';

/** How the app talks to Slack: Socket Mode (an app-level token) or HTTP (a signing secret). */
export type SlackMode =
  | { kind: 'socket'; botToken: string; appToken: string }
  | { kind: 'http'; botToken: string; signingSecret: string };

export interface SlackAppOptions {
  mode: SlackMode;
  /** Honoured by every Web API call, Socket Mode's `apps.connections.open` included. */
  apiUrl: string;
  /** HTTP mode: where the receiver listens (`/slack/events`). */
  port?: number;
  host?: string;
  logger: Logger;
  /** Global middleware, run before any listener (idempotency first). */
  middleware?: Middleware<AnyMiddlewareArgs>[];
  /**
   * Work done after every inbound request, once its listener has answered (e.g. the escalation
   * sweep), in order.
   */
  afterRequest?: AfterRequestWork[];
  /** Registers the listeners, surface by surface. */
  register: (app: App) => void;
  /** HTTP mode: further routes on the same port (e.g. `/healthz` and `/metrics`). */
  routes?: CustomRoute[];
  logLevel?: LogLevel;
  /** Told how long each request waited for its acknowledgement. */
  ackLatency?: (surface: string, seconds: number) => void;
  /** Counts the requests waiting for their acknowledgement (the outbox lets them go first). */
  ackGate?: Pick<AckGate, 'begin'>;
  /**
   * Who the bot is (from our own auth.test), so Bolt does not ask Slack itself: Bolt asks once at
   * start and keeps a failure for ever. Without it, Bolt asks with the bot token as usual.
   */
  identity?: () => Promise<{ botId: string; botUserId: string }>;
}

export interface SlackApp {
  app: App;
  /** Starts receiving; in HTTP mode resolves with the bound port. */
  start(): Promise<{ port: number | null }>;
  stop(): Promise<void>;
  /** Socket Mode: whether the WebSocket is up. HTTP mode: whether the server is listening. */
  isConnected(): boolean;
  /**
   * Socket Mode: told of every change of the client's state (`connecting`, `reconnecting`,
   * `connected`, `disconnected`…). HTTP mode: never called.
   */
  onSocketState(listener: (state: string) => void): void;
  /** Socket Mode: drops whatever the client is doing and connects afresh. HTTP mode: nothing. */
  reconnectSocket(): Promise<void>;
}

/** How long the Socket Mode client waits before reconnecting after a disconnect (see above). */
const socketReconnectDelayMs = 2000;

/**
 * `apps.connections.open` retries a 5xx or a network error a few times over ~15 s, not the Web
 * API client's default of ten times over about thirty minutes: an attempt in flight must end
 * before the connection supervisor (`src/wiring/socket-supervisor.ts`) starts one of its own.
 */
const socketOpenRetries = { retries: 3, factor: 2, minTimeout: 1000, maxTimeout: 8000 };

/** The client's states (SocketModeClient's `State`) a listener of `onSocketState` hears. */
const socketStates = [
  'connecting',
  'authenticated',
  'connected',
  'reconnecting',
  'disconnecting',
  'disconnected',
  'close',
];

/** Builds the Bolt app for either run mode; knows nothing about what the listeners do. */
export function createSlackApp(options: SlackAppOptions): SlackApp {
  const boltLogger = toBoltLogger(
    options.logger.child({ component: 'bolt' }),
    options.logLevel ?? LogLevel.WARN,
  );
  const clientOptions = { slackApiUrl: options.apiUrl };
  let connected = false;
  let server: Server | null = null;

  const receiver =
    options.mode.kind === 'socket'
      ? new SocketModeReceiver({
          appToken: options.mode.appToken,
          logger: boltLogger,
          // The client waits this long before reconnecting, even after Slack's routine
          // `refresh_requested` (default 5 s, longer than a slash command's 3 s); it is also how
          // late a pong may be before the socket counts as dead.
          clientPingTimeout: socketReconnectDelayMs,
          // The Socket Mode client reads its Web API options from here (apps.connections.open).
          installerOptions: { clientOptions: { ...clientOptions, retryConfig: socketOpenRetries } },
        })
      : new HTTPReceiver({
          signingSecret: options.mode.signingSecret,
          endpoints: '/slack/events',
          logger: boltLogger,
          customRoutes: options.routes ?? [],
          unhandledRequestTimeoutMillis: 2900,
        });

  if (receiver instanceof HTTPReceiver)
    receiver.requestListener = guardSlackRequests(receiver.requestListener, options.logger);

  if (receiver instanceof SocketModeReceiver) {
    receiver.client.on('connected', () => {
      connected = true;
    });
    // With auto-reconnect on, a lost socket emits `close` (and `reconnecting`), never
    // `disconnected`: the connection is down until the next `connected` (Slack's `hello`).
    for (const down of ['close', 'reconnecting', 'disconnecting', 'disconnected']) {
      receiver.client.on(down, () => {
        connected = false;
      });
    }
  }

  // Listeners get a client of their own: no retries, 429s rejected, a budget within Slack's 3 s.
  const listenerClient = { ...clientOptions, ...listenerClientOptions() };
  const botToken = options.mode.botToken;
  const identity = options.identity;
  const app = identity
    ? new App({
        receiver,
        authorize: async () => ({ botToken, ...(await identity()) }),
        clientOptions: listenerClient,
        logger: boltLogger,
      })
    : new App({ receiver, token: botToken, clientOptions: listenerClient, logger: boltLogger });
  answerUnhandled(app, options.logger);
  if (options.ackLatency) timeAcks(app, options.ackLatency);
  if (options.ackGate) gateAcks(app, options.ackGate);
  for (const m of options.middleware ?? []) app.use(m);
  for (const work of options.afterRequest ?? []) app.use(afterEachRequest(work, options.logger));
  app.error(async (error) => {
    options.logger.error('listener failed', { error, code: (error as { code?: string }).code });
  });
  options.register(app);

  return {
    app,
    async start() {
      if (receiver instanceof HTTPReceiver) {
        server = (await app.start({ port: options.port ?? 3000, host: options.host ?? '0.0.0.0' })) as Server;
        connected = true;
        return { port: (server.address() as AddressInfo).port };
      }
      await app.start();
      return { port: null };
    },
    async stop() {
      connected = false;
      await app.stop();
    },
    isConnected: () => connected,
    onSocketState(listener) {
      if (!(receiver instanceof SocketModeReceiver)) return;
      for (const state of socketStates) receiver.client.on(state, () => listener(state));
    },
    async reconnectSocket() {
      if (!(receiver instanceof SocketModeReceiver)) return;
      await receiver.client.disconnect();
      await receiver.client.start();
    },
  };
}
