import { describe, expect, it } from 'vitest';
import { formatAuthRateLimits } from './formatAuthRateLimits.ts';
import { AUTH_RATE_LIMITS_OFF, HOSTED_AUTH_RATE_LIMITS, parseAuthRateLimits } from './parseAuthRateLimits.ts';

describe('parseAuthRateLimits', () => {
  it('reads hosted, off and full specs, and writes them back', () => {
    expect(parseAuthRateLimits('hosted')).toEqual({ limits: HOSTED_AUTH_RATE_LIMITS });
    expect(parseAuthRateLimits(' OFF ')).toEqual({ limits: AUTH_RATE_LIMITS_OFF });
    const spec = 'web3=30/5m,refresh=150/5m,burst=30';
    expect(parseAuthRateLimits(spec)).toEqual({ limits: HOSTED_AUTH_RATE_LIMITS });
    expect(formatAuthRateLimits(HOSTED_AUTH_RATE_LIMITS)).toBe(spec);
    expect(formatAuthRateLimits(AUTH_RATE_LIMITS_OFF)).toBe('off');
  });

  it('keeps the hosted value of every key left out; off turns one limiter off', () => {
    const parsed = parseAuthRateLimits('web3=100/1h, refresh=off');
    expect(parsed).toEqual({ limits: { web3: { requests: 100, periodMs: 3_600_000 }, refresh: undefined, burst: 30 } });
    expect(formatAuthRateLimits((parsed as { limits: typeof HOSTED_AUTH_RATE_LIMITS }).limits)).toBe(
      'web3=100/1h,refresh=off,burst=30',
    );
    // a bare number is per 5 minutes, as the dashboard and config.toml give it
    expect(parseAuthRateLimits('web3=60')).toMatchObject({ limits: { web3: { requests: 60, periodMs: 300_000 } } });
  });

  it.each([
    ['web3', '"web3" is not key=value'],
    ['web3=0/5m', 'web3=0/5m must be off or N/period'],
    ['refresh=10/0s', 'refresh=10/0s must be off or N/period'],
    ['burst=-1', 'burst=-1 must be a whole number'],
    ['token=30/5m', 'unknown key "token"'],
    ['web3=30/5m=1', 'is not key=value'],
  ])('rejects %s with the reason', (raw, reason) => {
    const parsed = parseAuthRateLimits(raw);
    expect('error' in parsed && parsed.error).toContain(reason);
  });
});
