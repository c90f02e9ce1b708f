/**
 * `/drumbeat ooo until 2026-12-01`, `/drumbeat ooo off`, `/drumbeat ooo`: what the person asked for.
 * "until" is inclusive: the person is away through the end of that day in their own zone.
 */

import { addDays, type CalendarDay, isRealDay } from './calendar-date.ts';
import { echoInput } from './echo.ts';
import { zonedTimeToEpoch } from './zoned-time.ts';

export type OooRequest =
  | { kind: 'until'; day: CalendarDay }
  | { kind: 'off' }
  | { kind: 'show' }
  | { kind: 'invalid'; message: string };

const usage = 'Write `/drumbeat ooo until 2026-12-01` (a date, YYYY-MM-DD) or `/drumbeat ooo off`.';

export function parseOooRequest(text: string): OooRequest {
  const words = text.trim().toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return { kind: 'show' };
  if (words.length === 1 && (words[0] === 'off' || words[0] === 'back')) return { kind: 'off' };
  const dateText = words[0] === 'until' ? words[1] : words[0];
  const extra = words.length > (words[0] === 'until' ? 2 : 1);
  const match = dateText ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(dateText) : null;
  if (!match || extra)
    return { kind: 'invalid', message: `I did not understand "${echoInput(text)}". ${usage}` };
  const day = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
  if (!isRealDay(day))
    return { kind: 'invalid', message: `${echoInput(dateText ?? '')} is not a real date. ${usage}` };
  return { kind: 'until', day };
}

/** The instant an "until <day>" absence ends: the start of the next day in `zone`. */
export function oooEnd(day: CalendarDay, zone: string): Date {
  return new Date(zonedTimeToEpoch(addDays(day, 1), { hour: 0, minute: 0 }, zone));
}
