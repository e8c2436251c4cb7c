/** @module Which inventory part a player submits to an auction round (the legacy worker's choice). */

/** The `get_user_inventory` fields the choice reads; numbers may arrive as numeric strings. */
export interface AuctionablePart {
  id: string;
  rarity_tier_id: number | string;
  part_value: number | string | null;
  is_locked: boolean;
  is_equipped: boolean;
}

/** `submit_auction_item` rejects parts below Rare (`part rarity must be Rare (tier 3) or above to auction`). */
const MIN_AUCTION_RARITY = 3;

/** An unparsable value ranks last rather than aborting the choice: the server decides what it is worth. */
const rankValue = (raw: number | string | null): number => {
  const value = raw === null || raw === '' ? Number.NaN : Number(raw);
  return Number.isFinite(value) ? value : Number.NEGATIVE_INFINITY;
};

/**
 * The part to submit: not locked, not equipped, rarity tier ≥ 3; the highest rarity, then the
 * highest `part_value`; ties keep inventory order (newest first). Undefined when none qualifies.
 */
export function selectPartForAuction<T extends AuctionablePart>(parts: readonly T[]): T | undefined {
  let best: { part: T; rarity: number; value: number } | undefined;
  for (const part of parts) {
    const rarity = Number(part.rarity_tier_id);
    if (part.is_locked || part.is_equipped || !(rarity >= MIN_AUCTION_RARITY)) continue;
    const value = rankValue(part.part_value);
    if (best === undefined || rarity > best.rarity || (rarity === best.rarity && value > best.value)) {
      best = { part, rarity, value };
    }
  }
  return best?.part;
}
