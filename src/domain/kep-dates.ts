import { isRealDay } from './calendar-date.ts';

/**
 * Checks `creation-date` (read as text, never as a YAML timestamp). Missing is fine; an impossible
 * day (`2023-14-05`) or something that is not a date at all is reported. Unpadded parts (`2024-2-1`) pass.
 */
export function creationDateWarning(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  const text = String(value).trim();
  if (!text) return null;
  const match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  if (!match) return `creation-date "${text}" is not a date in yyyy-mm-dd form`;
  const day = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
  return isRealDay(day) ? null : `creation-date "${text}" is not a real calendar date`;
}
