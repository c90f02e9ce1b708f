/**
 * The burn-up's input, each KEP's state at the end of each day it was updated, kept per store and
 * release between requests: after the first full read, a request reads only the updates recorded
 * since (a seek on the update id), so a page stays O(KEPs) however long the history. An update
 * dated before the newest one already seen (recorded after the fact) makes the next read a full one.
 */
import type { DatedState } from '../ports/digest-store.ts';
import type { Store } from '../ports/store.ts';

interface Entry {
  lastId: number;
  /** The newest `createdAt` seen. */
  newest: string;
  /** In `createdAt` order; one row per KEP and day (its state the day's last). */
  rows: DatedState[];
  /** `kepPath|day` → index in `rows`. */
  at: Map<string, number>;
}

export interface DailyStates {
  rows: readonly DatedState[];
  /** The newest update's instant; null without updates. */
  newest: string | null;
}

const kept = new WeakMap<Store, Map<string, Entry>>();
const key = (u: DatedState) => `${u.kepPath}|${u.createdAt.slice(0, 10)}`;

export function dailyStates(store: Store, release: string): DailyStates {
  const byRelease = kept.get(store) ?? new Map<string, Entry>();
  kept.set(store, byRelease);
  const entry = byRelease.get(release);
  const fresh = entry ? store.digests.updatesAfter(release, entry.lastId) : null;
  if (entry && fresh?.every((u) => u.createdAt >= entry.newest)) {
    for (const u of fresh) apply(entry, u);
    return { rows: entry.rows, newest: entry.rows.length > 0 ? entry.newest : null };
  }
  const read = store.digests.dailyStates(release);
  const rows = read.rows.map((r) => ({ kepPath: r.kepPath, state: r.state, createdAt: r.createdAt }));
  const newest = rows.reduce((max, r) => (r.createdAt > max ? r.createdAt : max), '');
  byRelease.set(release, { lastId: read.lastId, newest, rows, at: new Map(rows.map((r, i) => [key(r), i])) });
  return { rows, newest: rows.length > 0 ? newest : null };
}

/** A newer update: the day's row of its KEP takes its state (the row keeps its place), or a new row. */
function apply(entry: Entry, u: DatedState & { id: number }): void {
  entry.lastId = Math.max(entry.lastId, u.id);
  entry.newest = u.createdAt;
  const at = entry.at.get(key(u));
  if (at !== undefined) entry.rows[at] = { ...entry.rows[at]!, state: u.state };
  else {
    entry.at.set(key(u), entry.rows.length);
    entry.rows.push({ kepPath: u.kepPath, state: u.state, createdAt: u.createdAt });
  }
}
