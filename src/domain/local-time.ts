/**
 * Wall-clock reading of instants in IANA zones, with one cached `Intl.DateTimeFormat` per zone
 * (building a formatter costs far more than using one). Pure: the cache only memoises.
 */

/** A wall-clock reading: calendar fields plus the weekday (0 = Sunday … 6 = Saturday). */
export interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  weekday: number;
}

/** One formatter per zone: building one costs far more than using it. Pure: the cache only memoises. */
const formatters = new Map<string, Intl.DateTimeFormat>();
const weekdays: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };

/** The zone's formatter: every wall-clock part (year to second, weekday), 24-hour. */
export function formatterFor(zone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      weekday: 'short',
    });
    formatters.set(zone, formatter);
  }
  return formatter;
}

/** True when `zone` is an IANA zone this runtime knows. */
export function isKnownZone(zone: string): boolean {
  try {
    formatterFor(zone);
    return true;
  } catch {
    return false;
  }
}

/** The wall clock in `zone` at `epochMs`. Throws a RangeError for an unknown zone. */
export function localParts(epochMs: number, zone: string): LocalParts {
  const parts = formatterFor(zone).formatToParts(epochMs);
  const out: LocalParts = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0, weekday: 0 };
  for (const part of parts) {
    if (part.type === 'weekday') out.weekday = weekdays[part.value] ?? 0;
    else if (part.type in out) out[part.type as keyof LocalParts] = Number(part.value);
  }
  return out;
}

/** The wall clock fields of `parts` as if they were UTC (milliseconds): the zone-free "wall time". */
export function wallMs(
  parts: Pick<LocalParts, 'year' | 'month' | 'day' | 'hour' | 'minute' | 'second'>,
): number {
  return Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
}

/** The zone's UTC offset at `epochMs`, in milliseconds (UTC+2 → 7_200_000). */
export function offsetMs(epochMs: number, zone: string): number {
  const floored = Math.floor(epochMs / 1000) * 1000;
  return wallMs(localParts(floored, zone)) - floored;
}
