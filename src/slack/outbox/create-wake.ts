/** A wake-up call for a sleeping worker; a call made while nobody waits is kept for the next wait. */
export interface Wake {
  fire(): void;
  /** Resolves on the next `fire` (at once if one is kept), or when `signal` aborts. */
  wait(signal: AbortSignal): Promise<void>;
}

export function createWake(): Wake {
  let kept = false;
  const waiters = new Set<() => void>();
  return {
    fire: () => {
      if (waiters.size === 0) kept = true;
      for (const wake of [...waiters]) wake();
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
