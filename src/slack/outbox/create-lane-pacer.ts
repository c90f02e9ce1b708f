/** What a rate limit paused: one channel (pacing key) or one Web API method. */
export type PauseScope = 'channel' | 'method';

/**
 * One lane's timing rules, in epoch milliseconds: at most one call per pacing key per interval,
 * a pacing key paused by a 429 on a call that names its channel (chat.postMessage, chat.update,
 * chat.postEphemeral) until its Retry-After, and a method paused by a 429 on a call that names no
 * channel (conversations.open, views.publish, history lookups). A limited channel never holds
 * back another channel, and a limited method never holds back calls of other methods: Slack
 * limits chat.postMessage per channel, and the other methods per method.
 */
export interface LanePacer {
  /** When a call for `key` may start (≤ now when it may start now). */
  readyAt(key: string): number;
  /** When every one of `methods` may be called again (≤ now when none is paused). */
  methodsReadyAt(methods: readonly string[]): number;
  /** Records a call for `key` starting at `now`. */
  reserve(key: string, now: number): void;
  /** Records a 429: pauses the channel `key` when given, else `method`, until `until`. */
  rateLimit(limited: { key: string | null; method: string }, until: number): PauseScope;
  /** Methods paused at `now`, with when each may be called again. */
  pausedMethods(now: number): Record<string, number>;
  /** Keys paused by a rate limit at `now`. */
  rateLimitedKeys(now: number): string[];
}

export function createLanePacer(intervalMs: number): LanePacer {
  const nextCall = new Map<string, number>();
  const limited = new Map<string, number>();
  const methods = new Map<string, number>();

  const sweep = (now: number) => {
    for (const [k, at] of nextCall) if (at <= now) nextCall.delete(k);
    for (const [k, at] of limited) if (at <= now) limited.delete(k);
  };
  const later = (map: Map<string, number>, key: string, until: number) =>
    map.set(key, Math.max(map.get(key) ?? 0, until));

  return {
    readyAt: (key) => Math.max(nextCall.get(key) ?? 0, limited.get(key) ?? 0),
    methodsReadyAt: (names) => Math.max(0, ...names.map((m) => methods.get(m) ?? 0)),
    reserve: (key, now) => {
      if (nextCall.size > 5000) sweep(now);
      nextCall.set(key, now + intervalMs);
    },
    rateLimit: ({ key, method }, until) => {
      if (key !== null) {
        later(limited, key, until);
        return 'channel';
      }
      later(methods, method, until);
      return 'method';
    },
    pausedMethods: (now) => Object.fromEntries([...methods].filter(([, at]) => at > now)),
    rateLimitedKeys: (now) => [...limited].filter(([, at]) => at > now).map(([k]) => k),
  };
}
