import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type DocumentNode, execute, type GraphQLError, parse } from 'graphql';
import type { Clock } from '../../ports/clock.ts';
import { buildRootValue, FakeGithubError } from './fake-github-resolvers.ts';
import type { FakeGithubState } from './fake-github-state.ts';
import { githubSchema, validateGithubQuery } from './github-schema.ts';
import { queryCost } from './query-cost.ts';

/**
 * A loopback GitHub GraphQL endpoint for tests and the demo. It parses, validates (GitHub's published
 * schema plus the 1–100 page-size rule) and executes every query against that schema, with resolvers
 * over a `FakeGithubState`, so any query GitHub would reject is rejected here too. It charges points
 * with GitHub's formula, reports them in `rateLimit`, and can be told to fail.
 */

/** Failures the fake can be told to produce for the next request(s). */
export type FakeGithubFailure =
  /** 502 Bad Gateway with an HTML body, as GitHub's edge sends. */
  | '502'
  /** 403 "You have exceeded a secondary rate limit" with `retry-after`. */
  | 'secondary'
  /** 200 with `errors: [{ type: 'RATE_LIMITED' }]` and `x-ratelimit-remaining: 0` (the budget is gone until reset). */
  | 'rate-limited'
  /** 200 with a truncated JSON body. */
  | 'malformed';

export interface FakeGithubOptions {
  state: FakeGithubState;
  clock: Clock;
  /** The token clients must send (`authorization: token …` or `bearer …`); default `fake-github-token`. */
  token?: string;
  /** Points per hour (default 5000, GitHub's for a user token). */
  pointsPerHour?: number;
  /** `retry-after` seconds of a secondary rate limit (default 60). */
  retryAfterSeconds?: number;
}

export interface FakeGithubRequest {
  operationName: string | null;
  variables: Record<string, unknown>;
  status: number;
  cost: number;
  failure: FakeGithubFailure | null;
}

export interface FakeGithub {
  /** The endpoint: `http://127.0.0.1:<port>/graphql` (also served under `/api/graphql`). */
  url: string;
  token: string;
  state: FakeGithubState;
  /** Every request, in order. */
  requests: FakeGithubRequest[];
  /** Answers the next `times` requests (of the named operation only, when given) with `failure`. */
  failNext(failure: FakeGithubFailure, times?: number, operation?: string): void;
  /** Points spent (answered requests) and requests made since the last `resetStats`. */
  stats(): { requests: number; points: number };
  resetStats(): void;
  /** The rate-limit window: points left and when they come back. */
  budget(): { limit: number; remaining: number; resetAt: string };
  /** Spends the budget down to `remaining` points (to test pacing and pauses). */
  setRemaining(remaining: number, resetInMs?: number): void;
  close(): Promise<void>;
}

interface GraphqlBody {
  query?: unknown;
  variables?: unknown;
  operationName?: unknown;
}

const maxBodyBytes = 1024 * 1024;

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBodyBytes) reject(new Error('body too large'));
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(text);
}

function formatError(error: GraphQLError): object {
  const original = error.originalError;
  const type = original instanceof FakeGithubError ? original.type : undefined;
  return {
    ...(type ? { type } : {}),
    path: error.path,
    locations: error.locations,
    message: error.message,
  };
}

export async function startFakeGithub(options: FakeGithubOptions): Promise<FakeGithub> {
  const { state, clock } = options;
  const token = options.token ?? 'fake-github-token';
  const limit = options.pointsPerHour ?? 5000;
  const retryAfter = options.retryAfterSeconds ?? 60;
  const requests: FakeGithubRequest[] = [];
  const failures: { failure: FakeGithubFailure; operation: string | undefined }[] = [];
  let window = { remaining: limit, resetAt: clock.now().getTime() + 3_600_000 };
  let stats = { requests: 0, points: 0 };

  function currentWindow() {
    const now = clock.now().getTime();
    if (now >= window.resetAt) window = { remaining: limit, resetAt: now + 3_600_000 };
    return window;
  }

  function rateHeaders(): Record<string, string> {
    const w = currentWindow();
    return {
      'x-ratelimit-limit': String(limit),
      'x-ratelimit-remaining': String(w.remaining),
      'x-ratelimit-used': String(limit - w.remaining),
      'x-ratelimit-reset': String(Math.ceil(w.resetAt / 1000)),
      'x-ratelimit-resource': 'graphql',
    };
  }

  function fail(res: ServerResponse, failure: FakeGithubFailure): number {
    if (failure === '502') {
      res.writeHead(502, { 'content-type': 'text/html' });
      res.end('<html><body><h1>502 Bad Gateway</h1></body></html>');
      return 502;
    }
    if (failure === 'secondary') {
      send(
        res,
        403,
        {
          message:
            'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
        },
        { 'retry-after': String(retryAfter), ...rateHeaders() },
      );
      return 403;
    }
    if (failure === 'rate-limited') {
      currentWindow().remaining = 0;
      send(
        res,
        200,
        { errors: [{ type: 'RATE_LIMITED', message: 'API rate limit exceeded for user ID 1.' }] },
        rateHeaders(),
      );
      return 200;
    }
    send(res, 200, '{"data":{"rateLimit":{"cost":1,"remaining"');
    return 200;
  }

  function run(body: GraphqlBody): { status: number; payload: object; cost: number } {
    if (typeof body.query !== 'string')
      return { status: 400, payload: { message: 'Problems parsing JSON' }, cost: 0 };
    const variables = (body.variables && typeof body.variables === 'object' ? body.variables : {}) as Record<
      string,
      unknown
    >;
    const operationName = typeof body.operationName === 'string' ? body.operationName : undefined;
    let document: DocumentNode;
    try {
      document = parse(body.query);
    } catch (error) {
      return { status: 200, payload: { errors: [{ message: (error as Error).message }] }, cost: 0 };
    }
    const invalid = validateGithubQuery(document);
    if (invalid.length > 0) return { status: 200, payload: { errors: invalid.map(formatError) }, cost: 0 };
    const cost = queryCost(githubSchema(), document, variables, operationName);
    if (cost.problems.length > 0)
      return {
        status: 200,
        payload: { errors: cost.problems.map((message) => ({ type: 'EXCESSIVE_PAGINATION', message })) },
        cost: 0,
      };
    if (cost.nodeCount > 500_000)
      return {
        status: 200,
        payload: {
          errors: [
            {
              type: 'MAX_NODE_LIMIT_EXCEEDED',
              message: `This query requests up to ${cost.nodeCount} possible nodes which exceeds the maximum limit of 500,000.`,
            },
          ],
        },
        cost: 0,
      };
    const w = currentWindow();
    if (w.remaining < cost.cost)
      return {
        status: 200,
        payload: { errors: [{ type: 'RATE_LIMITED', message: 'API rate limit exceeded for user ID 1.' }] },
        cost: 0,
      };
    w.remaining -= cost.cost;
    const rateLimit = () => ({
      cost: cost.cost,
      limit,
      nodeCount: cost.nodeCount,
      remaining: w.remaining,
      used: limit - w.remaining,
      resetAt: new Date(w.resetAt).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    });
    const result = execute({
      schema: githubSchema(),
      document,
      rootValue: buildRootValue(state, rateLimit),
      variableValues: variables,
      operationName,
    }) as { data?: unknown; errors?: readonly GraphQLError[] };
    const payload = {
      data: result.data ?? null,
      ...(result.errors?.length ? { errors: result.errors.map(formatError) } : {}),
    };
    return { status: 200, payload, cost: cost.cost };
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '').split('?')[0];
    if (req.method !== 'POST' || (path !== '/graphql' && path !== '/api/graphql')) {
      send(res, 404, { message: 'Not Found' });
      return;
    }
    const auth = req.headers.authorization ?? '';
    if (auth !== `token ${token}` && auth !== `bearer ${token}` && auth !== `Bearer ${token}`) {
      send(res, 401, { message: 'Bad credentials', documentation_url: 'https://docs.github.com/graphql' });
      return;
    }
    const text = await readBody(req);
    let body: GraphqlBody;
    try {
      body = JSON.parse(text) as GraphqlBody;
    } catch {
      send(res, 400, { message: 'Problems parsing JSON' });
      return;
    }
    const named = typeof body.query === 'string' ? /\b(?:query|mutation)\s+(\w+)/.exec(body.query) : null;
    const record: FakeGithubRequest = {
      operationName: typeof body.operationName === 'string' ? body.operationName : (named?.[1] ?? null),
      variables: (body.variables as Record<string, unknown>) ?? {},
      status: 200,
      cost: 0,
      failure: null,
    };
    requests.push(record);
    stats.requests++;
    const index = failures.findIndex(
      (f) => f.operation === undefined || f.operation === record.operationName,
    );
    const failure = index >= 0 ? failures.splice(index, 1)[0]!.failure : undefined;
    if (failure) {
      record.failure = failure;
      record.status = fail(res, failure);
      return;
    }
    const outcome = run(body);
    record.status = outcome.status;
    record.cost = outcome.cost;
    stats.points += outcome.cost;
    send(res, outcome.status, outcome.payload, rateHeaders());
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent)
        send(res, 500, { message: error instanceof Error ? error.message : String(error) });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/graphql`,
    token,
    state,
    requests,
    failNext: (failure, times = 1, operation) => {
      for (let i = 0; i < times; i++) failures.push({ failure, operation });
    },
    stats: () => ({ ...stats }),
    resetStats: () => {
      stats = { requests: 0, points: 0 };
    },
    budget: () => {
      const w = currentWindow();
      return { limit, remaining: w.remaining, resetAt: new Date(w.resetAt).toISOString() };
    },
    setRemaining: (remaining, resetInMs) => {
      const w = currentWindow();
      w.remaining = remaining;
      if (resetInMs !== undefined) w.resetAt = clock.now().getTime() + resetInMs;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
