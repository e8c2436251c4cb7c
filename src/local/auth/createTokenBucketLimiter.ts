/**
 * @module GoTrue's per-IP request limiter (tollbooth over golang.org/x/time/rate): a token bucket
 * of `burst` requests refilled at `requests` per `periodMs`, one bucket per key.
 */

export interface TokenBucketLimiter {
  /** Takes one token for `key` at `now`; false when the bucket is empty (answer 429). */
  take(key: string, now: Date): boolean;
}

/**
 * Creates a limiter. Idle buckets are dropped once they would have refilled completely, which is
 * indistinguishable from keeping them (GoTrue expires them after an hour).
 */
export function createTokenBucketLimiter(options: {
  requests: number;
  periodMs: number;
  burst: number;
}): TokenBucketLimiter {
  const { requests, periodMs, burst } = options;
  const perMs = requests / periodMs;
  const refillMs = burst / perMs;
  const buckets = new Map<string, { tokens: number; at: number }>();
  let lastSweep = 0;

  return {
    take(key, now) {
      const at = now.getTime();
      if (at - lastSweep >= refillMs) {
        for (const [bucketKey, bucket] of buckets) if (at - bucket.at >= refillMs) buckets.delete(bucketKey);
        lastSweep = at;
      }
      const bucket = buckets.get(key) ?? { tokens: burst, at };
      const tokens = Math.min(burst, bucket.tokens + Math.max(0, at - bucket.at) * perMs);
      if (tokens < 1) {
        buckets.set(key, { tokens, at });
        return false;
      }
      buckets.set(key, { tokens: tokens - 1, at });
      return true;
    },
  };
}
