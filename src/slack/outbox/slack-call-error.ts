/** A failed Web API call, with the method that failed (it decides what a rate limit pauses). */
export class SlackCallError extends Error {
  readonly code = 'drumbeat_slack_call';
  readonly method: string;
  readonly error: unknown;
  constructor(method: string, error: unknown) {
    super(`${method} failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    this.method = method;
    this.error = error;
  }
}

/** Runs one Web API call, tagging a failure with its method. */
export async function callSlack<T>(method: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw new SlackCallError(method, error);
  }
}
