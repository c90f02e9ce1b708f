/**
 * Commit confidence caps from the SIG-PM planning proposal: the coding period is split into
 * increments (two weeks by default), and work landing k increments ahead of now carries at most
 * caps[k] percent (100 / 80 / 60 / 40 for k = 0, 1, 2, ≥3). Lower is always allowed.
 */
export interface CodingPeriod {
  /** First day of the coding period, `YYYY-MM-DD` (UTC). */
  start: string;
  increments: number;
  weeksPerIncrement: number;
  /** Percent caps by distance; the last one applies to everything further away. */
  confidenceCaps: number[];
}

const dayMs = 86_400_000;

export interface Increment {
  /** 1-based, as people count them. */
  number: number;
  /** First and last week of the coding period it covers, 1-based. */
  weeks: [number, number];
  start: string;
  end: string;
}

export function listIncrements(period: CodingPeriod): Increment[] {
  const start = Date.parse(`${period.start}T00:00:00Z`);
  const length = period.weeksPerIncrement * 7 * dayMs;
  return Array.from({ length: period.increments }, (_, i) => ({
    number: i + 1,
    weeks: [i * period.weeksPerIncrement + 1, (i + 1) * period.weeksPerIncrement] as [number, number],
    start: isoDay(start + i * length),
    end: isoDay(start + (i + 1) * length - dayMs),
  }));
}

/** The increment `now` falls in (1-based); before the period it is the first, after it the last. */
export function currentIncrement(period: CodingPeriod, now: Date): number {
  const elapsed = now.getTime() - Date.parse(`${period.start}T00:00:00Z`);
  const index = Math.floor(elapsed / (period.weeksPerIncrement * 7 * dayMs));
  return Math.min(Math.max(index, 0), period.increments - 1) + 1;
}

export type CapCheck =
  | { ok: true; cap: number; distance: number }
  | { ok: false; cap: number | null; distance: number | null; reason: string };

/** Whether `confidence` is allowed for work landing in increment `target` (1-based), seen at `now`. */
export function checkConfidence(
  period: CodingPeriod,
  target: number,
  confidence: number,
  now: Date,
): CapCheck {
  const increment = listIncrements(period)[target - 1];
  if (!increment) {
    return {
      ok: false,
      cap: null,
      distance: null,
      reason: `there is no increment ${target}; the coding period has ${period.increments}`,
    };
  }
  const distance = target - currentIncrement(period, now);
  if (distance < 0) {
    return {
      ok: false,
      cap: null,
      distance,
      reason: `increment ${target} (weeks ${increment.weeks[0]}–${increment.weeks[1]}) has already ended; pick the current one or a later one`,
    };
  }
  const cap = period.confidenceCaps[Math.min(distance, period.confidenceCaps.length - 1)] ?? 100;
  if (confidence > cap) {
    const ahead =
      distance === 0 ? 'the current increment' : `${distance} increment${distance === 1 ? '' : 's'} ahead`;
    return {
      ok: false,
      cap,
      distance,
      reason: `${confidence}% is above the ${cap}% cap for work landing in weeks ${increment.weeks[0]}–${increment.weeks[1]} (${ahead}); lower it to ${cap}% or less`,
    };
  }
  return { ok: true, cap, distance };
}

function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
