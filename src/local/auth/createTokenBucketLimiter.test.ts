import { describe, expect, it } from 'vitest';
import { createTokenBucketLimiter } from './createTokenBucketLimiter.ts';

const at = (seconds: number) => new Date(Date.UTC(2025, 0, 1) + seconds * 1000);

describe('createTokenBucketLimiter', () => {
  it('lets a burst through, then refills continuously at burst per period', () => {
    const limiter = createTokenBucketLimiter({ burst: 30, periodMs: 300_000 });
    const results = Array.from({ length: 31 }, () => limiter.take('1.2.3.4', at(0)));
    expect(results.filter(Boolean)).toHaveLength(30);
    expect(results[30]).toBe(false);
    expect(limiter.take('1.2.3.4', at(9.9))).toBe(false);
    expect(limiter.take('1.2.3.4', at(10))).toBe(true);
    expect(limiter.take('1.2.3.4', at(10))).toBe(false);
  });

  it('keeps one bucket per key and forgets idle ones without changing answers', () => {
    const limiter = createTokenBucketLimiter({ burst: 1, periodMs: 60_000 });
    expect(limiter.take('a', at(0))).toBe(true);
    expect(limiter.take('b', at(0))).toBe(true);
    expect(limiter.take('a', at(30))).toBe(false);
    expect(limiter.take('a', at(120))).toBe(true);
    expect(limiter.take('b', at(120))).toBe(true);
  });
});
