import type { Clock } from '../ports/clock.ts';
import type { Sleep } from '../system/sleep.ts';

interface Timer {
  at: number;
  seq: number;
  resolve: () => void;
}

/**
 * A clock that moves only when told, for `drumbeat simulate`: `sleep` resolves when the clock is
 * advanced to its deadline (or its signal aborts), so weeks of scheduled work run in seconds.
 */
export class SimulatedClock implements Clock {
  #now: number;
  #timers: Timer[] = [];
  #seq = 0;

  constructor(start: Date) {
    this.#now = start.getTime();
  }

  /** A bound function: callers may pass `clock.now` around detached. */
  readonly now = (): Date => new Date(this.#now);

  readonly sleep: Sleep = (ms, signal) =>
    new Promise<void>((resolve) => {
      if (ms <= 0 || signal?.aborted) return resolve();
      const timer: Timer = { at: this.#now + ms, seq: this.#seq++, resolve: () => {} };
      const onAbort = () => {
        this.#timers = this.#timers.filter((t) => t !== timer);
        timer.resolve();
      };
      timer.resolve = () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#timers.push(timer);
    });

  /** The earliest deadline of a pending sleep, or null. */
  nextTimerAt(): Date | null {
    if (this.#timers.length === 0) return null;
    return new Date(Math.min(...this.#timers.map((t) => t.at)));
  }

  /** Moves to `to` (never backwards) and wakes every sleeper whose deadline has come, earliest first. */
  advanceTo(to: Date): void {
    this.#now = Math.max(this.#now, to.getTime());
    const due = this.#timers.filter((t) => t.at <= this.#now).sort((a, b) => a.at - b.at || a.seq - b.seq);
    this.#timers = this.#timers.filter((t) => t.at > this.#now);
    for (const timer of due) timer.resolve();
  }
}
