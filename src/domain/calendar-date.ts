/** A day on the calendar, without a time or zone. */
export interface CalendarDay {
  year: number;
  month: number;
  day: number;
}

/** True when the year/month/day exist on the Gregorian calendar (no 2023-14-05, no 30 February). */
export function isRealDay({ year, month, day }: CalendarDay): boolean {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return false;
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= daysInMonth(year, month);
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** `YYYY-MM-DD`. */
export function formatDay({ year, month, day }: CalendarDay): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The day `days` after (or before, when negative) the given one. */
export function addDays(value: CalendarDay, days: number): CalendarDay {
  const date = new Date(Date.UTC(value.year, value.month - 1, value.day + days));
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf({ year, month, day }: CalendarDay): number {
  return new Date(Date.UTC(year, month - 1, day)).getUTCDay();
}

/** `2025-10-17T12:00:00Z`. */
export function formatInstant(value: CalendarDay, hour: number, minute: number): string {
  return `${formatDay(value)}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00Z`;
}
