/**
 * @module A managed wallet's behaviour scores, the `sim_wallet_profiles` columns a seat carries;
 * gameplay turns them into probabilities (src/gameplay/persona.ts).
 */

/** The `sim_wallet_profiles` columns that shape behaviour (integers 0-100, DB default 50). */
export interface WalletProfile {
  box_open_bias: number;
  auction_bid_bias: number;
  aggression_score: number;
}
