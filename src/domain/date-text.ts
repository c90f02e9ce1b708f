import { type CalendarDay, formatDay, isRealDay, weekdayOf } from './calendar-date.ts';

/** A day or a range of days read from prose (`Monday 10th - Thursday 13th November 2025`). */
export interface DateTextReading {
  start: CalendarDay | null;
  end: CalendarDay | null;
  /** True when the text gave no year and `contextYear` was used. */
  yearAssumed: boolean;
  /** What did not add up (impossible day, wrong weekday…), as sentences. */
  problems: string[];
}

interface Partial {
  day?: number;
  month?: number;
  year?: number;
  weekday?: number;
}

const months = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const weekdays = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const weekdayNames = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const rangeWords = new Set(['to', 'through', 'thru', 'until', 'till', '-', '–', '—', '…', '...', '~']);
const isoDate = /(?<!\d)(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)/g;

function monthOf(word: string): number | undefined {
  const lower = word.toLowerCase();
  if (lower.length < 3) return undefined;
  const index = months.findIndex(
    (m) => lower.startsWith(m) && (lower.length <= 4 || monthNameMatches(lower)),
  );
  return index >= 0 ? index + 1 : undefined;
}

function monthNameMatches(lower: string): boolean {
  const full = [
    'january',
    'february',
    'march',
    'april',
    'may',
    'june',
    'july',
    'august',
    'september',
    'october',
    'november',
    'december',
  ];
  return full.includes(lower) || lower === 'sept';
}

function weekdayOfWord(word: string): number | undefined {
  const lower = word.toLowerCase();
  if (lower.length < 3) return undefined;
  const full = [
    'sunday',
    'monday',
    'tuesday',
    'wednesday',
    'thursday',
    'friday',
    'saturday',
    'tues',
    'thurs',
    'weds',
  ];
  if (lower.length > 3 && !full.includes(lower)) return undefined;
  const index = weekdays.findIndex((w) => lower.startsWith(w));
  return index >= 0 ? index : undefined;
}

type Token = { kind: 'day' | 'month' | 'year' | 'weekday'; value: number } | { kind: 'range' };

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const pattern = /(\d+)(?:st|nd|rd|th)?(?![\d:])|([A-Za-z]+)|(\.\.\.|[-–—…~])/g;
  for (const match of text.matchAll(pattern)) {
    const [, digits, word, dash] = match;
    if (dash) tokens.push({ kind: 'range' });
    else if (digits) {
      const value = Number(digits);
      if (digits.length === 4) tokens.push({ kind: 'year', value });
      else if (digits.length <= 2 && value >= 1 && value <= 31) tokens.push({ kind: 'day', value });
    } else if (word) {
      const month = monthOf(word);
      const weekday = month === undefined ? weekdayOfWord(word) : undefined;
      if (month !== undefined) tokens.push({ kind: 'month', value: month });
      else if (weekday !== undefined) tokens.push({ kind: 'weekday', value: weekday });
      else if (rangeWords.has(word.toLowerCase())) tokens.push({ kind: 'range' });
    }
  }
  return tokens;
}

function collect(tokens: Token[]): Partial {
  const part: Partial = {};
  for (const token of tokens) {
    if (token.kind !== 'range' && part[token.kind] === undefined) part[token.kind] = token.value;
  }
  return part;
}

function splitRange(tokens: Token[]): [Partial, Partial | null] {
  const index = tokens.findIndex(
    (t, i) =>
      t.kind === 'range' &&
      tokens.slice(0, i).some((x) => x.kind === 'day') &&
      tokens.slice(i + 1).some((x) => x.kind === 'day'),
  );
  if (index < 0) return [collect(tokens), null];
  return [collect(tokens.slice(0, index)), collect(tokens.slice(index + 1))];
}

function complete(part: Partial, contextYear: number | null, problems: string[]): CalendarDay | null {
  if (part.day === undefined || part.month === undefined) return null;
  const year = part.year ?? contextYear;
  if (year === null || year === undefined) {
    problems.push('the date gives no year');
    return null;
  }
  const day = { year, month: part.month, day: part.day };
  if (!isRealDay(day)) {
    problems.push(`${months[part.month - 1]} ${part.day} ${year} is not a real date`);
    return null;
  }
  if (part.weekday !== undefined && weekdayOf(day) !== part.weekday) {
    problems.push(
      `it says ${weekdayNames[part.weekday]}, but ${formatDay(day)} is a ${weekdayNames[weekdayOf(day)]}; used the date`,
    );
  }
  return day;
}

function readIso(text: string, problems: string[]): CalendarDay[] {
  const days: CalendarDay[] = [];
  for (const match of text.matchAll(isoDate)) {
    const day = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
    if (isRealDay(day)) days.push(day);
    else problems.push(`${match[0]} is not a real date`);
  }
  return days;
}

/**
 * Reads a day or range from free text: ISO (`2025-11-10 … 2025-11-13`), `Monday 15th September 2025`,
 * `September 15, 2025`, `15 Sept 2025`, `10-13 November 2025`, `Monday 10th - Thursday 13th November 2025`,
 * `Mon Dec 29 - Fri Jan 2 2026`. Times (`21:00`) must be removed first. A missing year uses `contextYear`.
 */
export function readDateText(text: string, contextYear: number | null): DateTextReading {
  const problems: string[] = [];
  const iso = readIso(text, problems);
  if (iso.length > 0 || problems.length > 0) {
    return { start: iso[0] ?? null, end: iso[1] ?? null, yearAssumed: false, problems };
  }
  const tokens = tokenize(text);
  const [left, right] = splitRange(tokens);
  const yearGiven = tokens.some((t) => t.kind === 'year');
  if (right) {
    right.month ??= left.month;
    right.year ??= left.year;
    left.month ??= right.month;
    left.year ??=
      left.month !== undefined &&
      right.month !== undefined &&
      left.month > right.month &&
      right.year !== undefined
        ? right.year - 1
        : right.year;
  }
  const start = complete(left, contextYear, problems);
  const end = right ? complete(right, start?.year ?? contextYear, problems) : null;
  return { start, end, yearAssumed: !yearGiven && start !== null, problems };
}
