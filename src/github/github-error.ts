/** Why a GitHub request failed for good (after the retries the client allows). */
export type GithubErrorKind =
  | 'auth'
  | 'rate-limited'
  | 'secondary-limit'
  | 'server'
  | 'malformed'
  | 'query'
  | 'not-found';

/**
 * A GitHub request that failed after retries. The message says what happened and what to do;
 * `retryAt` (ISO-8601) says when trying again makes sense, for rate limits.
 */
export class GithubError extends Error {
  readonly code = 'drumbeat_github_error';
  readonly kind: GithubErrorKind;
  readonly retryAt: string | null;
  constructor(kind: GithubErrorKind, message: string, retryAt: string | null = null) {
    super(message);
    this.kind = kind;
    this.retryAt = retryAt;
  }
}
