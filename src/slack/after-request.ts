import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import type { Logger } from '../ports/logger.ts';

/** Work the bot does after each inbound request has been handled (see `createSlackApp`). */
export interface AfterRequestWork {
  name: string;
  run(): Promise<void>;
  /** What the log says when it fails (the request itself was already answered). */
  failure: string;
}

/**
 * A global middleware that runs `work` once the listeners have handled the request. A failure is
 * logged, never passed on: the person who sent the request already has their answer.
 */
export function afterEachRequest(work: AfterRequestWork, logger: Logger): Middleware<AnyMiddlewareArgs> {
  return async ({ next }) => {
    await next();
    try {
      await work.run();
    } catch (error) {
      logger.error(work.failure, { error, work: work.name });
    }
  };
}
