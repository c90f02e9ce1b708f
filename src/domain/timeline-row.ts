/**
 * Which release-calendar rows are deadlines (something is due by then) and which are events (a
 * reminder, a conference, a meeting, a release cut), and when a row is over. Pure.
 */
import type { CalendarMilestone, MilestoneKind } from './types.ts';

/** Kinds that are due dates: the freezes and the release itself. */
const deadlineKinds: ReadonlySet<MilestoneKind> = new Set([
  'prr-freeze',
  'enhancements-freeze',
  'feature-blog-freeze',
  'code-freeze',
  'docs-freeze',
  'release',
]);

/** Rows with no kind that still say something is due: "Docs deadline — …", "… ready to review". */
const duePattern = /\bdeadline\b|\bdue\b|\bready (?:to|for) review\b|\bcomplete\b/i;

/** A deadline: a freeze, the release, or a row whose text says something is due then. */
export function isDeadline(row: Pick<CalendarMilestone, 'name' | 'kind'>): boolean {
  if (row.kind !== null) return deadlineKinds.has(row.kind);
  return duePattern.test(row.name);
}

const dayMs = 86_400_000;

/**
 * When the row is over: its instant, or for a day (or range) the end of its last day in UTC; a
 * date-only row is listed through its whole day rather than from an invented 00:00 UTC.
 */
export function rowOverAt(row: Pick<CalendarMilestone, 'at' | 'date' | 'endDate'>): number {
  if (row.at !== null) return Date.parse(row.at);
  const last = row.endDate ?? row.date;
  return last === null ? Number.POSITIVE_INFINITY : Date.parse(`${last}T00:00:00Z`) + dayMs;
}

/** When the row begins: its instant, or 00:00 UTC of its first day (for ordering and horizons). */
export function rowStartsAt(row: Pick<CalendarMilestone, 'at' | 'date'>): number {
  if (row.at !== null) return Date.parse(row.at);
  return row.date === null ? Number.POSITIVE_INFINITY : Date.parse(`${row.date}T00:00:00Z`);
}

/** Rows not over at `now` that begin within `horizonMs`, in calendar order. */
export function upcomingRows<T extends Pick<CalendarMilestone, 'at' | 'date' | 'endDate'>>(
  rows: readonly T[],
  now: Date,
  horizonMs: number,
): T[] {
  const from = now.getTime();
  return rows.filter((r) => rowOverAt(r) > from && rowStartsAt(r) <= from + horizonMs);
}
