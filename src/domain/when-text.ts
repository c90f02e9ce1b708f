import { addDays, type CalendarDay, formatDay, formatInstant } from './calendar-date.ts';
import { readDateText } from './date-text.ts';
import { formatTimeOfDay, readTimeOfDay, type TimeOfDay } from './time-of-day.ts';
import { fixedOffsetMinutes, zoneFromText } from './time-zone-names.ts';
import { zonedTimeToEpoch } from './zoned-time.ts';

/** When a calendar row happens, read from its free-text "When" cell. */
export interface WhenReading {
  /** ISO-8601 UTC instant, when a time or an AoE deadline is given. */
  at: string | null;
  /** `YYYY-MM-DD`, when only a day is given. */
  date: string | null;
  endDate: string | null;
  aoe: boolean;
  /** The first day mentioned (for carrying the year to the next row). */
  day: CalendarDay | null;
  problems: string[];
}

interface Segment {
  text: string;
  day: CalendarDay | null;
  end: CalendarDay | null;
  time: TimeOfDay | null;
  /** The zone label next to the time (`UTC`, `PST`…), if any. */
  label: string | null;
  aoe: boolean;
}

const timePattern =
  /\b(\d{1,2}):(\d{2})(?::\d{2})?(?:\s*([ap])\.?m\.?\b)?|\b(\d{1,2})\s*([ap])\.?m\.?\b|\bnoon\b/i;
const aoePattern = /\bAoE\b|anywhere on earth/i;

function splitSegments(text: string): string[] {
  const normalized = text
    .replace(/(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/g, '$1 $2')
    .replace(/(\d{1,2}:\d{2}(?::\d{2})?)Z\b/g, '$1 UTC');
  const parts = normalized.split(/\s+\/\s+|\s*(?:→|->|=>|⇒)\s*/);
  const segments: string[] = [];
  for (const part of parts) {
    const timed = [...part.matchAll(/\(([^()]*)\)/g)].filter((m) => timePattern.test(m[1] ?? ''));
    let rest = part;
    for (const match of timed) {
      segments.push(match[1] ?? '');
      rest = rest.replace(match[0], ' ');
    }
    segments.unshift(rest);
  }
  return segments.filter((s) => s.trim());
}

function readLabel(text: string): string | null {
  if (/\b(?:UTC|GMT)\b(?!\s*[+-]\s*\d)/i.test(text)) return 'UTC';
  const match = /\b(?:UTC|GMT)\s*[+-]\s*\d{1,2}(?::?\d{2})?\b/i.exec(text);
  if (match) return match[0];
  const words = text.replace(/\b(?:AoE)\b/gi, ' ').match(/\b[A-Z]{2,5}\b/g) ?? [];
  return words.find((word) => zoneFromText(word) !== null) ?? null;
}

function readSegment(text: string, contextYear: number | null, problems: string[]): Segment {
  const timeMatch = timePattern.exec(text);
  const time = timeMatch ? readTimeOfDay(timeMatch[0].replace(/(\d:\d{2}):\d{2}/, '$1')) : null;
  const withoutTimes = text.replace(new RegExp(timePattern.source, 'gi'), ' ');
  const dates = readDateText(withoutTimes, contextYear);
  problems.push(...dates.problems);
  if (dates.yearAssumed && dates.start)
    problems.push(`"${text.trim()}" gives no year; assumed ${dates.start.year}`);
  return {
    text,
    day: dates.start,
    end: dates.end,
    time,
    label: time ? readLabel(text) : null,
    aoe: aoePattern.test(text),
  };
}

function epochOf(day: CalendarDay, time: TimeOfDay, label: string): number | null {
  if (label === 'UTC') return Date.UTC(day.year, day.month - 1, day.day, time.hour, time.minute);
  const zone = zoneFromText(label);
  return zone ? zonedTimeToEpoch(day, time, zone) : null;
}

function instantText(epoch: number): string {
  return new Date(epoch).toISOString().replace(/\.000Z$/, 'Z');
}

/** The UTC day for a UTC time on a row that only dates its AoE day (AoE day D runs D 12:00Z → D+1 12:00Z). */
function utcDayFor(segments: Segment[], utc: Segment): CalendarDay | null {
  const zoned = segments.find((s) => s !== utc && s.day && s.time && s.label);
  if (zoned?.day && zoned.time && zoned.label) {
    const epoch = epochOf(zoned.day, zoned.time, zoned.label);
    if (epoch !== null) {
      const date = new Date(epoch);
      return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
    }
  }
  const dated = segments.find((s) => s.day);
  if (!dated?.day || !utc.time) return null;
  return dated.aoe && utc.time.hour * 60 + utc.time.minute <= 12 * 60 ? addDays(dated.day, 1) : dated.day;
}

function aoeEpoch(segment: Segment): number | null {
  if (!segment.day) return null;
  const end = segment.time ?? { hour: 24, minute: 0 };
  return Date.UTC(segment.day.year, segment.day.month - 1, segment.day.day, end.hour + 12, end.minute);
}

function disagreement(segments: Segment[], chosen: Segment, epoch: number): string[] {
  const problems: string[] = [];
  for (const other of segments) {
    if (other === chosen || !other.day) continue;
    let otherEpoch: number | null = null;
    let described = '';
    if (other.aoe && !other.label) {
      otherEpoch = aoeEpoch(other);
      described = `${formatDay(other.day)} AoE`;
    } else if (other.time && other.label && other.label !== 'UTC') {
      const offset = fixedOffsetMinutes(other.label);
      const wall = Date.UTC(
        other.day.year,
        other.day.month - 1,
        other.day.day,
        other.time.hour,
        other.time.minute,
      );
      otherEpoch = offset === null ? epochOf(other.day, other.time, other.label) : wall - offset * 60_000;
      described = `${formatTimeOfDay(other.time)} ${other.label} on ${formatDay(other.day)}`;
    }
    if (otherEpoch !== null && otherEpoch !== epoch) {
      problems.push(
        `${described} is ${instantText(otherEpoch)}, not ${instantText(epoch)}; trusted the UTC time`,
      );
    }
  }
  return problems;
}

function result(partial: Partial<WhenReading>, segments: Segment[], problems: string[]): WhenReading {
  const first = segments.find((s) => s.day) ?? null;
  return {
    at: partial.at ?? null,
    date: partial.date ?? null,
    endDate: first?.end ? formatDay(first.end) : null,
    aoe: segments.some((s) => s.aoe),
    day: first?.day ?? null,
    problems,
  };
}

/**
 * Reads a release calendar's "When" text. The UTC part wins over zone labels; an AoE day D ends at
 * D+1 12:00 UTC; a time in another zone is converted with that zone's rules (daylight saving included);
 * a time with no zone is taken as UTC, with a problem reported; a bare day stays a date.
 */
export function readWhenText(text: string, contextYear: number | null): WhenReading {
  if (!text.trim())
    return { at: null, date: null, endDate: null, aoe: false, day: null, problems: ['no date given'] };
  const problems: string[] = [];
  const segments = splitSegments(text).map((s) => readSegment(s, contextYear, problems));
  const utc = segments.find((s) => s.time && s.label === 'UTC');
  const utcDay = utc ? (utc.day ?? utcDayFor(segments, utc)) : null;
  if (utc?.time && utcDay) {
    const epoch = Date.UTC(utcDay.year, utcDay.month - 1, utcDay.day, utc.time.hour, utc.time.minute);
    return result({ at: formatInstant(utcDay, utc.time.hour, utc.time.minute) }, segments, [
      ...problems,
      ...disagreement(segments, utc, epoch),
    ]);
  }
  const aoe =
    segments.find((s) => s.aoe && s.day) ??
    (segments.some((s) => s.aoe) ? segments.find((s) => s.day) : undefined);
  const aoeAt = aoe ? aoeEpoch(aoe) : null;
  if (aoeAt !== null) return result({ at: instantText(aoeAt) }, segments, problems);
  const zoned = segments.find((s) => s.day && s.time);
  if (zoned?.day && zoned.time) {
    const epoch = zoned.label ? epochOf(zoned.day, zoned.time, zoned.label) : null;
    const at =
      epoch ??
      Date.UTC(zoned.day.year, zoned.day.month - 1, zoned.day.day, zoned.time.hour, zoned.time.minute);
    const why = zoned.label
      ? `the time is given only in ${zoned.label}; converted to UTC`
      : 'the time names no zone; taken as UTC';
    return result({ at: instantText(at) }, segments, [...problems, why]);
  }
  const dated = segments.find((s) => s.day);
  if (dated?.day) return result({ date: formatDay(dated.day) }, segments, problems);
  return result({}, segments, [...problems, `no date found in "${text.trim()}"`]);
}
