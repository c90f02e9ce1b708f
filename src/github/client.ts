import { graphql } from '@octokit/graphql';
import { type BudgetPolicy, defaultBudgetPolicy, type RateLimitReading } from '../domain/rate-budget.ts';
import type { Clock } from '../ports/clock.ts';
import type { Logger } from '../ports/logger.ts';
import type { Sleep } from '../ports/sleep.ts';
import { graphqlBaseUrl } from './api-url.ts';
import { classifyFailure, type Failure } from './classify-failure.ts';
import { GithubError } from './github-error.ts';
import { type Answer, answerSchemas, type QueryName, queryText } from './queries.ts';
import { type GithubUsage, RatePacer } from './rate-pacer.ts';

export type { GithubUsage } from './rate-pacer.ts';

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

/** Runs the named queries of `queries/`, one at a time, within GitHub's rate limits. */
export interface GithubClient {
  run<N extends QueryName>(name: N, variables: Record<string, unknown>): Promise<Answer<N>>;
  usage(): GithubUsage;
}

type Send = (text: string, variables: Record<string, unknown>) => Promise<unknown>;

/** One query's attempts: how many failures and limit waits it has had so far. */
interface Attempts {
  name: QueryName;
  failures: number;
  limitWaits: number;
}

const defaultApiUrl = 'https://api.github.com/graphql';

/** The @octokit/graphql request bound to the API URL and token; throws for an unusable URL. */
function createSend(options: GithubClientOptions): Send {
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
  return (text, variables) =>
    request(text, { ...variables, request: { signal: AbortSignal.timeout(timeoutMs) } });
}

/** The runner of one query: send, check the answer's shape, retry what may pass next time. */
class QueryRunner {
  private readonly send: Send;
  private readonly pacer: RatePacer;
  private readonly retries: number;
  private readonly logger: Logger | undefined;

  constructor(send: Send, pacer: RatePacer, retries: number, logger: Logger | undefined) {
    this.send = send;
    this.pacer = pacer;
    this.retries = retries;
    this.logger = logger;
  }

  async run<N extends QueryName>(name: N, variables: Record<string, unknown>): Promise<Answer<N>> {
    const attempts: Attempts = { name, failures: 0, limitWaits: 0 };
    for (;;) {
      await this.pacer.beforeRequest();
      let raw: unknown;
      try {
        raw = await this.send(queryText(name), variables);
      } catch (error) {
        await this.afterFailure(
          classifyFailure(error, attempts.failures, (h) => this.pacer.resetWaitMs(h)),
          attempts,
        );
        continue;
      }
      const parsed = answerSchemas[name].safeParse(raw);
      if (parsed.success) {
        this.pacer.account((parsed.data as { rateLimit?: RateLimitReading }).rateLimit);
        return parsed.data as Answer<N>;
      }
      await this.afterMalformed(attempts, parsed.error.issues[0]?.message ?? 'unreadable');
    }
  }

  /** Throws when the failure is final or retries are spent; otherwise waits before the next attempt. */
  private async afterFailure(failure: Failure, attempts: Attempts): Promise<void> {
    if (!failure.retry) throw failure.error;
    const spent = failure.limit
      ? ++attempts.limitWaits > this.retries + 2
      : ++attempts.failures > this.retries;
    if (spent)
      throw new GithubError(
        failure.limit ? 'rate-limited' : 'server',
        `GitHub kept failing for ${attempts.name} (${failure.reason}); the next sync resumes where this one stopped`,
      );
    this.pacer.usage.retries++;
    this.logger?.warn('GitHub request failed; retrying', {
      query: attempts.name,
      reason: failure.reason,
      waitMs: failure.waitMs,
    });
    await this.pacer.wait(
      failure.waitMs,
      failure.reason === 'secondary' ? 'secondary' : 'primary',
      this.pacer.retryAt(failure.waitMs),
    );
  }

  private async afterMalformed(attempts: Attempts, problem: string): Promise<void> {
    if (++attempts.failures > this.retries)
      throw new GithubError(
        'malformed',
        `GitHub's answer to ${attempts.name} did not have the expected shape (${problem}); nothing from it was stored`,
      );
    this.pacer.usage.retries++;
    this.logger?.warn('GitHub answer was malformed; retrying', { query: attempts.name });
    await this.pacer.wait(Math.min(30_000, 1000 * 2 ** (attempts.failures - 1)), 'primary', '');
  }
}

/** Builds the client over @octokit/graphql. Throws `GithubError` for an unusable API URL. */
export function createGithubClient(options: GithubClientOptions): GithubClient {
  const send = createSend(options);
  const pacer = new RatePacer({
    clock: options.clock,
    sleep: options.sleep,
    logger: options.logger,
    budget: options.budget ?? defaultBudgetPolicy,
    maxWaitMs: options.maxWaitMs ?? 15 * 60_000,
  });
  const runner = new QueryRunner(send, pacer, options.retries ?? 3, options.logger);
  let queue: Promise<unknown> = Promise.resolve();
  return {
    run<N extends QueryName>(name: N, variables: Record<string, unknown>): Promise<Answer<N>> {
      const result = queue.then(() => runner.run(name, variables));
      queue = result.catch(() => undefined);
      return result;
    },
    usage: () => ({ ...pacer.usage }),
  };
}
