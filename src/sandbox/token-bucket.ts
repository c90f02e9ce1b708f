/** How fast the emulator lets the app post into one channel, as Slack's per-channel limit does. */
export interface RateLimit {
  /** Tokens added per second (sustained messages per second). */
  perChannelPerSecond: number;
  /** Bucket size: how many messages may go at once after a quiet spell. */
  burst: number;
}

/** What a take attempt returns: either allowed, or refused with the seconds to wait (Retry-After). */
export type TakeResult = { ok: true } | { ok: false; retryAfterSeconds: number };

/** One token bucket per key (a channel id), refilled by the clock readings passed in. */
export interface TokenBuckets {
  take(key: string, nowMs: number): TakeResult;
}

/** Creates per-key token buckets; time is passed in on every call, so tests can step a fake clock. */
export function createTokenBuckets(rate: RateLimit): TokenBuckets {
  const buckets = new Map<string, { tokens: number; at: number }>();
  const burst = Math.max(1, rate.burst);
  return {
    take(key, nowMs) {
      if (rate.perChannelPerSecond === Number.POSITIVE_INFINITY) return { ok: true };
      const bucket = buckets.get(key) ?? { tokens: burst, at: nowMs };
      const elapsed = Math.max(0, nowMs - bucket.at) / 1000;
      const tokens = Math.min(burst, bucket.tokens + elapsed * rate.perChannelPerSecond);
      if (tokens >= 1) {
        buckets.set(key, { tokens: tokens - 1, at: nowMs });
        return { ok: true };
      }
      buckets.set(key, { tokens, at: nowMs });
      const wait = (1 - tokens) / rate.perChannelPerSecond;
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(wait)) };
    },
  };
}
