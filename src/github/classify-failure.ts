import { GraphqlResponseError } from '@octokit/graphql';
import { GithubError, type GithubErrorKind } from './github-error.ts';

/** What to do about a failed request: give up with an error, or wait and try again. */
export type Failure =
  | { retry: false; error: GithubError }
  | { retry: true; waitMs: number; reason: string; limit: boolean };

interface HttpFailure {
  status: number;
  headers: Record<string, string | undefined>;
  message: string;
}

/** How long until a primary rate limit resets, from the response headers (or null when they do not say). */
export type ResetWait = (headers: Record<string, string | undefined>) => number;

function httpFailure(error: unknown): HttpFailure | null {
  if (!(error instanceof Error) || !('status' in error) || typeof error.status !== 'number') return null;
  const response = (error as { response?: { headers?: Record<string, string | undefined> } }).response;
  return { status: error.status, headers: response?.headers ?? {}, message: error.message };
}

function giveUp(kind: GithubErrorKind, message: string): Failure {
  return { retry: false, error: new GithubError(kind, message) };
}

function classifyGraphqlError(error: GraphqlResponseError<unknown>, resetWait: ResetWait): Failure {
  const types = (error.errors ?? []).map((e) => (e as { type?: string }).type ?? '');
  if (types.some((t) => t === 'RATE_LIMITED' || t === 'RATE_LIMIT'))
    return {
      retry: true,
      waitMs: resetWait(error.headers as Record<string, string>),
      reason: 'primary',
      limit: true,
    };
  const kind = types.includes('NOT_FOUND') ? 'not-found' : 'query';
  return giveUp(kind, `GitHub refused the query: ${error.message.replace(/\n/g, ' ')}`);
}

/** 403 and 429: a secondary limit (Retry-After or its wording), the primary limit, or missing access. */
function classifyForbidden(http: HttpFailure, attempt: number, resetWait: ResetWait): Failure {
  const retryAfter = Number(http.headers['retry-after']);
  if (Number.isFinite(retryAfter) && retryAfter >= 0)
    return { retry: true, waitMs: retryAfter * 1000, reason: 'secondary', limit: true };
  if (http.headers['x-ratelimit-remaining'] === '0')
    return { retry: true, waitMs: resetWait(http.headers), reason: 'primary', limit: true };
  if (/secondary rate limit|abuse/i.test(http.message))
    return { retry: true, waitMs: 60_000 * 2 ** Math.min(attempt, 3), reason: 'secondary', limit: true };
  return giveUp(
    'auth',
    `GitHub said ${http.status} (${http.message}): the token lacks access; check its scopes (repo, read:org, read:project)`,
  );
}

/** Sorts a request's failure into "retry after a wait" or "stop with this error". */
export function classifyFailure(error: unknown, attempt: number, resetWait: ResetWait): Failure {
  if (error instanceof GraphqlResponseError) return classifyGraphqlError(error, resetWait);
  const http = httpFailure(error);
  if (!http) return giveUp('query', String(error));
  if (http.status === 401)
    return giveUp(
      'auth',
      'GitHub refused GITHUB_TOKEN (401 Bad credentials): set a valid token (classic scopes: repo or public_repo, read:org, read:project)',
    );
  if (http.status === 403 || http.status === 429) return classifyForbidden(http, attempt, resetWait);
  if (http.status >= 500) {
    const waitMs = Math.min(30_000, 1000 * 2 ** attempt);
    return { retry: true, waitMs, reason: `HTTP ${http.status}: ${http.message}`, limit: false };
  }
  return giveUp('query', `GitHub answered ${http.status}: ${http.message}`);
}
