import { describe, expect, it } from 'vitest';
import { parseDurationMs } from './parseDuration.ts';

describe('parseDurationMs', () => {
  it('reads ms, s, m and h, and plain numbers in the default unit', () => {
    expect(parseDurationMs('500ms')).toBe(500);
    expect(parseDurationMs('90s')).toBe(90_000);
    expect(parseDurationMs('1.5m')).toBe(90_000);
    expect(parseDurationMs('2h')).toBe(7_200_000);
    expect(parseDurationMs(' 45 ')).toBe(45_000);
    expect(parseDurationMs('200', 'ms')).toBe(200);
    expect(parseDurationMs('0s')).toBe(0);
  });

  it('returns undefined for anything else', () => {
    for (const raw of ['', 's', '-5s', '5 s', '5x', '1e3', '5min', '.5s'])
      expect(parseDurationMs(raw), raw).toBeUndefined();
  });
});
