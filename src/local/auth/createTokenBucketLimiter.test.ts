import { describe, expect, it } from 'vitest';
import { createTokenBucketLimiter } from './createTokenBucketLimiter.ts';

const at = (seconds: number) => new Date(Date.UTC(2025, 0, 1) + seconds * 1000);

describe('createTokenBucketLimiter', () => {
  it('lets a burst through, then refills continuously at the configured rate', () => {
    const limiter = createTokenBucketLimiter({ requests: 30, periodMs: 300_000, burst: 30 });
    const results = Array.from({ length: 31 }, () => limiter.take('1.2.3.4', at(0)));
    expect(results.filter(Boolean)).toHaveLength(30);
    expect(results[30]).toBe(false);
    expect(limiter.take('1.2.3.4', at(9.9))).toBe(false);
    expect(limiter.take('1.2.3.4', at(10))).toBe(true);
    expect(limiter.take('1.2.3.4', at(10))).toBe(false);
  });

  it('keeps the bucket at burst when the rate is higher (GoTrue fixes burst at 30)', () => {
    // refresh as hosted: 150 per 5 minutes = one token every 2 s, but never more than 30 at once
    const limiter = createTokenBucketLimiter({ requests: 150, periodMs: 300_000, burst: 30 });
    expect(Array.from({ length: 40 }, () => limiter.take('ip', at(0))).filter(Boolean)).toHaveLength(30);
    expect(limiter.take('ip', at(1.9))).toBe(false);
    expect(limiter.take('ip', at(2))).toBe(true);
    // an hour idle refills to 30, not to 1800
    expect(Array.from({ length: 40 }, () => limiter.take('ip', at(3600))).filter(Boolean)).toHaveLength(30);
  });

  it('keeps one bucket per key and forgets idle ones without changing answers', () => {
    const limiter = createTokenBucketLimiter({ requests: 1, periodMs: 60_000, burst: 1 });
    expect(limiter.take('a', at(0))).toBe(true);
    expect(limiter.take('b', at(0))).toBe(true);
    expect(limiter.take('a', at(30))).toBe(false);
    expect(limiter.take('a', at(120))).toBe(true);
    expect(limiter.take('b', at(120))).toBe(true);
  });
});
