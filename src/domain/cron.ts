/**
 * A pure evaluator of cron expressions in IANA time zones: which UTC instants a cadence such as
 * `0 16 * * 2` in `America/Los_Angeles` names between two instants.
 *
 This is the one cron grammar of the project: `drumbeat check` validates with {@link parseCron} and
 * the scheduler evaluates what it parsed, so a cadence that passes the check is one that runs.
 * (node-cron only drives the per-minute tick.)
 *
 * Syntax: five fields `minute hour day-of-month month day-of-week`, or six with a leading `second`;
 * each field is `*`, a value, a range `a-b`, a step `*∕n`, `a-b/n` or `a/n`, or a comma list of
 * those. Months and weekdays may be names (`jan`, `Mon`, `tuesday`); weekday 7 is Sunday, as is 0.
 * The nicknames `@yearly`, `@annually`, `@monthly`, `@weekly`, `@daily`, `@midnight` and `@hourly`
 * stand for their Vixie cron expansions. `L`, `W` and `#` are refused, as is an expression that
 * names no day that exists (`0 9 30 2 *`). As in node-cron, day-of-month and day-of-week must BOTH
 * match (Vixie cron ORs them when both are set).
 *
 * Daylight saving:
 * - A local time that does not exist (skipped in spring) fires once, at the instant the clocks
 *   jump (03:00 local in the US), as Vixie cron and cronie do. node-cron skips such a run, which
 *   would silently lose a weekly drumbeat round; we prefer running it as early as possible.
 * - A local time that happens twice (autumn) fires once, at its first occurrence, unless the hour
 *   field is `*` (an every-hour job is about elapsed time, so it runs in both passes), as Vixie
 *   cron does.
 */
import { localParts, offsetMs, wallMs } from './local-time.ts';

/** A parsed cron expression: the allowed values of each field. */
export interface CronSpec {
  source: string;
  seconds: number[];
  minutes: number[];
  hours: number[];
  daysOfMonth: Set<number>;
  months: Set<number>;
  daysOfWeek: Set<number>;
  /** The hour field is `*`: repeated local times in autumn fire twice. */
  everyHour: boolean;
}

export type CronParse = { ok: true; spec: CronSpec } | { ok: false; message: string };

const monthNames = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const dayNames = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

interface FieldDef {
  name: string;
  min: number;
  max: number;
  names?: string[];
  /** Value the first name stands for (months start at 1). */
  nameBase?: number;
}

const fieldDefs: Record<'second' | 'minute' | 'hour' | 'dom' | 'month' | 'dow', FieldDef> = {
  second: { name: 'second', min: 0, max: 59 },
  minute: { name: 'minute', min: 0, max: 59 },
  hour: { name: 'hour', min: 0, max: 23 },
  dom: { name: 'day-of-month', min: 1, max: 31 },
  month: { name: 'month', min: 1, max: 12, names: monthNames, nameBase: 1 },
  dow: { name: 'day-of-week', min: 0, max: 7, names: dayNames, nameBase: 0 },
};

const fullNames = new Set([
  'sunday',
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'january',
  'february',
  'march',
  'april',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
]);

/** A number in range, or a name (`tue`, `tuesday`, `Oct`); null when it is neither. */
function readValue(text: string, def: FieldDef): number | null {
  const lower = text.toLowerCase();
  if (/^\d{1,2}$/.test(lower)) {
    const n = Number(lower);
    return n >= def.min && n <= def.max ? n : null;
  }
  const index =
    def.names?.findIndex((name) => lower === name || (fullNames.has(lower) && lower.startsWith(name))) ?? -1;
  return index < 0 ? null : index + (def.nameBase ?? 0);
}

/** One comma-separated item of a field → its values, or an error message. */
function readItem(item: string, def: FieldDef): number[] | string {
  const [range = '', stepText, extra] = item.split('/');
  if (extra !== undefined) return `"${item}" has more than one "/"`;
  let step = 1;
  if (stepText !== undefined) {
    if (!/^\d{1,2}$/.test(stepText) || Number(stepText) < 1)
      return `"${item}": the step must be a whole number ≥ 1`;
    step = Number(stepText);
  }
  let from: number;
  let to: number;
  if (range === '*' || range === '?') {
    from = def.min;
    to = def.max === 7 ? 6 : def.max;
  } else {
    const [a = '', b, more] = range.split('-');
    if (more !== undefined) return `"${item}" is not a range a-b`;
    const first = readValue(a, def);
    const last = b === undefined ? (stepText !== undefined ? def.max : first) : readValue(b, def);
    if (first === null || last === null) return `"${item}" is not a ${def.name} (${def.min}–${def.max})`;
    if (last < first) return `"${item}": the range runs backwards`;
    from = first;
    to = last;
  }
  const values: number[] = [];
  for (let v = from; v <= to; v += step) values.push(v);
  return values;
}

function readField(text: string, def: FieldDef): number[] | string {
  if (/#|\dW|LW|(^|,)\d*L(,|$)/i.test(text))
    return `${def.name} "${text}": L, W and # are not supported by Drumbeat's scheduler; list the days instead`;
  const values = new Set<number>();
  for (const item of text.split(',')) {
    const read = readItem(item, def);
    if (typeof read === 'string') return `${def.name} ${read}`;
    for (const v of read) values.add(def === fieldDefs.dow && v === 7 ? 0 : v);
  }
  return [...values].sort((a, b) => a - b);
}

/** The Vixie cron nicknames and the five fields each stands for. */
const nicknames: Record<string, string> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};

/** `@weekly` → its five fields; an unknown `@name` → an error message; anything else unchanged. */
function expandNickname(source: string): string | { error: string } {
  const trimmed = source.trim();
  if (!trimmed.startsWith('@')) return trimmed;
  const fields = nicknames[trimmed.toLowerCase()];
  if (fields !== undefined) return fields;
  return { error: `not a nickname Drumbeat runs; use ${Object.keys(nicknames).join(', ')}` };
}

/** Days in each month, February counted as in a leap year: the most a month can hold. */
const longestMonth = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Some day-of-month in some month of the expression exists (weekdays then fall on it in time). */
function namesARealDay(daysOfMonth: number[], months: number[]): boolean {
  return months.some((m) => daysOfMonth.some((d) => d <= longestMonth[m - 1]!));
}

const fieldOrder = [
  fieldDefs.second,
  fieldDefs.minute,
  fieldDefs.hour,
  fieldDefs.dom,
  fieldDefs.month,
  fieldDefs.dow,
];

/** The six fields of an expression (seconds `0` when it has five), or what is wrong with it. */
function splitFields(source: string): string[] | string {
  const expanded = expandNickname(source);
  if (typeof expanded !== 'string') return expanded.error;
  const fields = expanded.split(/\s+/);
  if (fields.length === 6) return fields;
  if (fields.length === 5) return ['0', ...fields];
  return `has ${fields.length} fields; write 5: minute hour day-of-month month day-of-week (e.g. "0 16 * * 2")`;
}

/** Parses a 5- or 6-field cron expression; the error message says which field is wrong and how. */
export function parseCron(source: string): CronParse {
  const fail = (problem: string): CronParse => ({ ok: false, message: `cron "${source}": ${problem}` });
  const fields = splitFields(source);
  if (typeof fields === 'string') return fail(fields);
  const read = fields.map((text, i) => readField(text, fieldOrder[i]!));
  const problem = read.find((r): r is string => typeof r === 'string');
  if (problem !== undefined) return fail(problem);
  const [s, mi, h, d, mo, w] = read as number[][];
  if (!namesARealDay(d!, mo!)) return fail('no month of it has that day-of-month, so it never runs');
  return {
    ok: true,
    spec: {
      source,
      seconds: s!,
      minutes: mi!,
      hours: h!,
      daysOfMonth: new Set(d),
      months: new Set(mo),
      daysOfWeek: new Set(w),
      everyHour: fields[2] === '*',
    },
  };
}

const dayMs = 86_400_000;

/** The first instant at or after `lowMs` whose offset is already `afterOffset` (a DST jump). */
function transitionInstant(lowMs: number, highMs: number, afterOffset: number, zone: string): number {
  let low = Math.floor(lowMs / 60_000);
  let high = Math.ceil(highMs / 60_000);
  while (low < high) {
    const mid = Math.floor((low + high) / 2);
    if (offsetMs(mid * 60_000, zone) === afterOffset) high = mid;
    else low = mid + 1;
  }
  return low * 60_000;
}

/** Every UTC instant that reads as `wall` in `zone`, by the DST rules in the module comment. */
function instantsOfWall(wall: number, zone: string, bothPasses: boolean): number[] {
  const before = offsetMs(wall - dayMs, zone);
  const after = offsetMs(wall + dayMs, zone);
  const candidates = [...new Set([wall - before, wall - after])].sort((a, b) => a - b);
  const valid = candidates.filter((c) => c + offsetMs(c, zone) === wall);
  if (valid.length === 0) return [transitionInstant(candidates[0]!, candidates.at(-1)!, after, zone)];
  return bothPasses ? valid : [valid[0]!];
}

function dayMatches(spec: CronSpec, year: number, month: number, day: number): boolean {
  const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  return spec.months.has(month) && spec.daysOfMonth.has(day) && spec.daysOfWeek.has(weekday);
}

/** The instants of one local day, in order. Days without a DST change skip the per-time checks. */
function instantsOnDay(spec: CronSpec, zone: string, year: number, month: number, day: number): number[] {
  const dayStart = Date.UTC(year, month - 1, day);
  const offsetAtStart = offsetMs(dayStart - offsetMs(dayStart, zone), zone);
  const steady =
    offsetMs(dayStart - offsetAtStart, zone) === offsetAtStart &&
    offsetMs(dayStart + dayMs - offsetAtStart, zone) === offsetAtStart;
  const out: number[] = [];
  for (const hour of spec.hours)
    for (const minute of spec.minutes)
      for (const second of spec.seconds) {
        const wall = dayStart + ((hour * 60 + minute) * 60 + second) * 1000;
        if (steady) out.push(wall - offsetAtStart);
        else out.push(...instantsOfWall(wall, zone, spec.everyHour));
      }
  return out;
}

/**
 * The instants (UTC) named by `cron` in `zone` after `fromExclusive` and up to `toInclusive`, in
 * order, each once; at most `limit` of them. Throws an Error with the parse message when the
 * expression is invalid (validate with {@link parseCron} first to report it nicely).
 */
export function nextInstants(
  cron: string | CronSpec,
  zone: string,
  fromExclusive: Date,
  toInclusive: Date,
  limit = Number.POSITIVE_INFINITY,
): Date[] {
  const spec = typeof cron === 'string' ? parseOrThrow(cron) : cron;
  const from = fromExclusive.getTime();
  const to = toInclusive.getTime();
  if (!(to > from) || limit <= 0) return [];
  const start = localParts(from - dayMs, zone);
  const endWall = wallMs(localParts(to, zone)) + dayMs;
  const found = new Set<number>();
  for (let day = Date.UTC(start.year, start.month - 1, start.day); day <= endWall; day += dayMs) {
    const d = new Date(day);
    const [y, m, dd] = [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
    if (!dayMatches(spec, y, m, dd)) continue;
    for (const t of instantsOnDay(spec, zone, y, m, dd)) if (t > from && t <= to) found.add(t);
    if (found.size >= limit) break;
  }
  return [...found]
    .sort((a, b) => a - b)
    .slice(0, Number.isFinite(limit) ? limit : undefined)
    .map((t) => new Date(t));
}

function parseOrThrow(cron: string): CronSpec {
  const parsed = parseCron(cron);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.spec;
}
