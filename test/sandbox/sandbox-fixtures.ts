import { type Logger, LogLevel, WebClient } from '@slack/web-api';
import { startWebApiServer, type WebApiServer } from '../../src/sandbox/web-api-server.ts';
import { SlackWorkspace, type WorkspaceOptions, type WorkspaceSeed } from '../../src/sandbox/workspace.ts';

/** A small workspace: two SIG channels, a private channel and a channel without the bot. */
export const seed: WorkspaceSeed = {
  users: [
    {
      id: 'U0ALICE001',
      name: 'alice',
      realName: 'Alice Doe',
      tz: 'Europe/Berlin',
      email: 'alice@example.com',
    },
    { id: 'U0BOB00001', name: 'bob', email: 'Bob@Example.com' },
    { id: 'U0CAROL001', name: 'carol' },
    { id: 'U0OTHERBOT', name: 'otherbot', isBot: true },
  ],
  channels: [
    { name: 'sig-node', members: ['alice', 'bob', 'otherbot'] },
    { name: 'sig-release', members: ['U0ALICE001'] },
    { id: 'G0SECRET01', name: 'secret', members: ['alice'], isPrivate: true, botIsMember: false },
    { name: 'no-bot', members: ['bob'], botIsMember: false },
  ],
  usergroups: [{ id: 'S0LEADS001', handle: 'sig-node-leads', users: ['alice', 'bob'] }],
};

/** The WebClient logs every response_metadata message as an error; the tests assert on them instead. */
const silentLogger: Logger = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
  setLevel: () => {},
  getLevel: () => LogLevel.ERROR,
  setName: () => {},
};

/** A clock tests step by hand. */
export function fakeClock(start = '2026-06-17T16:00:00Z') {
  let ms = Date.parse(start);
  return {
    now: () => new Date(ms),
    advance(millis: number) {
      ms += millis;
    },
  };
}

/** Raw response JSON; tests assert on it field by field. */
// biome-ignore lint/suspicious/noExplicitAny: wire JSON of any shape, checked by the assertions
export type WireJson = any;

export interface Sandbox {
  ws: SlackWorkspace;
  server: WebApiServer;
  clock: ReturnType<typeof fakeClock>;
  /** A real WebClient with the bot token, no retries, rate-limited calls rejected. */
  client: WebClient;
  /** POSTs a raw body to a Web API method. */
  post(
    method: string,
    body: string,
    headers?: Record<string, string>,
  ): Promise<{ status: number; json: WireJson; headers: Headers }>;
}

export async function startSandbox(
  options: WorkspaceOptions & { onConnectionsOpen?: () => Promise<string> } = {},
): Promise<Sandbox> {
  const clock = fakeClock();
  const ws = new SlackWorkspace(seed, { now: clock.now, ...options });
  const server = await startWebApiServer(
    ws,
    options.onConnectionsOpen ? { onConnectionsOpen: options.onConnectionsOpen } : {},
  );
  const client = new WebClient(ws.seed.tokens.bot, {
    slackApiUrl: server.url,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    logger: silentLogger,
  });
  const post = async (method: string, body: string, headers: Record<string, string> = {}) => {
    const res = await fetch(`${server.url}${method}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
      body,
    });
    return { status: res.status, json: await res.json(), headers: res.headers };
  };
  return { ws, server, clock, client, post };
}

/** The Slack error code a WebClient call failed with ('' if it did not fail as a platform error). */
export async function errorOf(call: Promise<unknown>): Promise<string> {
  try {
    await call;
    return '';
  } catch (error) {
    const data = (error as { data?: { error?: string } }).data;
    return data?.error ?? `(${(error as Error).message})`;
  }
}
