import { describe, expect, it } from 'vitest';
import { selectPartForAuction, type AuctionablePart } from './selectPartForAuction.ts';

const part = (
  id: string,
  rarity: number | string,
  value: number | string | null,
  extra: Partial<AuctionablePart> = {},
): AuctionablePart => ({
  id,
  rarity_tier_id: rarity,
  part_value: value,
  is_locked: false,
  is_equipped: false,
  ...extra,
});

describe('selectPartForAuction', () => {
  it('returns undefined for an empty inventory', () => {
    expect(selectPartForAuction([])).toBeUndefined();
  });

  it('ignores parts below Rare, locked or equipped', () => {
    const parts = [
      part('common', 1, 999),
      part('uncommon', 2, 999),
      part('locked', 5, 999, { is_locked: true }),
      part('equipped', 6, 999, { is_equipped: true }),
    ];
    expect(selectPartForAuction(parts)).toBeUndefined();
    expect(selectPartForAuction([...parts, part('rare', 3, 1)])?.id).toBe('rare');
  });

  it('prefers the highest rarity over a higher value', () => {
    expect(selectPartForAuction([part('rare', 3, 500), part('epic', 4, 20), part('legendary', 5, 10)])?.id).toBe(
      'legendary',
    );
  });

  it('breaks rarity ties by part_value, comparing numeric strings as numbers', () => {
    const parts = [
      part('a', '4', '99.50'),
      part('b', '4', '123.45'),
      part('c', '4', '1000.00000000000000000'),
      part('d', 4, 200),
    ];
    expect(selectPartForAuction(parts)?.id).toBe('c');
    expect(selectPartForAuction([part('x', '4', '9.9'), part('y', 4, '10.1')])?.id).toBe('y');
  });

  it('keeps inventory order on a full tie and ranks unparsable values last', () => {
    expect(selectPartForAuction([part('newer', 3, 50), part('older', 3, 50)])?.id).toBe('newer');
    expect(
      selectPartForAuction([part('junk', 3, 'n/a'), part('nullish', 3, null), part('priced', 3, '0.01')])?.id,
    ).toBe('priced');
    expect(selectPartForAuction([part('junk', 3, 'n/a')])?.id).toBe('junk');
  });

  it('returns the very object it was given', () => {
    const chosen = { ...part('p', 7, 1), extra: 'kept' };
    expect(selectPartForAuction([chosen])).toBe(chosen);
  });
});
