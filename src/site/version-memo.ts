/**
 * Pure results computed from the store's data, kept while the data is unchanged: each store keeps
 * the last 32 results, each under its key and the data version it was computed at
 * (`store.site.dataVersion()`), so a write anywhere makes every result computed again.
 */
import type { Store } from '../ports/store.ts';

const size = 32;
const kept = new WeakMap<object, Map<string, unknown>>();

export function memoByVersion<T>(store: Pick<Store, 'site'>, key: string, compute: () => T): T {
  const cache = kept.get(store) ?? new Map<string, unknown>();
  kept.set(store, cache);
  const full = `${store.site.dataVersion()}\n${key}`;
  if (cache.has(full)) {
    const hit = cache.get(full) as T;
    cache.delete(full);
    cache.set(full, hit);
    return hit;
  }
  const value = compute();
  cache.set(full, value);
  if (cache.size > size) cache.delete(cache.keys().next().value!);
  return value;
}
