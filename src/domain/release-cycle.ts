/**
 * The release cycle a calendar spans, and whether a day or instant falls in it. Pure: days are
 * `YYYY-MM-DD` (UTC), instants ISO-8601.
 */
import type { CalendarMilestone } from './types.ts';

export interface ReleaseCycle {
  /** First day: the "Start of Release Cycle" row. */
  start: string;
  /** Last day of the latest row (its end day for a range). */
  end: string;
  /** The release day. */
  release: string;
  /** The Code Freeze day, when the calendar has one. */
  codeFreeze: string | null;
}

type Dated = Pick<CalendarMilestone, 'kind' | 'at' | 'date' | 'endDate'>;

function firstDay(m: Dated): string | null {
  return m.date ?? m.at?.slice(0, 10) ?? null;
}

function lastDay(m: Dated): string | null {
  return m.endDate ?? firstDay(m);
}

/**
 * The cycle of a calendar's rows: from its "Start of Release Cycle" row to its last row. Null when
 * the calendar has no dated cycle-start or release row (then it does not say what its cycle is).
 */
export function releaseCycle(milestones: readonly Dated[]): ReleaseCycle | null {
  const lasts = milestones
    .map(lastDay)
    .filter((d): d is string => d !== null)
    .sort();
  const dayOf = (kind: CalendarMilestone['kind']) => {
    const row = milestones.find((m) => m.kind === kind);
    return (row && firstDay(row)) ?? null;
  };
  const start = dayOf('cycle-start');
  const release = dayOf('release');
  if (start === null || release === null) return null;
  return {
    start,
    end: lasts.at(-1)!,
    release,
    codeFreeze: dayOf('code-freeze'),
  };
}

/** Is the day (`YYYY-MM-DD`) within the cycle, both ends included? */
export function dayInCycle(cycle: ReleaseCycle, day: string): boolean {
  return day >= cycle.start && day <= cycle.end;
}

/** Is the instant within the cycle's days (UTC)? */
export function instantInCycle(cycle: ReleaseCycle, at: string): boolean {
  const ms = Date.parse(at);
  if (Number.isNaN(ms)) return false;
  return dayInCycle(cycle, new Date(ms).toISOString().slice(0, 10));
}

/** `2025-09-15 to 2025-12-18 (release 2025-12-17)`, for messages. */
export function describeCycle(cycle: ReleaseCycle): string {
  return `${cycle.start} to ${cycle.end} (release ${cycle.release})`;
}

const dayMs = 86_400_000;

/**
 * Increments of `weeks` weeks from the cycle start that cover the coding (up to Code Freeze, else
 * the release); at least 1.
 */
export function codingIncrements(cycle: ReleaseCycle, weeks: number): number {
  const until = cycle.codeFreeze ?? cycle.release;
  const days = (Date.parse(`${until}T00:00:00Z`) - Date.parse(`${cycle.start}T00:00:00Z`)) / dayMs;
  return Math.max(1, Math.ceil(days / (weeks * 7)));
}
