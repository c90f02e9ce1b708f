/** A wake-up call for a sleeping worker; a call made while nobody waits is kept for the next wait. */
export interface Wake {
  fire(): void;
  /** Resolves on the next `fire` (at once if one is kept), or when `signal` aborts. */
  wait(signal: AbortSignal): Promise<void>;
}

export function createWake(): Wake {
  let kept = false;
  let scheduled = false;
  const waiters = new Set<() => void>();
  // The worker runs on the next turn of the event loop, not in the caller's microtasks: an
  // enqueue on a listener's ack path must not make the ack wait for the worker's database reads.
  const wakeWaiters = () => {
    scheduled = false;
    if (waiters.size === 0) kept = true;
    for (const wake of [...waiters]) wake();
  };
  return {
    fire: () => {
      if (scheduled) return;
      scheduled = true;
      setImmediate(wakeWaiters);
    },
    wait: (signal) => {
      if (kept || signal.aborted) {
        kept = false;
        return Promise.resolve();
      }
      return new Promise((resolve) => {
        const done = () => {
          waiters.delete(done);
          signal.removeEventListener('abort', done);
          resolve();
        };
        waiters.add(done);
        signal.addEventListener('abort', done, { once: true });
      });
    },
  };
}
