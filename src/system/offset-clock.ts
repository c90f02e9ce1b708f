import type { Clock } from '../ports/clock.ts';

/**
 * A clock that runs at real speed from a chosen starting instant: the demo plays a scenario
 * "during" a past release while timeouts, pacing and rate limits still see time pass.
 */
export function createOffsetClock(start: Date): Clock & { jump(ms: number): void } {
  let offset = start.getTime() - Date.now();
  return {
    now: () => new Date(Date.now() + offset),
    jump: (ms) => {
      offset += ms;
    },
  };
}
