import { describe, expect, it } from 'vitest';
import { fluxAmount, formatFlux } from './fluxAmount.ts';
import { HealthDataError } from './HealthDataError.ts';

describe('fluxAmount', () => {
  it('parses numeric(38,18) text exactly, sign included', () => {
    expect(fluxAmount('-10.500000000000000000', 'x')).toBe(-10_500_000_000_000_000_000n);
    expect(fluxAmount('0.000000000000000001', 'x')).toBe(1n);
    // 2^53 + 1 whole FLUX plus one unit: a JSON number could not hold it
    expect(fluxAmount('9007199254740993.000000000000000001', 'x')).toBe(9_007_199_254_740_993_000_000_000_000_000_001n);
  });

  it('refuses what numeric::text never prints, naming the field', () => {
    for (const value of ['1e3', '', '1.', '0.0000000000000000001', 12.5, null]) {
      expect(() => fluxAmount(value, 'auction_bids.amount (id 7)')).toThrow(HealthDataError);
    }
    expect(() => fluxAmount('abc', 'auction_bids.amount (id 7)')).toThrow(
      /^auction_bids.amount \(id 7\): expected a decimal/,
    );
  });

  it('formats the shortest exact decimal', () => {
    expect(formatFlux(-10_500_000_000_000_000_000n)).toBe('-10.5');
    expect(formatFlux(0n)).toBe('0');
    expect(formatFlux(500_000_000_000_000n)).toBe('0.0005');
  });
});
