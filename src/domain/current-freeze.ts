import { milestoneInstant } from './deadline-alerts.ts';
import { type FreezeKind, isFreezeKind } from './freeze-readiness.ts';
import type { CalendarMilestone } from './types.ts';

export interface FreezeMilestone {
  kind: FreezeKind;
  name: string;
  /** The freeze's instant (a date-only row: 00:00 UTC of its day). */
  at: Date;
}

/** The calendar's freezes in time order. */
export function calendarFreezes(milestones: readonly CalendarMilestone[]): FreezeMilestone[] {
  const out: FreezeMilestone[] = [];
  for (const m of milestones) {
    const at = milestoneInstant(m);
    if (at && isFreezeKind(m.kind)) out.push({ kind: m.kind, name: m.name, at });
  }
  return out.sort((a, b) => a.at.getTime() - b.at.getTime());
}

/**
 * The freeze KEPs are tracked for at `now`: the next one still ahead, else (every freeze passed)
 * the last one. `kind` picks that kind's milestone instead. Null when the calendar has none.
 */
export function trackedFreeze(
  milestones: readonly CalendarMilestone[],
  now: Date,
  kind?: FreezeKind,
): FreezeMilestone | null {
  const freezes = calendarFreezes(milestones).filter((f) => kind === undefined || f.kind === kind);
  return freezes.find((f) => f.at > now) ?? freezes.at(-1) ?? null;
}
