import type { Logger } from '../ports/logger.ts';

/**
 * Process-wide handlers for a rejection or exception nobody caught (a library callback, a
 * malformed request deep in the receiver): logged as one JSON line and the bot keeps serving,
 * instead of Node's default of printing a stack and exiting. Returns a function that removes them.
 */
export function installProcessGuards(logger: Logger, target: NodeJS.Process = process): () => void {
  const onRejection = (reason: unknown) => {
    logger.error('unhandled promise rejection; still serving', { error: reason });
  };
  const onException = (error: Error) => {
    logger.error('uncaught exception; still serving', { error });
  };
  target.on('unhandledRejection', onRejection);
  target.on('uncaughtException', onException);
  return () => {
    target.off('unhandledRejection', onRejection);
    target.off('uncaughtException', onException);
  };
}
