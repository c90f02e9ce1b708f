import type { Sleep } from '../ports/sleep.ts';

export type { Sleep };

/** Longest delay a Node timer can hold (about 24.8 days); longer waits are cut to it. */
const maxTimerMs = 2_147_483_647;

/** The real `Sleep`, on Node timers. */
export const sleep: Sleep = (ms, signal) =>
  new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, Math.min(Math.max(0, ms), maxTimerMs));
    signal?.addEventListener('abort', done, { once: true });
  });
