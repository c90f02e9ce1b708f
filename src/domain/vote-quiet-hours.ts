import { addDays, type CalendarDay } from './calendar-date.ts';
import type { TimeOfDay } from './time-of-day.ts';
import type { QuietHours } from './types.ts';
import { zonedTimeToEpoch } from './zoned-time.ts';

interface LocalTime {
  day: CalendarDay;
  weekday: number;
  minutes: number;
}

const weekdays = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

function localTime(epochMs: number, zone: string): LocalTime {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    weekday: 'short',
  }).formatToParts(epochMs);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '0';
  return {
    day: { year: Number(get('year')), month: Number(get('month')), day: Number(get('day')) },
    weekday: weekdays.indexOf(get('weekday')),
    minutes: Number(get('hour')) * 60 + Number(get('minute')),
  };
}

function readHhMm(text: string): TimeOfDay {
  const [h, m] = text.split(':').map(Number);
  return { hour: h ?? 0, minute: m ?? 0 };
}

const toMinutes = (t: TimeOfDay) => t.hour * 60 + t.minute;

/** True when `epochMs` falls in the person's quiet hours (nightly window, or a weekend day). */
export function isQuietAt(epochMs: number, zone: string, quiet: QuietHours): boolean {
  const local = localTime(epochMs, zone);
  if (quiet.weekends && (local.weekday === 0 || local.weekday === 6)) return true;
  const from = toMinutes(readHhMm(quiet.from));
  const to = toMinutes(readHhMm(quiet.to));
  if (from === to) return false;
  return from < to
    ? local.minutes >= from && local.minutes < to
    : local.minutes >= from || local.minutes < to;
}

/**
 * When a message to this person may go: `now` when it is outside their quiet hours, else the end of
 * the quiet period (the next `to` time, or Monday 00:00 after a quiet weekend), in their zone.
 * A person without quiet hours is never quiet.
 */
export function endOfQuietHours(
  now: Date,
  person: { timezone: string; quietHours: QuietHours | null },
): Date {
  const { quietHours: quiet, timezone: zone } = person;
  const t = now.getTime();
  if (!quiet || !isQuietAt(t, zone, quiet)) return now;
  const today = localTime(t, zone).day;
  const to = readHhMm(quiet.to);
  const candidates: number[] = [];
  for (let d = 0; d <= 4; d++) {
    const day = addDays(today, d);
    candidates.push(zonedTimeToEpoch(day, to, zone), zonedTimeToEpoch(day, { hour: 0, minute: 0 }, zone));
  }
  const end = candidates
    .filter((c) => c > t)
    .sort((a, b) => a - b)
    .find((c) => !isQuietAt(c, zone, quiet));
  return new Date(end ?? t);
}
