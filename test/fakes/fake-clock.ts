import type { Clock } from '../../src/ports/clock.ts';
import type { Sleep } from '../../src/system/sleep.ts';

interface Timer {
  at: number;
  seq: number;
  resolve: () => void;
}

/**
 * A clock that moves only when told. `sleep(ms)` resolves once the clock has been advanced to
 * (or past) its deadline, or when its signal aborts; `sleep(0)` resolves at once.
 */
export class FakeClock implements Clock {
  #now: number;
  #timers: Timer[] = [];
  #seq = 0;

  constructor(start: Date | string = '2026-06-01T00:00:00.000Z') {
    this.#now = new Date(start).getTime();
  }

  now(): Date {
    return new Date(this.#now);
  }

  readonly sleep: Sleep = (ms, signal) =>
    new Promise<void>((resolve) => {
      if (ms <= 0 || signal?.aborted) return resolve();
      const timer: Timer = { at: this.#now + ms, seq: this.#seq++, resolve: () => {} };
      const onAbort = () => this.#cancel(timer);
      timer.resolve = () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#timers.push(timer);
    });

  /** Moves time forward by `ms` and wakes every sleeper whose deadline has come, earliest first. */
  advance(ms: number): void {
    if (ms < 0) throw new Error(`FakeClock.advance: ms must be >= 0, got ${ms}`);
    this.#now += ms;
    const due = this.#timers.filter((t) => t.at <= this.#now).sort((a, b) => a.at - b.at || a.seq - b.seq);
    this.#timers = this.#timers.filter((t) => t.at > this.#now);
    for (const timer of due) timer.resolve();
  }

  /** The earliest deadline of a pending sleep, or null when nobody sleeps. */
  nextTimerAt(): Date | null {
    if (this.#timers.length === 0) return null;
    return new Date(Math.min(...this.#timers.map((t) => t.at)));
  }

  /** Advances exactly to the earliest pending deadline; false when nobody sleeps. */
  advanceToNextTimer(): boolean {
    const next = this.nextTimerAt();
    if (next === null) return false;
    this.advance(Math.max(0, next.getTime() - this.#now));
    return true;
  }

  /** How many sleeps are waiting. */
  get pendingTimers(): number {
    return this.#timers.length;
  }

  #cancel(timer: Timer): void {
    const before = this.#timers.length;
    this.#timers = this.#timers.filter((t) => t !== timer);
    if (this.#timers.length !== before) timer.resolve();
  }
}
