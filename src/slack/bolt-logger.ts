import { LogLevel, type Logger as SlackLogger } from '@slack/bolt';
import type { Logger } from '../ports/logger.ts';

/** Routes Bolt's and the Socket Mode client's logging into our structured logger. */
export function toBoltLogger(logger: Logger, initial: LogLevel = LogLevel.WARN): SlackLogger {
  let level = initial;
  let name = 'bolt';
  const order = [LogLevel.DEBUG, LogLevel.INFO, LogLevel.WARN, LogLevel.ERROR];
  const enabled = (l: LogLevel) => order.indexOf(l) >= order.indexOf(level);
  const text = (parts: unknown[]) =>
    parts
      .map((p) => (typeof p === 'string' ? p : p instanceof Error ? p.message : JSON.stringify(p)))
      .join(' ');
  return {
    debug: (...m) => enabled(LogLevel.DEBUG) && logger.debug(text(m), { component: name }),
    info: (...m) => enabled(LogLevel.INFO) && logger.info(text(m), { component: name }),
    warn: (...m) => enabled(LogLevel.WARN) && logger.warn(text(m), { component: name }),
    error: (...m) => enabled(LogLevel.ERROR) && logger.error(text(m), { component: name }),
    setLevel: (l) => {
      level = l;
    },
    getLevel: () => level,
    setName: (n) => {
      name = n;
    },
  };
}
