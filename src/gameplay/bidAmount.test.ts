import { describe, expect, it } from 'vitest';
import { bidAmount, MAX_BID_FLUX, minimumBid } from './bidAmount.ts';
import { createPrng } from './prng.ts';

const legacy = { markupMin: 0.05, markupMax: 0.35 };
const fixed = (r: number) => () => r;

describe('minimumBid', () => {
  it('is 1 FLUX without bids', () => {
    expect(minimumBid(0)).toBe(1);
    expect(minimumBid('0.000000000000000000')).toBe(1);
  });

  it('adds 5 % rounded half up to the cent, as the server does', () => {
    expect(minimumBid(10)).toBe(10.5); // the contract's verified example
    expect(minimumBid(10.49)).toBe(11.01); // 0.5245 -> 0.52
    expect(minimumBid(10.5)).toBe(11.03); // 0.525 -> 0.53
    expect(minimumBid(17.9)).toBe(18.8); // float 17.9 * 1.05 = 18.794999… would round to 18.79
    expect(minimumBid(0.1)).toBe(0.11); // 0.005 -> 0.01
    expect(minimumBid(0.09)).toBe(0.09); // 0.0045 -> 0.00
    expect(minimumBid('20.000000000000000000')).toBe(21);
  });

  it('rejects a highest bid that is not a number', () => {
    expect(() => minimumBid('abc')).toThrow(RangeError);
  });
});

describe('bidAmount', () => {
  it('opens at 1 × (1 + markupMin) without drawing', () => {
    let draws = 0;
    const amount = bidAmount({
      currentHighest: 0,
      ...legacy,
      random: () => {
        draws++;
        return 0.9;
      },
    });
    expect(amount).toBe(1.05);
    expect(draws).toBe(0);
  });

  it('spans min × [1 + markupMin, 1 + markupMax) above an existing bid', () => {
    // h = 100: min 105; markups 5 % .. 35 % -> 110.25 .. 141.75
    expect(bidAmount({ currentHighest: 100, ...legacy, random: fixed(0) })).toBe(110.25);
    expect(bidAmount({ currentHighest: 100, ...legacy, random: fixed(0.5) })).toBe(126);
    expect(bidAmount({ currentHighest: 100, ...legacy, random: fixed(0.999999) })).toBe(141.75);
  });

  it('always has at most two decimals and satisfies the server minimum', () => {
    const prng = createPrng(11, 'bids');
    let highest = 0;
    for (let i = 0; i < 300; i++) {
      const amount = bidAmount({ currentHighest: highest, markupMin: 0, markupMax: 0.35, random: prng.next });
      expect(amount).not.toBeNull();
      expect(Math.round(amount! * 100) / 100).toBe(amount);
      expect(amount!).toBeGreaterThanOrEqual(minimumBid(highest));
      highest = i % 50 === 49 ? 0 : amount!;
    }
  });

  it('with zero markup bids exactly the server minimum, even where float rounding goes low', () => {
    expect(17.9 * 1.05).toBeLessThan(18.795); // the legacy float formula gives 18.79, which the server rejects
    expect(bidAmount({ currentHighest: 17.9, markupMin: 0, markupMax: 0, random: fixed(0) })).toBe(18.8);
    expect(bidAmount({ currentHighest: 0.1, markupMin: 0, markupMax: 0, random: fixed(0) })).toBe(1); // legacy floor of 1 FLUX
  });

  it('caps at 100000 and skips when the minimum is above the cap', () => {
    expect(bidAmount({ currentHighest: 90_000, ...legacy, random: fixed(0.5) })).toBe(MAX_BID_FLUX);
    expect(minimumBid(95_238.09)).toBe(99_999.99);
    expect(bidAmount({ currentHighest: 95_238.09, ...legacy, random: fixed(0) })).toBe(MAX_BID_FLUX);
    expect(minimumBid(95_238.1)).toBe(100_000.01);
    expect(bidAmount({ currentHighest: 95_238.1, ...legacy, random: fixed(0) })).toBeNull();
    expect(bidAmount({ currentHighest: MAX_BID_FLUX, ...legacy, random: fixed(0) })).toBeNull();
  });
});
