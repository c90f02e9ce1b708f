import type { CalendarDay } from './calendar-date.ts';
import { formatterFor } from './local-time.ts';
import type { TimeOfDay } from './time-of-day.ts';

function offsetMinutes(epochMs: number, zone: string): number {
  const parts = formatterFor(zone).formatToParts(epochMs);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? '0');
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'));
  return Math.round((asUtc - Math.floor(epochMs / 60_000) * 60_000) / 60_000);
}

/**
 * The UTC instant (epoch milliseconds) of a wall-clock time in an IANA zone, daylight saving included.
 * Times in a spring-forward gap resolve one hour later, as most calendars do.
 */
export function zonedTimeToEpoch(day: CalendarDay, time: TimeOfDay, zone: string): number {
  const wall = Date.UTC(day.year, day.month - 1, day.day, time.hour, time.minute);
  const first = wall - offsetMinutes(wall, zone) * 60_000;
  const second = wall - offsetMinutes(first, zone) * 60_000;
  return second;
}
