/** Dates and durations as scheduled messages print them. Pure; every instant is passed in. */
import { escapeMrkdwn, formatDate } from '../escape.ts';

/** The two formatters, built at first use: the first en-GB formatter loads its locale data. */
let formatters: { longDay: Intl.DateTimeFormat; hhmm: Intl.DateTimeFormat } | null = null;
function utcFormatters(): { longDay: Intl.DateTimeFormat; hhmm: Intl.DateTimeFormat } {
  formatters ??= {
    longDay: new Intl.DateTimeFormat('en-GB', {
      timeZone: 'UTC',
      weekday: 'long',
      day: 'numeric',
      month: 'long',
      year: 'numeric',
    }),
    hhmm: new Intl.DateTimeFormat('en-GB', {
      timeZone: 'UTC',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }),
  };
  return formatters;
}

const hourMs = 3_600_000;

/** `Friday 17 October 2025, 12:00 UTC`. */
export function utcText(at: Date): string {
  const { longDay, hhmm } = utcFormatters();
  return `${longDay.format(at)}, ${hhmm.format(at)} UTC`;
}

/** `Wednesday 17 December 2025` for a `YYYY-MM-DD` day. */
export function dayText(date: string): string {
  const ms = Date.parse(`${date}T00:00:00Z`);
  return Number.isFinite(ms) ? utcFormatters().longDay.format(ms) : escapeMrkdwn(date);
}

/** Anywhere on Earth (UTC−12): `Thursday 16 October 2025, end of day AoE` or `…, 03:00 AoE`. */
export function aoeText(at: Date): string {
  const aoe = new Date(at.getTime() - 12 * hourMs);
  const { longDay, hhmm } = utcFormatters();
  if (hhmm.format(aoe) === '00:00') return `${longDay.format(new Date(aoe.getTime() - 1))}, end of day AoE`;
  return `${longDay.format(aoe)}, ${hhmm.format(aoe)} AoE`;
}

/** The instant in each reader's own zone (Slack formats `<!date>`), with the UTC text as fallback. */
export function readerTime(at: Date, format = '{date_long_pretty} {time}'): string {
  return formatDate(Math.floor(at.getTime() / 1000), format, utcText(at));
}

/**
 * When a calendar row is: an instant in each reader's zone, or for a day-only row the day as the
 * calendar gives it (`Monday 27 October 2025`, a range `… to …`), never an invented time.
 */
export function rowWhen(
  row: { at: string | null; date: string | null; endDate?: string | null },
  format = '{date_short_pretty} {time}',
): string {
  if (row.date !== null)
    return row.endDate ? `${dayText(row.date)} to ${dayText(row.endDate)}` : dayText(row.date);
  return row.at === null ? 'no date' : readerTime(new Date(row.at), format);
}

/** `14 days`, `5 hours`, `40 minutes` (rounded down; at least a minute). */
export function durationText(ms: number): string {
  const minutes = Math.max(1, Math.floor(ms / 60_000));
  if (minutes >= 2 * 24 * 60) return `${Math.floor(minutes / (24 * 60))} days`;
  if (minutes >= 120) return `${Math.floor(minutes / 60)} hours`;
  return minutes === 1 ? '1 minute' : `${minutes} minutes`;
}
