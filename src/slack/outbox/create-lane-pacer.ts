/** What a rate limit paused: one channel (pacing key) or the whole lane. */
export type PauseScope = 'channel' | 'lane';

/**
 * One lane's timing rules, in epoch milliseconds: at most one call per pacing key per interval,
 * pacing keys paused by a 429 until its Retry-After, and the whole lane paused by a method-level
 * limit. A 429 on a call that names no channel (conversations.open, views.publish, history) is
 * method-level; so is a second channel being limited while another still is (Slack limits the
 * method for the app, not just one channel).
 */
export interface LanePacer {
  /** When a call for `key` may start (≤ now when it may start now). */
  readyAt(key: string): number;
  /** Records a call for `key` starting at `now`. */
  reserve(key: string, now: number): void;
  /** Records a 429: pauses `key` (or the lane when `key` is null) until `until`. */
  rateLimit(key: string | null, until: number, now: number): PauseScope;
  /** The lane pause end if it is later than `now`, else null. */
  lanePausedUntil(now: number): number | null;
  /** Keys paused by a rate limit at `now`. */
  rateLimitedKeys(now: number): string[];
}

export function createLanePacer(intervalMs: number): LanePacer {
  const nextCall = new Map<string, number>();
  const limited = new Map<string, number>();
  let laneUntil = 0;

  const sweep = (now: number) => {
    for (const [k, at] of nextCall) if (at <= now) nextCall.delete(k);
    for (const [k, at] of limited) if (at <= now) limited.delete(k);
  };

  return {
    readyAt: (key) => Math.max(nextCall.get(key) ?? 0, limited.get(key) ?? 0, laneUntil),
    reserve: (key, now) => {
      if (nextCall.size > 5000) sweep(now);
      nextCall.set(key, now + intervalMs);
    },
    rateLimit: (key, until, now) => {
      const others = [...limited].filter(([k, at]) => k !== key && at > now);
      if (key !== null) limited.set(key, Math.max(limited.get(key) ?? 0, until));
      if (key !== null && others.length === 0) return 'channel';
      laneUntil = Math.max(laneUntil, until, ...others.map(([, at]) => at));
      return 'lane';
    },
    lanePausedUntil: (now) => (laneUntil > now ? laneUntil : null),
    rateLimitedKeys: (now) => [...limited].filter(([, at]) => at > now).map(([k]) => k),
  };
}
