/**
 * Identifiers and timestamps shaped like Slack's: `C0000000001`-style ids and `"1234567890.000100"`
 * message timestamps (seconds, a dot, six digits of microseconds).
 */

/** Formats a count of microseconds since the epoch as a Slack `ts`. */
export function formatTs(micros: number): string {
  const seconds = Math.floor(micros / 1_000_000);
  const fraction = String(micros % 1_000_000).padStart(6, '0');
  return `${seconds}.${fraction}`;
}

/** Parses a Slack `ts` (`"1712345678.000100"`, or a plain number of seconds) into microseconds; null if it is not one. */
export function parseTs(ts: unknown): number | null {
  const text = typeof ts === 'number' ? String(ts) : ts;
  if (typeof text !== 'string') return null;
  const match = /^(\d{1,12})(?:\.(\d{1,6}))?$/.exec(text.trim());
  if (!match) return null;
  const fraction = (match[2] ?? '').padEnd(6, '0');
  return Number(match[1]) * 1_000_000 + Number(fraction);
}

/**
 * Makes `ts` values that are unique and strictly increasing: the microsecond of `now`, bumped by one
 * past the previous value when two messages land in the same microsecond (or the clock goes back).
 */
export function createTsSequence(): (now: Date) => string {
  let last = 0;
  return (now) => {
    const candidate = now.getTime() * 1000;
    last = candidate > last ? candidate : last + 1;
    return formatTs(last);
  };
}

/** Makes ids like `C0000000001` with the given one-letter prefix, skipping ids already taken. */
export function createIdSequence(prefix: string, taken: (id: string) => boolean): () => string {
  let n = 0;
  return () => {
    let id: string;
    do {
      n += 1;
      id = `${prefix}${String(n).padStart(10, '0')}`;
    } while (taken(id));
    return id;
  };
}
