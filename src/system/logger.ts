import type { LogFields, Logger } from '../ports/logger.ts';

const levels = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 } as const;
export type LogLevel = keyof typeof levels;

/** Slack, GitHub and signing-secret shaped values, wherever they appear in a log line. */
const secretPattern =
  /\b(xox[abposr]-[A-Za-z0-9-]+|xapp-[A-Za-z0-9-]+|gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,})/g;
const secretKeys = /token|secret|password|authorization/i;

/** Replaces anything that looks like a credential; keys named like one are hidden whole. */
export function redact(value: unknown, key = ''): unknown {
  if (key && secretKeys.test(key) && value !== undefined && value !== null && value !== '')
    return '[redacted]';
  if (typeof value === 'string') return value.replace(secretPattern, '[redacted]');
  if (value instanceof Error)
    return { name: value.name, message: redact(value.message), stack: redact(value.stack) };
  if (Array.isArray(value)) return value.map((v) => redact(v));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redact(v, k)]));
  }
  return value;
}

export interface LoggerOptions {
  level?: LogLevel;
  /** Where each JSON line goes; stderr by default. */
  write?: (line: string) => void;
  now?: () => Date;
}

/** A JSON-lines logger: one object per line with `time`, `level`, `msg` and the fields. */
export function createLogger(options: LoggerOptions = {}, bound: LogFields = {}): Logger {
  const threshold = levels[options.level ?? 'info'];
  const write = options.write ?? ((line: string) => process.stderr.write(`${line}\n`));
  const now = options.now ?? (() => new Date());
  const emit = (level: Exclude<LogLevel, 'silent'>, msg: string, fields?: LogFields) => {
    if (levels[level] < threshold) return;
    const record = {
      time: now().toISOString(),
      level,
      msg: redact(msg),
      ...(redact({ ...bound, ...fields }) as object),
    };
    write(JSON.stringify(record));
  };
  return {
    debug: (m, f) => emit('debug', m, f),
    info: (m, f) => emit('info', m, f),
    warn: (m, f) => emit('warn', m, f),
    error: (m, f) => emit('error', m, f),
    child: (fields) => createLogger(options, { ...bound, ...fields }),
  };
}

export function parseLogLevel(value: string | undefined): LogLevel {
  return value && value in levels ? (value as LogLevel) : 'info';
}
