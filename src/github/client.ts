import { GraphqlResponseError, graphql } from '@octokit/graphql';
import {
  type BudgetPolicy,
  defaultBudgetPolicy,
  paceAfter,
  type RateLimitReading,
} from '../domain/rate-budget.ts';
import type { Clock } from '../ports/clock.ts';
import type { Logger } from '../ports/logger.ts';
import type { Sleep } from '../system/sleep.ts';
import { graphqlBaseUrl } from './api-url.ts';
import { GithubError } from './github-error.ts';
import { type Answer, answerSchemas, type QueryName, queryText } from './queries.ts';

export interface GithubClientOptions {
  token: string;
  /** `GITHUB_API_URL`: `https://api.github.com/graphql` (default) or a GitHub Enterprise URL. */
  apiUrl?: string;
  /** The fetch to use (tests and proxies); global fetch by default. */
  fetch?: typeof fetch;
  clock: Clock;
  sleep: Sleep;
  logger?: Logger;
  budget?: BudgetPolicy;
  /** The longest the client waits for a rate limit before giving up with `GithubError` (default 15 min). */
  maxWaitMs?: number;
  /** Attempts after the first for 5xx, network errors and malformed answers (default 3). */
  retries?: number;
  /** Per-request timeout (default 30 s). */
  timeoutMs?: number;
}

/** What the client spent so far. */
export interface GithubUsage {
  requests: number;
  /** Rate-limit points, as GitHub reported them (`rateLimit.cost`; 1 for a mutation). */
  points: number;
  retries: number;
  /** Time spent waiting for rate limits and pacing, in ms. */
  waitedMs: number;
  /** The last `rateLimit` GitHub reported. */
  rateLimit: RateLimitReading | null;
}

/** Runs the named queries of `queries/`, one at a time, within GitHub's rate limits. */
export interface GithubClient {
  run<N extends QueryName>(name: N, variables: Record<string, unknown>): Promise<Answer<N>>;
  usage(): GithubUsage;
}

type Failure =
  | { retry: false; error: GithubError }
  | { retry: true; waitMs: number; reason: string; limit: boolean };

interface HttpFailure {
  status: number;
  headers: Record<string, string | undefined>;
  message: string;
}

const defaultApiUrl = 'https://api.github.com/graphql';

function httpFailure(error: unknown): HttpFailure | null {
  if (!(error instanceof Error) || !('status' in error) || typeof error.status !== 'number') return null;
  const response = (error as { response?: { headers?: Record<string, string | undefined> } }).response;
  return { status: error.status, headers: response?.headers ?? {}, message: error.message };
}

/** Builds the client over @octokit/graphql. Throws `GithubError` for an unusable API URL. */
export function createGithubClient(options: GithubClientOptions): GithubClient {
  const apiUrl = options.apiUrl ?? defaultApiUrl;
  const baseUrl = graphqlBaseUrl(apiUrl);
  if (!baseUrl)
    throw new GithubError(
      'query',
      `GITHUB_API_URL "${apiUrl}" is not an http(s) URL; use e.g. ${defaultApiUrl}`,
    );
  const timeoutMs = options.timeoutMs ?? 30_000;
  const request = graphql.defaults({
    baseUrl,
    headers: { authorization: `token ${options.token}` },
    request: options.fetch ? { fetch: options.fetch } : {},
  });
  const { clock, sleep } = options;
  const budget = options.budget ?? defaultBudgetPolicy;
  const maxWaitMs = options.maxWaitMs ?? 15 * 60_000;
  const retries = options.retries ?? 3;
  const usage: GithubUsage = { requests: 0, points: 0, retries: 0, waitedMs: 0, rateLimit: null };
  let notBefore = 0;
  let queue: Promise<unknown> = Promise.resolve();

  async function wait(ms: number, why: string, retryAt: string): Promise<void> {
    if (ms <= 0) return;
    if (ms > maxWaitMs) {
      const minutes = Math.ceil(ms / 60_000);
      throw new GithubError(
        why === 'secondary' ? 'secondary-limit' : 'rate-limited',
        `GitHub's ${why === 'secondary' ? 'secondary rate limit' : 'rate limit'} asks to wait ${minutes} min (until ${retryAt}), longer than the ${Math.round(maxWaitMs / 60_000)} min this sync may wait; it stops here and the next sync resumes`,
        retryAt,
      );
    }
    options.logger?.info('waiting for the GitHub rate limit', { ms, why, until: retryAt });
    usage.waitedMs += ms;
    await sleep(ms);
  }

  function resetWaitMs(headers: Record<string, string | undefined>): number {
    const reset = Number(headers['x-ratelimit-reset']);
    const fromHeader = Number.isFinite(reset) && reset > 0 ? reset * 1000 : Number.NaN;
    const fromBody = usage.rateLimit ? Date.parse(usage.rateLimit.resetAt) : Number.NaN;
    const at = Number.isNaN(fromHeader) ? fromBody : fromHeader;
    return Number.isNaN(at) ? 60_000 : Math.max(1000, at - clock.now().getTime());
  }

  function classify(error: unknown, attempt: number): Failure {
    const backoff = Math.min(30_000, 1000 * 2 ** attempt);
    if (error instanceof GraphqlResponseError) {
      const types = (error.errors ?? []).map((e) => (e as { type?: string }).type ?? '');
      if (types.some((t) => t === 'RATE_LIMITED' || t === 'RATE_LIMIT'))
        return {
          retry: true,
          waitMs: resetWaitMs(error.headers as Record<string, string>),
          reason: 'primary',
          limit: true,
        };
      const notFound = types.includes('NOT_FOUND');
      return {
        retry: false,
        error: new GithubError(
          notFound ? 'not-found' : 'query',
          `GitHub refused the query: ${error.message.replace(/\n/g, ' ')}`,
        ),
      };
    }
    const http = httpFailure(error);
    if (!http) return { retry: false, error: new GithubError('query', String(error)) };
    if (http.status === 401)
      return {
        retry: false,
        error: new GithubError(
          'auth',
          'GitHub refused GITHUB_TOKEN (401 Bad credentials): set a valid token (classic scopes: repo or public_repo, read:org, read:project)',
        ),
      };
    if (http.status === 403 || http.status === 429) {
      const retryAfter = Number(http.headers['retry-after']);
      if (Number.isFinite(retryAfter) && retryAfter >= 0)
        return { retry: true, waitMs: retryAfter * 1000, reason: 'secondary', limit: true };
      if (http.headers['x-ratelimit-remaining'] === '0')
        return { retry: true, waitMs: resetWaitMs(http.headers), reason: 'primary', limit: true };
      if (/secondary rate limit|abuse/i.test(http.message))
        return { retry: true, waitMs: 60_000 * 2 ** Math.min(attempt, 3), reason: 'secondary', limit: true };
      return {
        retry: false,
        error: new GithubError(
          'auth',
          `GitHub said ${http.status} (${http.message}): the token lacks access; check its scopes (repo, read:org, read:project)`,
        ),
      };
    }
    if (http.status >= 500)
      return { retry: true, waitMs: backoff, reason: `HTTP ${http.status}: ${http.message}`, limit: false };
    return {
      retry: false,
      error: new GithubError('query', `GitHub answered ${http.status}: ${http.message}`),
    };
  }

  function account(reading: RateLimitReading | undefined): void {
    usage.points += reading ? reading.cost : 1;
    if (!reading) return;
    usage.rateLimit = reading;
    const now = clock.now();
    const pace = paceAfter(reading, now, budget);
    notBefore = pace.kind === 'go' ? 0 : now.getTime() + pace.waitMs;
  }

  async function attempt<N extends QueryName>(
    name: N,
    variables: Record<string, unknown>,
  ): Promise<Answer<N>> {
    let failures = 0;
    let limitWaits = 0;
    for (;;) {
      const pause = notBefore - clock.now().getTime();
      await wait(pause, 'primary', new Date(notBefore).toISOString());
      notBefore = 0;
      let raw: unknown;
      try {
        usage.requests++;
        raw = await request(queryText(name), {
          ...variables,
          request: { signal: AbortSignal.timeout(timeoutMs) },
        });
      } catch (error) {
        const failure = classify(error, failures);
        if (!failure.retry) throw failure.error;
        if (failure.limit ? ++limitWaits > retries + 2 : ++failures > retries)
          throw new GithubError(
            failure.limit ? 'rate-limited' : 'server',
            `GitHub kept failing for ${name} (${failure.reason}); the next sync resumes where this one stopped`,
          );
        usage.retries++;
        options.logger?.warn('GitHub request failed; retrying', {
          query: name,
          reason: failure.reason,
          waitMs: failure.waitMs,
        });
        await wait(
          failure.waitMs,
          failure.reason === 'secondary' ? 'secondary' : 'primary',
          new Date(clock.now().getTime() + failure.waitMs).toISOString(),
        );
        continue;
      }
      const parsed = answerSchemas[name].safeParse(raw);
      if (parsed.success) {
        account((parsed.data as { rateLimit?: RateLimitReading }).rateLimit);
        return parsed.data as Answer<N>;
      }
      if (++failures > retries)
        throw new GithubError(
          'malformed',
          `GitHub's answer to ${name} did not have the expected shape (${parsed.error.issues[0]?.message ?? 'unreadable'}); nothing from it was stored`,
        );
      usage.retries++;
      options.logger?.warn('GitHub answer was malformed; retrying', { query: name });
      await wait(Math.min(30_000, 1000 * 2 ** (failures - 1)), 'primary', '');
    }
  }

  return {
    run<N extends QueryName>(name: N, variables: Record<string, unknown>): Promise<Answer<N>> {
      const result = queue.then(() => attempt(name, variables));
      queue = result.catch(() => undefined);
      return result;
    },
    usage: () => ({ ...usage }),
  };
}
