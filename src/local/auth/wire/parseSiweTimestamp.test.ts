import { describe, expect, it } from 'vitest';
import { ZERO_TIME_NANOS, parseSiweTimestamp } from './parseSiweTimestamp.ts';

const iso = (value: string) => parseSiweTimestamp(value)?.date.toISOString();

describe('parseSiweTimestamp (time.Parse(time.RFC3339, ...))', () => {
  it('accepts RFC 3339 with Z or an offset and fractional seconds', () => {
    expect(iso('2025-03-29T00:00:00Z')).toBe('2025-03-29T00:00:00.000Z');
    expect(iso('2025-03-29T00:00:00.000Z')).toBe('2025-03-29T00:00:00.000Z');
    expect(iso('2025-03-29T00:00:00+02:00')).toBe('2025-03-28T22:00:00.000Z');
    expect(iso('2025-03-29T00:00:00-00:30')).toBe('2025-03-29T00:30:00.000Z');
  });

  it('keeps nanoseconds (digits after the ninth are ignored)', () => {
    expect(parseSiweTimestamp('1970-01-01T00:00:00.0000005Z')?.epochNanos).toBe(500n);
    expect(parseSiweTimestamp('1970-01-01T00:00:01.1234567891Z')?.epochNanos).toBe(1_123_456_789n);
    expect(parseSiweTimestamp('1969-12-31T23:59:59.9999999Z')?.date.getTime()).toBe(-1);
  });

  it("accepts the general parser's leniencies: one-digit hour, comma fraction, 24h offsets", () => {
    expect(iso('2025-03-29T1:02:03Z')).toBe('2025-03-29T01:02:03.000Z');
    expect(iso('2025-03-29T00:00:00,5Z')).toBe('2025-03-29T00:00:00.500Z');
    expect(iso('2025-03-29T00:00:00+24:00')).toBe('2025-03-28T00:00:00.000Z');
  });

  it('rejects what Go rejects', () => {
    for (const value of [
      '2025-02-29T00:00:00Z',
      '2025-13-01T00:00:00Z',
      '2025-03-29T24:00:00Z',
      '2025-03-29T00:60:00Z',
      '2025-03-29T00:00:60Z',
      '2025-03-29 00:00:00Z',
      '2025-03-29T00:00:00',
      '2025-03-29t00:00:00Z',
      '2025-03-29T00:00:00z',
      '2025-03-29T00:00:00.Z',
      '2025-03-29T00:00:00+25:00',
      '25-03-29T00:00:00Z',
      ' 2025-03-29T00:00:00Z',
    ]) {
      expect(parseSiweTimestamp(value), value).toBeUndefined();
    }
    expect(iso('2024-02-29T00:00:00Z')).toBe('2024-02-29T00:00:00.000Z');
  });

  it("knows Go's zero time", () => {
    expect(parseSiweTimestamp('0001-01-01T00:00:00Z')?.epochNanos).toBe(ZERO_TIME_NANOS);
    expect(parseSiweTimestamp('0001-01-01T01:00:00+01:00')?.epochNanos).toBe(ZERO_TIME_NANOS);
  });
});
