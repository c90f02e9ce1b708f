/**
 * When a direct message may reach a person: not during their quiet hours (local time, in their own
 * zone), not on Saturday or Sunday when they asked for quiet weekends, and not while they are out
 * of office. A DM that falls in a quiet period waits for its end; it is never dropped.
 */
import { addDays, type CalendarDay } from './calendar-date.ts';
import { localParts } from './local-time.ts';
import type { QuietHours } from './types.ts';
import { zonedTimeToEpoch } from './zoned-time.ts';

/** What decides when a person may get a DM. */
export interface DmPreferences {
  /** IANA zone. */
  timezone: string;
  quietHours: QuietHours | null;
  /** ISO-8601 instant until which the person is away; null or past when they are not. */
  outOfOfficeUntil: string | null;
}

/** `send`: at `at` (`deferred` when quiet hours pushed it later); `away`: out of office until `until`. */
export type DmTiming = { kind: 'send'; at: Date; deferred: boolean } | { kind: 'away'; until: Date };

function minutesOf(hhmm: string): number | null {
  const match = /^(\d{2}):(\d{2})$/.exec(hhmm);
  return match ? Number(match[1]) * 60 + Number(match[2]) : null;
}

/** The end of the quiet period that `t` falls in, or null when `t` is allowed. */
function quietUntil(t: number, zone: string, quiet: QuietHours): number | null {
  const p = localParts(t, zone);
  const today: CalendarDay = { year: p.year, month: p.month, day: p.day };
  if (quiet.weekends && (p.weekday === 0 || p.weekday === 6)) {
    const monday = addDays(today, p.weekday === 6 ? 2 : 1);
    return zonedTimeToEpoch(monday, { hour: 0, minute: 0 }, zone);
  }
  const from = minutesOf(quiet.from);
  const to = minutesOf(quiet.to);
  if (from === null || to === null || from === to) return null;
  const now = p.hour * 60 + p.minute;
  const overnight = from > to;
  const inside = overnight ? now >= from || now < to : now >= from && now < to;
  if (!inside) return null;
  const endDay = overnight && now >= from ? addDays(today, 1) : today;
  return zonedTimeToEpoch(endDay, { hour: Math.floor(to / 60), minute: to % 60 }, zone);
}

/**
 * The first instant at or after `now` at which a DM may reach the person, or `away` when they are
 * out of office at `now`. Quiet weekends and quiet hours chain (Friday night → Monday morning).
 */
export function nextDmInstant(now: Date, prefs: DmPreferences): DmTiming {
  const away = prefs.outOfOfficeUntil === null ? Number.NaN : Date.parse(prefs.outOfOfficeUntil);
  if (away > now.getTime()) return { kind: 'away', until: new Date(away) };
  let t = now.getTime();
  if (prefs.quietHours) {
    for (let i = 0; i < 8; i++) {
      const until = quietUntil(t, prefs.timezone, prefs.quietHours);
      if (until === null || until <= t) break;
      t = until;
    }
  }
  return { kind: 'send', at: new Date(t), deferred: t > now.getTime() };
}
