/**
 * The time views of the release page, pure: the calendar with "now", the next freeze and its
 * countdown, and the burn-up (KEPs per reported state at the end of each day of the cycle).
 */
import type { StateKey } from '../domain/digest.ts';
import type { KepState } from '../domain/kep-state.ts';
import type { MilestoneKind } from '../domain/types.ts';
import type { BurnupPoint, CalendarModel } from './site-types.ts';

const dayMs = 86_400_000;
const hourMs = 3_600_000;
const freezeKinds = new Set<MilestoneKind>([
  'prr-freeze',
  'enhancements-freeze',
  'code-freeze',
  'docs-freeze',
]);
/** Longest burn-up drawn, in days (a cycle is about 15 weeks). */
const maxBurnupDays = 200;

export interface TimelineMilestone {
  name: string;
  kind: MilestoneKind | null;
  startsAt: string;
}

export function calendarModel(milestones: readonly TimelineMilestone[], now: Date): CalendarModel {
  const nowMs = now.getTime();
  const rows = milestones.map((m) => ({
    name: m.name,
    kind: m.kind,
    startsAt: m.startsAt,
    freeze: m.kind !== null && freezeKinds.has(m.kind),
    past: Date.parse(m.startsAt) <= nowMs,
  }));
  const freeze = rows.find((r) => r.freeze && !r.past) ?? null;
  const next = rows.find((r) => !r.past) ?? null;
  return {
    rows,
    now: now.toISOString(),
    nextFreeze: freeze
      ? {
          name: freeze.name,
          startsAt: freeze.startsAt,
          countdown: countdown(Date.parse(freeze.startsAt) - nowMs),
        }
      : null,
    next: next ? { name: next.name, startsAt: next.startsAt } : null,
  };
}

/** `12 days 4 hours`, `5 hours`, `less than an hour`: the time left, to the hour. */
export function countdown(ms: number): string {
  const days = Math.floor(ms / dayMs);
  const hours = Math.floor((ms - days * dayMs) / hourMs);
  const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;
  if (days === 0 && hours === 0) return 'less than an hour';
  if (days === 0) return plural(hours, 'hour');
  return hours === 0 ? plural(days, 'day') : `${plural(days, 'day')} ${plural(hours, 'hour')}`;
}

export interface BurnupUpdate {
  kepPath: string;
  state: KepState;
  createdAt: string;
}

/**
 * For each day from `start` to `end` (UTC days), how many of `keps` were in each state at the end
 * of that day, by their latest update then ('none': not reported yet). One pass over the updates.
 */
export function burnup(
  keps: ReadonlySet<string>,
  updates: readonly BurnupUpdate[],
  states: readonly StateKey[],
  start: Date,
  end: Date,
): BurnupPoint[] {
  const sorted = inTimeOrder(updates.filter((u) => keps.has(u.kepPath)));
  const current = new Map<string, StateKey>();
  const counts = new Map<StateKey, number>(states.map((s) => [s, 0]));
  counts.set('none', keps.size);
  const out: BurnupPoint[] = [];
  let next = 0;
  const first = Math.floor(start.getTime() / dayMs);
  const last = Math.min(Math.floor(end.getTime() / dayMs), first + maxBurnupDays);
  for (let day = first; day <= last; day++) {
    const endOfDay = new Date((day + 1) * dayMs).toISOString();
    for (; next < sorted.length && sorted[next]!.createdAt < endOfDay; next++) {
      const u = sorted[next]!;
      const was = current.get(u.kepPath) ?? 'none';
      counts.set(was, (counts.get(was) ?? 0) - 1);
      counts.set(u.state, (counts.get(u.state) ?? 0) + 1);
      current.set(u.kepPath, u.state);
    }
    const iso = new Date(day * dayMs).toISOString().slice(0, 10);
    for (const state of states) out.push({ day: iso, state, count: counts.get(state) ?? 0 });
  }
  return out;
}

/** The updates oldest first (a stable sort); the burn-up's input usually is already, and is left as it is. */
function inTimeOrder<U extends BurnupUpdate>(updates: U[]): U[] {
  for (let i = 1; i < updates.length; i++)
    if (updates[i]!.createdAt < updates[i - 1]!.createdAt)
      return updates.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  return updates;
}
