import { randomBytes, randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type RawData, WebSocket, WebSocketServer } from 'ws';
import type { SlackWorkspace } from './workspace.ts';

/** The kinds of Socket Mode envelope the hub delivers (Slack's `type` field). */
export type EnvelopeType = 'slash_commands' | 'interactive' | 'events_api';

/** How one envelope ended: the app's ack payload and how many times it was sent. */
export interface DeliveryResult {
  envelopeId: string;
  /** `payload` of the app's ack message (`{}` for a bare `ack()`), or null when the ack carried none. */
  ackPayload: unknown;
  /** Number of times the envelope was sent (1 = acked on the first delivery). */
  attempts: number;
}

/** Per-envelope delivery options; both default to the hub's options. */
export interface DeliverOptions {
  /** How long to wait for an ack before redelivering (Slack: about 3 s). */
  ackTimeoutMs?: number;
  /** Deliveries in all (first + retries) before the envelope is given up and `deliver` rejects. */
  maxAttempts?: number;
}

/** The Socket Mode side of the local Slack workspace: a WebSocket server speaking Slack's protocol. */
export interface SocketModeHub {
  /** A fresh single-use `ws://127.0.0.1:PORT/link/?ticket=…` URL; pass as `onConnectionsOpen` to the web API server. */
  openConnectionUrl(): Promise<string>;
  /**
   * Sends one envelope to a live connection (queued until one opens), redelivering it when it is not acked
   * in time. Resolves with the ack; rejects when `maxAttempts` deliveries went unacked or the hub closed.
   */
  deliver(
    type: EnvelopeType,
    payload: Record<string, unknown>,
    options?: DeliverOptions,
  ): Promise<DeliveryResult>;
  /** Sends `{ type: 'disconnect', reason: 'refresh_requested' }` to live connections; no new envelopes go to them. */
  requestReconnect(): void;
  /** Open connections (including ones asked to reconnect that have not closed yet). */
  connections(): number;
  /** Rejects undelivered envelopes, closes every connection and the server. */
  close(): Promise<void>;
}

/** Options for {@link startSocketModeHub}. */
export interface SocketModeHubOptions {
  /** The app-level token this hub serves; checked by the web API server's apps.connections.open, kept for reference. */
  appToken?: string;
  /** Default ack timeout per delivery (default 3000 ms, like Slack). */
  ackTimeoutMs?: number;
  /** Default deliveries per envelope (default 4: the first and 3 retries, as Slack does for events). */
  maxAttempts?: number;
  /** How often the hub pings each connection (default 10 000 ms); the client expects pings within 30 s. */
  pingIntervalMs?: number;
  /** After `requestReconnect`, connections the client has not closed are terminated after this (default 10 000 ms). */
  disconnectGraceMs?: number;
  /** Port to listen on (default 0: any free port); always bound to 127.0.0.1. */
  port?: number;
}

interface Connection {
  socket: WebSocket;
  draining: boolean;
  graceTimer: NodeJS.Timeout | null;
}

interface Pending {
  envelopeId: string;
  type: EnvelopeType;
  payload: Record<string, unknown>;
  attempts: number;
  maxAttempts: number;
  ackTimeoutMs: number;
  retryReason: string;
  connection: Connection | null;
  timer: NodeJS.Timeout | null;
  resolve: (result: DeliveryResult) => void;
  reject: (error: Error) => void;
}

const LINK_PATH = '/link/';

/** Starts a Socket Mode hub on 127.0.0.1 (port 0 unless told). */
export async function startSocketModeHub(
  ws: SlackWorkspace,
  options: SocketModeHubOptions = {},
): Promise<SocketModeHub> {
  const hub = new Hub(ws.seed.bot.appId, options);
  await hub.listen(options.port ?? 0);
  return hub;
}

class Hub implements SocketModeHub {
  private server: WebSocketServer | null = null;
  private port = 0;
  private readonly tickets = new Set<string>();
  private readonly live: Connection[] = [];
  private readonly pending = new Map<string, Pending>();
  private queue: Pending[] = [];
  private nextConnection = 0;
  private pingTimer: NodeJS.Timeout | null = null;
  private closed = false;

  private readonly appId: string;
  private readonly options: SocketModeHubOptions;

  constructor(appId: string, options: SocketModeHubOptions) {
    this.appId = appId;
    this.options = options;
  }

  listen(port: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const server = new WebSocketServer({
        host: '127.0.0.1',
        port,
        verifyClient: (info, done) => this.verify(info.req, done),
      });
      server.once('error', reject);
      server.once('listening', () => {
        server.off('error', reject);
        this.port = (server.address() as AddressInfo).port;
        resolve();
      });
      server.on('connection', (socket) => this.onConnection(socket));
      this.server = server;
      this.pingTimer = setInterval(() => this.pingAll(), this.options.pingIntervalMs ?? 10_000);
      this.pingTimer.unref();
    });
  }

  async openConnectionUrl(): Promise<string> {
    if (this.closed) throw new Error('The Socket Mode hub is closed; start a new one.');
    const ticket = randomBytes(16).toString('hex');
    this.tickets.add(ticket);
    return `ws://127.0.0.1:${this.port}${LINK_PATH}?ticket=${ticket}`;
  }

  deliver(type: EnvelopeType, payload: Record<string, unknown>, options: DeliverOptions = {}) {
    if (this.closed)
      return Promise.reject(new Error('The Socket Mode hub is closed; nothing can be delivered.'));
    return new Promise<DeliveryResult>((resolve, reject) => {
      const entry: Pending = {
        envelopeId: randomUUID(),
        type,
        payload,
        attempts: 0,
        maxAttempts: Math.max(1, options.maxAttempts ?? this.options.maxAttempts ?? 4),
        ackTimeoutMs: options.ackTimeoutMs ?? this.options.ackTimeoutMs ?? 3000,
        retryReason: '',
        connection: null,
        timer: null,
        resolve,
        reject,
      };
      this.pending.set(entry.envelopeId, entry);
      this.send(entry);
    });
  }

  requestReconnect(): void {
    for (const connection of this.live.filter((c) => !c.draining)) {
      connection.draining = true;
      const message = { type: 'disconnect', reason: 'refresh_requested', debug_info: { host: 'sandbox' } };
      connection.socket.send(JSON.stringify(message));
      connection.graceTimer = setTimeout(
        () => connection.socket.terminate(),
        this.options.disconnectGraceMs ?? 10_000,
      );
      connection.graceTimer.unref();
    }
  }

  connections(): number {
    return this.live.length;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.pingTimer) clearInterval(this.pingTimer);
    for (const entry of this.pending.values()) {
      if (entry.timer) clearTimeout(entry.timer);
      entry.reject(
        new Error(`The Socket Mode hub closed before envelope ${entry.envelopeId} was acknowledged.`),
      );
    }
    this.pending.clear();
    this.queue = [];
    await Promise.all(this.live.map((connection) => closeGracefully(connection)));
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private verify(req: IncomingMessage, done: (ok: boolean, code?: number, message?: string) => void): void {
    const url = new URL(req.url ?? '/', 'ws://127.0.0.1');
    const ticket = url.searchParams.get('ticket') ?? '';
    if (this.closed || url.pathname !== LINK_PATH || !this.tickets.delete(ticket)) {
      done(false, 401, 'Unknown or used ticket: call apps.connections.open for a new URL.');
      return;
    }
    done(true);
  }

  private onConnection(socket: WebSocket): void {
    const connection: Connection = { socket, draining: false, graceTimer: null };
    this.live.push(connection);
    socket.on('message', (data, isBinary) => this.onMessage(data, isBinary));
    socket.on('close', () => this.onClose(connection));
    socket.on('error', () => socket.terminate());
    const hello = {
      type: 'hello',
      num_connections: this.live.length,
      debug_info: { host: 'sandbox', approximate_connection_time: 18060 },
      connection_info: { app_id: this.appId },
    };
    socket.send(JSON.stringify(hello));
    this.flushQueue();
  }

  private onMessage(data: RawData, isBinary: boolean): void {
    if (isBinary) return;
    const ack = parseAck(data.toString());
    const entry = ack ? this.pending.get(ack.envelopeId) : undefined;
    if (!ack || !entry) return; // not an ack, or a late ack of an envelope already settled
    if (entry.timer) clearTimeout(entry.timer);
    this.pending.delete(entry.envelopeId);
    entry.resolve({ envelopeId: entry.envelopeId, ackPayload: ack.payload, attempts: entry.attempts });
  }

  private onClose(connection: Connection): void {
    if (connection.graceTimer) clearTimeout(connection.graceTimer);
    const index = this.live.indexOf(connection);
    if (index >= 0) this.live.splice(index, 1);
    if (this.closed) return;
    for (const entry of this.pending.values()) {
      if (entry.connection === connection) this.redeliver(entry);
    }
  }

  private pickConnection(): Connection | undefined {
    const ready = this.live.filter((c) => !c.draining && c.socket.readyState === WebSocket.OPEN);
    if (ready.length === 0) return undefined;
    this.nextConnection = (this.nextConnection + 1) % ready.length;
    return ready[this.nextConnection];
  }

  private send(entry: Pending): void {
    const connection = this.pickConnection();
    if (!connection) {
      entry.connection = null;
      this.queue.push(entry);
      return;
    }
    entry.attempts += 1;
    entry.connection = connection;
    connection.socket.send(JSON.stringify(toEnvelope(entry)));
    entry.timer = setTimeout(() => this.redeliver(entry), entry.ackTimeoutMs);
  }

  private redeliver(entry: Pending): void {
    if (entry.timer) clearTimeout(entry.timer);
    entry.timer = null;
    entry.connection = null;
    if (!this.pending.has(entry.envelopeId)) return;
    if (entry.attempts >= entry.maxAttempts) {
      this.pending.delete(entry.envelopeId);
      entry.reject(
        new Error(
          `Envelope ${entry.envelopeId} (${entry.type}) was not acknowledged after ${entry.attempts} deliveries; ` +
            'the app must call ack() within the ack timeout.',
        ),
      );
      return;
    }
    entry.retryReason = 'timeout';
    this.send(entry);
  }

  private flushQueue(): void {
    const waiting = this.queue;
    this.queue = [];
    for (const entry of waiting) this.send(entry);
  }

  private pingAll(): void {
    for (const connection of this.live) {
      if (connection.socket.readyState === WebSocket.OPEN) connection.socket.ping();
    }
  }
}

/**
 * Sends a close frame and waits (up to 500 ms) for the client to answer, then cuts the socket: a client
 * that sees its socket vanish without a close handshake logs a WebSocket error.
 */
function closeGracefully(connection: Connection): Promise<void> {
  if (connection.graceTimer) clearTimeout(connection.graceTimer);
  const { socket } = connection;
  if (socket.readyState === WebSocket.CLOSED) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => socket.terminate(), 500);
    socket.once('close', () => {
      clearTimeout(timer);
      resolve();
    });
    if (socket.readyState === WebSocket.OPEN) socket.close(1001, 'sandbox hub closing');
  });
}

/** The envelope as Slack sends it: retry_attempt counts from 0, retry_reason is '' on the first delivery. */
function toEnvelope(entry: Pending): Record<string, unknown> {
  return {
    envelope_id: entry.envelopeId,
    type: entry.type,
    payload: entry.payload,
    accepts_response_payload: entry.type !== 'events_api',
    retry_attempt: entry.attempts - 1,
    retry_reason: entry.attempts > 1 ? entry.retryReason : '',
  };
}

/** Reads a client message as an ack (`{ envelope_id, payload? }`); anything else yields undefined. */
function parseAck(text: string): { envelopeId: string; payload: unknown } | undefined {
  let message: unknown;
  try {
    message = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof message !== 'object' || message === null) return undefined;
  const { envelope_id: envelopeId, payload } = message as { envelope_id?: unknown; payload?: unknown };
  if (typeof envelopeId !== 'string') return undefined;
  return { envelopeId, payload: payload ?? null };
}
