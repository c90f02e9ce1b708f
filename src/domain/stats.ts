/** Small summary statistics for the program metrics. Pure. */

/** The value at quantile `q` (0–1) by the nearest-rank method; null for no values. */
export function quantile(values: readonly number[], q: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil(q * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1] ?? null;
}

/** The median (the lower middle value for an even count, so it is always an observed value). */
export function median(values: readonly number[]): number | null {
  return quantile(values, 0.5);
}

/** `part / whole` as a fraction, or null when `whole` is 0. */
export function share(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole;
}

/** Milliseconds from `from` to `to` (ISO instants). */
export function msBetween(from: string, to: string): number {
  return Date.parse(to) - Date.parse(from);
}

/** Counts of each key, in first-seen order. */
export function countBy<T>(items: readonly T[], key: (item: T) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
  return counts;
}
