/**
 * Deadline alerts: for every calendar milestone of an alerted kind and each of its lead times, one
 * alert instant. Timed milestones (`at`) alert at `at − lead`. Date-only milestones (`date`) alert
 * by date: at 00:00 UTC of the day, minus whole-day lead times; sub-day lead times (2h) make no
 * sense without a time and are left out.
 */
import { formatDuration } from './duration.ts';
import type { CalendarMilestone, MilestoneKind } from './types.ts';

const dayMs = 86_400_000;

/** Which milestones get alerts, and how long before them. */
export interface AlertPolicy {
  kinds: readonly MilestoneKind[];
  /** Default lead times, ms. */
  leadTimesMs: readonly number[];
  /** Per-kind lead times replacing the default. */
  leadTimesByKindMs: Partial<Record<MilestoneKind, readonly number[]>>;
}

/** A calendar milestone with the stable id the store gives it. */
export type IdentifiedMilestone = Pick<CalendarMilestone, 'name' | 'kind' | 'at' | 'date' | 'aoe'> & {
  id: number;
};

/** One alert to post. */
export interface AlertOccurrence {
  /** Ledger job name: `alert:<milestone id>:<lead>`, e.g. `alert:12:14d`. */
  job: string;
  milestoneId: number;
  leadMs: number;
  /** `14d`, `2h`. */
  leadLabel: string;
  /** When to post. */
  at: Date;
  /** The milestone's instant (date-only: 00:00 UTC of its day); after it the alert no longer matters. */
  deadline: Date;
  dateOnly: boolean;
}

/** The milestone's instant: `at`, or 00:00 UTC of `date`; null when neither parses. */
export function milestoneInstant(m: Pick<CalendarMilestone, 'at' | 'date'>): Date | null {
  const ms = m.at ? Date.parse(m.at) : m.date ? Date.parse(`${m.date}T00:00:00Z`) : Number.NaN;
  return Number.isFinite(ms) ? new Date(ms) : null;
}

/** Every alert of the calendar, in time order (ties by milestone id, then longest lead first). */
export function planAlerts(
  milestones: readonly IdentifiedMilestone[],
  policy: AlertPolicy,
): AlertOccurrence[] {
  const out: AlertOccurrence[] = [];
  for (const m of milestones) {
    if (m.kind === null || !policy.kinds.includes(m.kind)) continue;
    const deadline = milestoneInstant(m);
    if (deadline === null) continue;
    const dateOnly = m.at === null;
    const leads = policy.leadTimesByKindMs[m.kind] ?? policy.leadTimesMs;
    for (const leadMs of new Set(leads)) {
      if (dateOnly && leadMs % dayMs !== 0) continue;
      const leadLabel = formatDuration(leadMs);
      out.push({
        job: `alert:${m.id}:${leadLabel}`,
        milestoneId: m.id,
        leadMs,
        leadLabel,
        at: new Date(deadline.getTime() - leadMs),
        deadline,
        dateOnly,
      });
    }
  }
  return out.sort(
    (a, b) => a.at.getTime() - b.at.getTime() || a.milestoneId - b.milestoneId || b.leadMs - a.leadMs,
  );
}
