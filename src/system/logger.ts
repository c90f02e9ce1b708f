import { type DestinationStream, type Logger as PinoLogger, pino } from 'pino';
import type { LogFields, Logger } from '../ports/logger.ts';
import { redact } from './redact.ts';

export { redact } from './redact.ts';

const levels = ['debug', 'info', 'warn', 'error', 'silent'] as const;
export type LogLevel = (typeof levels)[number];

export interface LoggerOptions {
  level?: LogLevel;
  /** Where each JSON line goes; stderr by default. */
  write?: (line: string) => void;
  now?: () => Date;
}

/**
 * JSON lines through pino: one object per line with `level` (its name), `time` (ISO-8601), `msg`
 * and the fields. Every message, field and bound field passes through `redact` first, so a token
 * never reaches the stream whatever key it hides under.
 */
export function createLogger(options: LoggerOptions = {}, bound: LogFields = {}): Logger {
  const now = options.now ?? (() => new Date());
  const root = pino(
    {
      level: options.level ?? 'info',
      base: undefined,
      messageKey: 'msg',
      timestamp: () => `,"time":"${now().toISOString()}"`,
      formatters: { level: (label) => ({ level: label }) },
    },
    destination(options.write),
  );
  return wrap(root, bound);
}

/** Synchronous writes to stderr: the last lines before a crash or an exit are not lost. */
function destination(write: ((line: string) => void) | undefined): DestinationStream {
  if (!write) return pino.destination({ fd: 2, sync: true });
  return { write: (chunk: string) => write(chunk.endsWith('\n') ? chunk.slice(0, -1) : chunk) };
}

/** Bound fields are merged into each line (not pino bindings), so a key appears once: the last wins. */
function wrap(logger: PinoLogger, bound: LogFields): Logger {
  const emit = (level: Exclude<LogLevel, 'silent'>) => (message: string, fields?: LogFields) => {
    if (!logger.isLevelEnabled(level)) return;
    logger[level](redact({ ...bound, ...fields }) as object, redact(message) as string);
  };
  return {
    debug: emit('debug'),
    info: emit('info'),
    warn: emit('warn'),
    error: emit('error'),
    child: (fields) => wrap(logger, { ...bound, ...fields }),
  };
}

export function parseLogLevel(value: string | undefined): LogLevel {
  return levels.find((level) => level === value) ?? 'info';
}
