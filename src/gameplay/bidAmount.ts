/**
 * @module The legacy bid amount (minimum + random markup), computed in integer cents so that it
 * always satisfies `place_auction_bid`'s rules: ≥ highest + round(highest × 5 %, 2), at most two
 * decimals, ≤ 100000 FLUX.
 */

/** `place_auction_bid` rejects amounts above this (`bid must be less than or equal to 100000 Flux`). */
export const MAX_BID_FLUX = 100_000;
const MAX_BID_CENTS = MAX_BID_FLUX * 100;

/**
 * Whole cents of a FLUX amount as the server returns it (a JSON number, or a numeric string with
 * up to 18 decimals). Accepted bids have at most two decimals, so rounding only removes float noise.
 */
function toCents(amount: number | string): number {
  const value = typeof amount === 'string' ? Number(amount) : amount;
  if (!Number.isFinite(value)) throw new RangeError(`current highest bid is not a number (got ${String(amount)})`);
  return Math.round(value * 100);
}

/** The server's minimum in cents: `highest + round(highest * 0.05, 2)`, or 1 FLUX without bids. */
function minimumCents(highestCents: number): number {
  if (highestCents <= 0) return 100;
  // PostgreSQL rounds numeric half away from zero: round(c / 20) for c > 0, exactly in integers
  return highestCents + Math.floor((highestCents + 10) / 20);
}

/**
 * The smallest bid `place_auction_bid` accepts over `currentHighest` (the round's
 * `current_highest_bid`, 0 when nobody has bid), in FLUX with at most two decimals. It may exceed
 * {@link MAX_BID_FLUX}, in which case no bid is possible.
 */
export function minimumBid(currentHighest: number | string): number {
  return minimumCents(toCents(currentHighest)) / 100;
}

/** Inputs of {@link bidAmount}. */
export interface BidAmountParams {
  /** the round's `current_highest_bid` (0 when there is no bid) */
  currentHighest: number | string;
  /** markup range on top of the minimum, e.g. 0.05 and 0.35 (`SIM_BID_MARKUP_MIN/MAX`, after persona scaling) */
  markupMin: number;
  markupMax: number;
  /** uniform draw in [0, 1), e.g. `prng.next`; called only when there is a bid to outbid */
  random: () => number;
}

/**
 * The legacy worker's bid: `min = h ≤ 0 ? 1 : max(1, h × 1.05 to the cent)`,
 * `markup = h > 0 ? U[markupMin, markupMax) : markupMin`, `amount = min × (1 + markup)` to the cent.
 * Unlike the legacy float arithmetic, the result is never below the server minimum and is capped
 * at 100000. Returns null when even the minimum exceeds the cap (the caller skips the bid).
 */
export function bidAmount({ currentHighest, markupMin, markupMax, random }: BidAmountParams): number | null {
  const highestCents = toCents(currentHighest);
  const serverMinimum = minimumCents(highestCents);
  if (serverMinimum > MAX_BID_CENTS) return null;
  const base = Math.max(100, serverMinimum);
  const markup = highestCents > 0 ? markupMin + random() * (markupMax - markupMin) : markupMin;
  const cents = Math.round(base * (1 + markup));
  return Math.min(MAX_BID_CENTS, Math.max(serverMinimum, cents)) / 100;
}
