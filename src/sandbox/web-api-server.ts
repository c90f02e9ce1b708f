/**
 * A loopback Slack Web API: `POST /api/<method>` on 127.0.0.1, answering like slack.com/api would
 * (form-urlencoded or JSON bodies, Bearer or `token` auth, `{ ok: false, error }` failures, HTTP 429
 * with Retry-After), backed by a SlackWorkspace. Point the app's WebClient at `url` (SLACK_API_URL).
 * The same server answers the response_urls the driver hands out (`POST /response/<id>`).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Args } from './api-args.ts';
import { SlackApiError } from './api-error.ts';
import { webApiMethods } from './methods/index.ts';
import type { MethodSpec } from './methods/method.ts';
import { handleResponseUrl } from './response-url.ts';
import type { SandboxFailure, SlackWorkspace } from './workspace.ts';

export interface WebApiServer {
  /** 'http://127.0.0.1:PORT/api/', to use as SLACK_API_URL / WebClient's slackApiUrl. */
  url: string;
  /** 'http://127.0.0.1:PORT', where response_url paths are served. */
  origin: string;
  close(): Promise<void>;
}

export interface WebApiServerOptions {
  /** Default 0: any free port. */
  port?: number;
  /** Answers apps.connections.open with this wss:// URL (the Socket Mode hub supplies it). */
  onConnectionsOpen?: () => Promise<string>;
}

interface Reply {
  status: number;
  body: Record<string, unknown>;
  headers?: Record<string, string>;
}

const maxBodyBytes = 5 * 1024 * 1024;

/** Starts the emulator on 127.0.0.1 (port 0 unless given) and resolves once it is listening. */
export async function startWebApiServer(
  ws: SlackWorkspace,
  options: WebApiServerOptions = {},
): Promise<WebApiServer> {
  const server = createServer((req, res) => {
    route(ws, options, req)
      .catch((error: unknown) => internalError(error))
      .then((reply) => send(res, reply));
  });
  await listen(server, options.port ?? 0);
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return { url: `${origin}/api/`, origin, close: () => close(server) };
}

function listen(server: Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

async function route(ws: SlackWorkspace, options: WebApiServerOptions, req: IncomingMessage): Promise<Reply> {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const api = /^\/api\/([A-Za-z0-9._]+)$/.exec(url.pathname);
  const response = /^\/response\/([A-Za-z0-9_-]+)$/.exec(url.pathname);
  if (api && (req.method === 'POST' || req.method === 'GET')) {
    return callMethod(ws, options, api[1]!, req, url);
  }
  if (response && req.method === 'POST') {
    const body = await readBody(req);
    if (body === null) return { status: 413, body: { ok: false, error: 'request_too_large' } };
    const payload = parseResponseUrlBody(body, req.headers['content-type']);
    const reply = handleResponseUrl(ws, response[1]!, payload);
    return { status: reply.status, body: reply.body };
  }
  const hint = 'POST /api/<method> or /response/<id>';
  return { status: 404, body: { ok: false, error: 'not_found', response_metadata: { messages: [hint] } } };
}

async function callMethod(
  ws: SlackWorkspace,
  options: WebApiServerOptions,
  method: string,
  req: IncomingMessage,
  url: URL,
): Promise<Reply> {
  const raw = await readBody(req);
  const parsed = raw === null ? tooLarge() : parseArgs(raw, req.headers['content-type'], url);
  const args = 'args' in parsed ? parsed.args : {};
  const token = bearer(req.headers.authorization) ?? stringOrUndefined(args.token);
  const reply =
    'error' in parsed ? parsed.error : await dispatch(ws, options, method, args, token).catch(internalError);
  const error = reply.body.error;
  ws.recordCall({
    method,
    args,
    ok: reply.body.ok === true,
    ...(typeof error === 'string' ? { error } : {}),
  });
  return reply;
}

async function dispatch(
  ws: SlackWorkspace,
  options: WebApiServerOptions,
  method: string,
  args: Args,
  token: string | undefined,
): Promise<Reply> {
  const spec = webApiMethods.get(method);
  if (!spec) return platformError('unknown_method', { req_method: method });
  const authError = checkToken(ws, spec, token);
  if (authError) return platformError(authError);
  const fault = ws.takeFault(method, args);
  if (fault?.delayMs) await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
  const failed = fault ? faultReply(fault) : null;
  if (failed) return failed;
  try {
    const result = await spec.run({
      ws,
      args,
      ...(options.onConnectionsOpen ? { onConnectionsOpen: options.onConnectionsOpen } : {}),
    });
    return { status: 200, body: { ok: true, ...result } };
  } catch (error) {
    if (!(error instanceof SlackApiError)) throw error;
    return apiErrorReply(error);
  }
}

function checkToken(ws: SlackWorkspace, spec: MethodSpec, token: string | undefined): string | null {
  if (token === undefined || token === '') return 'not_authed';
  const { bot, app } = ws.seed.tokens;
  const type = token === bot ? 'bot' : token === app ? 'app' : null;
  if (type === null) return 'invalid_auth';
  if (type === 'bot' && ws.tokenRevokedWith) return ws.tokenRevokedWith;
  if (spec.token !== 'any' && spec.token !== type) return 'not_allowed_token_type';
  return null;
}

function apiErrorReply(error: SlackApiError): Reply {
  const metadata = error.messages.length > 0 ? { response_metadata: { messages: error.messages } } : {};
  if (error.retryAfterSeconds !== undefined) {
    return rateLimited(error.retryAfterSeconds, metadata);
  }
  return platformError(error.code, metadata);
}

/** The failure a fault answers with; null for a fault that only slows the call down. */
function faultReply(fault: SandboxFailure): Reply | null {
  if (fault.status === undefined && fault.error === undefined && fault.retryAfter === undefined) return null;
  const status = fault.status ?? (fault.retryAfter !== undefined ? 429 : 200);
  if (status === 429) return rateLimited(fault.retryAfter ?? 1, {}, fault.error);
  const error = fault.error ?? (status >= 500 ? 'internal_error' : 'fatal_error');
  return { status, body: { ok: false, error } };
}

function rateLimited(seconds: number, extra: Record<string, unknown>, error = 'ratelimited'): Reply {
  return { status: 429, headers: { 'Retry-After': String(seconds) }, body: { ok: false, error, ...extra } };
}

function platformError(error: string, extra: Record<string, unknown> = {}): Reply {
  return { status: 200, body: { ok: false, error, ...extra } };
}

function internalError(error: unknown): Reply {
  const message = error instanceof Error ? error.message : String(error);
  return {
    status: 500,
    body: { ok: false, error: 'internal_error', response_metadata: { messages: [message] } },
  };
}

function tooLarge(): { error: Reply } {
  return {
    error: platformError('request_too_large', { response_metadata: { messages: ['body over 5 MB'] } }),
  };
}

/** Reads the request body; null when it is larger than Slack would take. */
function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBodyBytes) chunks.push(chunk);
    });
    req.on('end', () => resolve(size > maxBodyBytes ? null : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Merges query-string and body arguments; a JSON body that is not an object fails as Slack does. */
function parseArgs(
  raw: string,
  contentType: string | undefined,
  url: URL,
): { args: Args } | { error: Reply } {
  const args: Args = Object.fromEntries(url.searchParams);
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === 'application/json') {
    if (raw.trim() === '') return { args };
    try {
      const body: unknown = JSON.parse(raw);
      if (typeof body !== 'object' || body === null || Array.isArray(body)) {
        return { error: platformError('json_not_object') };
      }
      return { args: { ...args, ...(body as Args) } };
    } catch {
      return { error: platformError('invalid_json') };
    }
  }
  if (type === 'multipart/form-data') {
    const hint = 'the sandbox takes application/x-www-form-urlencoded or application/json';
    return { error: platformError('invalid_form_data', { response_metadata: { messages: [hint] } }) };
  }
  return { args: { ...args, ...Object.fromEntries(new URLSearchParams(raw)) } };
}

function parseResponseUrlBody(raw: string, contentType: string | undefined): unknown {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  const text =
    type === 'application/x-www-form-urlencoded' ? (new URLSearchParams(raw).get('payload') ?? raw) : raw;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function bearer(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  return match?.[1];
}

function stringOrUndefined(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function send(res: ServerResponse, reply: Reply): void {
  const body = JSON.stringify(reply.body);
  res.writeHead(reply.status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
    ...reply.headers,
  });
  res.end(body);
}
