/** A wall-clock time. */
export interface TimeOfDay {
  hour: number;
  minute: number;
}

/**
 * Reads `9:00`, `09:00`, `14:30`, `2PM`, `2:30 pm`, `noon`, `midnight`. 12-hour forms need AM/PM;
 * 24-hour forms must not exceed 23:59. Returns null for anything else.
 */
export function readTimeOfDay(text: string): TimeOfDay | null {
  const trimmed = text.trim().toLowerCase();
  if (trimmed === 'noon') return { hour: 12, minute: 0 };
  if (trimmed === 'midnight') return { hour: 0, minute: 0 };
  const match = /^(\d{1,2})(?:[:.h](\d{2}))?\s*([ap])?\.?\s*(?:m\.?)?$/.exec(trimmed);
  if (!match || (match[2] === undefined && match[3] === undefined)) return null;
  const minute = Number(match[2] ?? '0');
  let hour = Number(match[1]);
  if (match[3]) {
    if (hour < 1 || hour > 12) return null;
    hour = (hour % 12) + (match[3] === 'p' ? 12 : 0);
  }
  return hour <= 23 && minute <= 59 ? { hour, minute } : null;
}

/** `HH:MM`. */
export function formatTimeOfDay({ hour, minute }: TimeOfDay): string {
  return `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}
