import { describe, expect, it } from 'vitest';
import { affordableBoxTiers } from './affordableBoxTiers.ts';

const prices: Record<string, number> = { common: 10, uncommon: 25, rare: 50 };
const priceOf = (tier: string) => prices[tier];

describe('affordableBoxTiers', () => {
  it('keeps the tiers priced at most the balance, the exact price included', () => {
    expect(affordableBoxTiers(['common', 'uncommon', 'rare'], priceOf, 25)).toEqual(['common', 'uncommon']);
    expect(affordableBoxTiers(['common', 'uncommon', 'rare'], priceOf, 9.99)).toEqual([]);
  });

  it('does not know without a balance or with a tier of unknown price', () => {
    expect(affordableBoxTiers(['common'], priceOf, undefined)).toBeUndefined();
    expect(affordableBoxTiers(['common', 'quantum'], priceOf, 1000)).toBeUndefined();
  });
});
