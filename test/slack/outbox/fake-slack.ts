import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { LogLevel, WebClient } from '@slack/web-api';
import type { FakeClock } from '../../fakes/fake-clock.ts';

/** One Web API request as the fake saw it; `at` is the fake clock's time in ms. */
export interface FakeCall {
  method: string;
  params: Record<string, unknown>;
  token: string;
  at: number;
}

export interface FakeMessage {
  channel: string;
  ts: string;
  text: string;
  threadTs: string | null;
  metadata: { event_type?: string; event_payload?: { key?: string } } | null;
  token: string;
  at: number;
}

/**
 * What an interceptor makes the fake do instead of the method: an HTTP answer, or `accept-then-drop`
 * (do the method, then cut the connection before answering, as a crash or timeout would).
 */
export type FakeReply =
  | { status: number; headers?: Record<string, string>; body: unknown }
  | 'accept-then-drop';
export type Interceptor = (call: FakeCall) => FakeReply | undefined;

export const rateLimited = (seconds: number): FakeReply => ({
  status: 429,
  headers: { 'retry-after': String(seconds) },
  body: { ok: false, error: 'ratelimited' },
});
export const serverError: FakeReply = { status: 500, body: 'internal server error' };
export const platformError = (error: string): FakeReply => ({ status: 200, body: { ok: false, error } });

const jsonParams = new Set(['blocks', 'metadata', 'view', 'attachments']);

/**
 * A small Slack Web API on 127.0.0.1: chat.postMessage / update / postEphemeral, conversations.open /
 * history / replies, views.publish. Message ts values come from the fake clock.
 */
export class FakeSlack {
  readonly calls: FakeCall[] = [];
  readonly messages: FakeMessage[] = [];
  readonly ephemerals: FakeCall[] = [];
  readonly publishes: FakeCall[] = [];
  readonly updates: FakeCall[] = [];
  #interceptors: Interceptor[] = [];
  #server: Server | null = null;
  #seq = 0;
  url = '';

  private readonly clock: FakeClock;

  constructor(clock: FakeClock) {
    this.clock = clock;
  }

  async start(): Promise<this> {
    this.#server = createServer((req, res) => void this.#handle(req, res));
    await new Promise<void>((resolve) => this.#server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}/api/`;
    return this;
  }

  async close(): Promise<void> {
    if (!this.#server) return;
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server!.close(() => resolve()));
  }

  /** A WebClient that leaves retries and rate limits to the caller, as the outbox needs. */
  client(token: string): WebClient {
    return new WebClient(token, {
      slackApiUrl: this.url,
      retryConfig: { retries: 0 },
      rejectRateLimitedCalls: true,
      logLevel: LogLevel.ERROR,
    });
  }

  /** Adds an interceptor (first one with an answer wins); returns a function that removes it. */
  intercept(interceptor: Interceptor): () => void {
    this.#interceptors.push(interceptor);
    return () => {
      this.#interceptors = this.#interceptors.filter((i) => i !== interceptor);
    };
  }

  callsTo(method: string): FakeCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** Messages posted under an outbox key (by their metadata). */
  postsWithKey(key: string): FakeMessage[] {
    return this.messages.filter((m) => m.metadata?.event_payload?.key === key);
  }

  async #handle(req: IncomingMessage, res: ServerResponse) {
    const call = await this.#read(req);
    this.calls.push(call);
    const reply = this.#interceptors.map((i) => i(call)).find((r) => r !== undefined);
    if (reply === 'accept-then-drop') {
      this.#perform(call);
      res.socket?.destroy();
      return;
    }
    const answer = reply ?? { status: 200, body: this.#perform(call) };
    const text = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
    res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
    res.end(text);
  }

  async #read(req: IncomingMessage): Promise<FakeCall> {
    let raw = '';
    for await (const chunk of req) raw += chunk;
    const params: Record<string, unknown> = {};
    for (const [k, v] of new URLSearchParams(raw)) params[k] = jsonParams.has(k) ? JSON.parse(v) : v;
    const method = (req.url ?? '').replace(/^\/api\//, '').split('?')[0] ?? '';
    const token = (req.headers.authorization ?? '').replace(/^Bearer /, '') || String(params.token ?? '');
    return { method, params, token, at: this.clock.now().getTime() };
  }

  #nextTs(): string {
    this.#seq++;
    return `${Math.floor(this.clock.now().getTime() / 1000)}.${String(this.#seq).padStart(6, '0')}`;
  }

  #perform(call: FakeCall): unknown {
    const p = call.params;
    switch (call.method) {
      case 'chat.postMessage':
        return this.#post(call);
      case 'chat.update': {
        const message = this.messages.find((m) => m.channel === p.channel && m.ts === p.ts);
        if (!message) return { ok: false, error: 'message_not_found' };
        message.text = String(p.text ?? '');
        this.updates.push(call);
        return { ok: true, channel: p.channel, ts: p.ts };
      }
      case 'chat.postEphemeral':
        this.ephemerals.push(call);
        return { ok: true, message_ts: this.#nextTs() };
      case 'views.publish':
        this.publishes.push(call);
        return { ok: true, view: { id: `V${this.publishes.length}` } };
      case 'conversations.open':
        return { ok: true, channel: { id: `D${String(p.users)}` } };
      case 'conversations.history':
        return this.#history(
          p,
          (m) => m.channel === p.channel && (m.threadTs === null || m.threadTs === m.ts),
        );
      case 'conversations.replies':
        return this.#history(
          p,
          (m) => m.channel === p.channel && (m.ts === p.ts || m.threadTs === p.ts),
          true,
        );
      default:
        return { ok: false, error: 'unknown_method' };
    }
  }

  #post(call: FakeCall) {
    const p = call.params;
    const channel = String(p.channel ?? '');
    if (!/^[CDG]/.test(channel)) return { ok: false, error: 'channel_not_found' };
    const message: FakeMessage = {
      channel,
      ts: this.#nextTs(),
      text: String(p.text ?? ''),
      threadTs: typeof p.thread_ts === 'string' ? p.thread_ts : null,
      metadata: (p.metadata as FakeMessage['metadata']) ?? null,
      token: call.token,
      at: call.at,
    };
    this.messages.push(message);
    return { ok: true, channel, ts: message.ts, message: { text: message.text, ts: message.ts } };
  }

  /** Messages newer than `oldest`, newest first (oldest first for replies), 2 per page to exercise cursors. */
  #history(p: Record<string, unknown>, match: (m: FakeMessage) => boolean, ascending = false) {
    const oldest = Number(p.oldest ?? 0);
    const all = this.messages.filter((m) => match(m) && Number(m.ts) > oldest);
    if (!ascending) all.reverse();
    const start = Number(p.cursor ?? 0);
    const page = all.slice(start, start + 2).map((m) => ({
      type: 'message',
      ts: m.ts,
      text: m.text,
      ...(m.threadTs ? { thread_ts: m.threadTs } : {}),
      ...(p.include_all_metadata === 'true' && m.metadata ? { metadata: m.metadata } : {}),
    }));
    const next = start + 2 < all.length ? String(start + 2) : '';
    return { ok: true, messages: page, has_more: next !== '', response_metadata: { next_cursor: next } };
  }
}
