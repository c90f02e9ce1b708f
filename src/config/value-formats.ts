/**
 * The small value formats a drumbeat.yaml is written in: Slack IDs, channels, time zones, cron, clock
 * times, dates, percentages. Each `check*` returns null when the value is fine, or what would be valid.
 */
import { parseCron } from '../domain/cron.ts';
import { parseDuration } from '../domain/duration.ts';

/** What a value of each format looks like, for messages. */
export const expected = {
  channel: 'expected "#name" or a channel ID (C…/G…)',
  slackUser: 'expected a Slack user ID (U… or W…, e.g. "U012ABCDEF")',
  duration: 'expected a duration such as "90m", "24h" or "2d" (whole numbers; units s, m, h, d, w)',
  cron: 'expected a cron expression "minute hour day-of-month month day-of-week", e.g. "0 16 * * 2"',
  timeZone: 'expected an IANA time zone such as "UTC" or "Europe/Berlin"',
  clockTime: 'expected a 24-hour time "HH:MM", e.g. "19:00"',
  date: 'expected a date "YYYY-MM-DD", e.g. "2026-06-17"',
  instant: 'expected an ISO-8601 instant with a zone, e.g. "2026-06-19T12:00:00Z"',
  githubLogin: 'expected a GitHub login (letters, digits and "-", at most 39 characters)',
  repo: 'expected "owner/name", e.g. "kubernetes/enhancements"',
  releaseName: 'expected a release name "vMAJOR.MINOR", e.g. "v1.37"',
  percent: 'expected a percentage such as "60%"',
  path: 'expected a file path (relative to this config file)',
} as const;

const channelPattern = /^(?:#[a-z0-9][a-z0-9._-]{0,79}|[CG][A-Z0-9]{8,})$/;
const slackUserPattern = /^[UW][A-Z0-9]{8,}$/;
const githubLoginPattern = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/;
const clockTimePattern = /^([01]\d|2[0-3]):[0-5]\d$/;
const datePattern = /^(\d{4})-(\d{2})-(\d{2})$/;
const instantPattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:\d{2})$/;
const ianaPattern = /^[A-Z][A-Za-z_+-]*(?:\/[A-Za-z0-9_+-]+)+$/;

let supportedZones: Set<string> | null = null;

function zoneSet(): Set<string> {
  supportedZones ??= new Set([...Intl.supportedValuesOf('timeZone'), 'UTC']);
  return supportedZones;
}

/** Zones resolved so far: a config names the same few zones once per SIG, meeting and milestone. */
const resolvedZones = new Map<string, string | null>();

/** The canonical zone the runtime resolves `name` to, or null when it knows no such zone. */
function resolveZone(name: string): string | null {
  const known = resolvedZones.get(name);
  if (known !== undefined) return known;
  let resolved: string | null;
  try {
    resolved = new Intl.DateTimeFormat('en', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    resolved = null;
  }
  resolvedZones.set(name, resolved);
  return resolved;
}

export function checkChannel(value: string): string | null {
  return channelPattern.test(value) ? null : expected.channel;
}

export function checkSlackUser(value: string): string | null {
  return slackUserPattern.test(value) ? null : expected.slackUser;
}

export function checkGithubLogin(value: string): string | null {
  return githubLoginPattern.test(value) ? null : expected.githubLogin;
}

export function checkDuration(value: string): string | null {
  return parseDuration(value) === null ? expected.duration : null;
}

/** Valid IANA names only (`UTC`, `Europe/Berlin`); abbreviations like `PT` or `EST` are refused. */
export function checkTimeZone(value: string): string | null {
  const resolved = resolveZone(value);
  if (resolved !== null && (zoneSet().has(value) || ianaPattern.test(value))) return null;
  const hint = resolved !== null && resolved !== value ? ` (did you mean "${resolved}"?)` : '';
  return `${expected.timeZone}${hint}`;
}

/** The scheduler's own parser decides, so what passes here is what runs; the reason comes along. */
export function checkCron(value: string): string | null {
  if (value.trim() === '' || value.length > 200) return expected.cron;
  const parsed = parseCron(value);
  return parsed.ok ? null : `${expected.cron}; ${parsed.message.replace(/^cron "[^"]*": /, '')}`;
}

export function checkClockTime(value: string): string | null {
  return clockTimePattern.test(value) ? null : expected.clockTime;
}

/** A real calendar day (`2026-02-30` is refused). */
export function checkDate(value: string): string | null {
  const match = datePattern.exec(value);
  if (!match) return expected.date;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  const real = date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
  return real ? null : 'expected a day that exists, as "YYYY-MM-DD"';
}

export function checkInstant(value: string): string | null {
  if (!instantPattern.test(value) || checkDate(value.slice(0, 10)) !== null) return expected.instant;
  return Number.isNaN(Date.parse(value)) ? expected.instant : null;
}

/** `2026-06-19T14:00:00+02:00` → `2026-06-19T12:00:00Z` (seconds precision, as calendar imports give). */
export function normalizeInstant(value: string): string {
  return new Date(Date.parse(value)).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** `60%` → 0.6; null when not a whole or decimal percentage between 0 and 100. */
export function parsePercent(value: string): number | null {
  const match = /^(\d{1,3}(?:\.\d+)?)%$/.exec(value.trim());
  if (!match) return null;
  const percent = Number(match[1]);
  return percent >= 0 && percent <= 100 ? percent / 100 : null;
}
