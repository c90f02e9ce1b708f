/**
 * An object whose every property read goes to the object `current()` returns at that moment. A
 * reference taken once (a listener's deps, a scheduled task's settings) then always sees the
 * latest snapshot, and replacing the snapshot is one assignment.
 */
export function liveView<T extends object>(current: () => T): T {
  return new Proxy({} as T, {
    get: (_, key) => Reflect.get(current(), key),
    has: (_, key) => Reflect.has(current(), key),
    ownKeys: () => Reflect.ownKeys(current()),
    getOwnPropertyDescriptor: (_, key) => {
      const descriptor = Reflect.getOwnPropertyDescriptor(current(), key);
      return descriptor && { ...descriptor, configurable: true };
    },
    set: () => false,
    deleteProperty: () => false,
  });
}

/**
 * A live view of what `derive` makes of the current source, derived again only when the source
 * object changes (a reload swaps the config).
 */
export function liveDerived<S, T extends object>(current: () => S, derive: (source: S) => T): T {
  let seen: { source: S; value: T } | null = null;
  return liveView(() => {
    const source = current();
    if (seen?.source !== source) seen = { source, value: derive(source) };
    return seen.value;
  });
}
