/**
 * @module Per-wallet behaviour from `sim_wallet_profiles`: scores of 0-100 (50 = the legacy
 * behaviour) scale the configured probabilities and the bid markup, so a managed pool can hold
 * timid and aggressive players side by side.
 */
import type { SimConfig } from '../config/index.ts';
import type { WalletProfile } from '../wallets/index.ts';

/** The configuration a persona scales; `applyPersona` returns the same shape. */
export type PersonaGameplay = Pick<
  SimConfig['gameplay'],
  'boxOpenProbability' | 'submitProbability' | 'bidAttemptProbability' | 'bidMarkup'
>;

/** The score at which a persona behaves exactly as configured. */
const NEUTRAL_SCORE = 50;

const clamp01 = (p: number) => Math.min(1, Math.max(0, p));

function checkScore(name: keyof WalletProfile, score: number): number {
  if (!Number.isFinite(score) || score < 0 || score > 100) {
    throw new RangeError(`sim_wallet_profiles.${name} must be between 0 and 100 (got ${score})`);
  }
  return score;
}

/**
 * The effective probabilities and markup range of a wallet:
 * - `boxOpenProbability × box_open_bias / 50` and `bidAttemptProbability × auction_bid_bias / 50`, clamped to [0, 1];
 * - markup max = `min + (max − min) × aggression_score / 50` (never below min; min unchanged);
 * - `submitProbability` unchanged (no profile column describes selling).
 * Without a profile the configuration is returned unchanged.
 */
export function applyPersona(gameplay: PersonaGameplay, profile: WalletProfile | undefined): PersonaGameplay {
  const { boxOpenProbability, submitProbability, bidAttemptProbability, bidMarkup } = gameplay;
  if (profile === undefined) {
    return {
      boxOpenProbability,
      submitProbability,
      bidAttemptProbability,
      bidMarkup: { min: bidMarkup.min, max: bidMarkup.max },
    };
  }
  const boxBias = checkScore('box_open_bias', profile.box_open_bias);
  const bidBias = checkScore('auction_bid_bias', profile.auction_bid_bias);
  const aggression = checkScore('aggression_score', profile.aggression_score);
  const markupMax = bidMarkup.min + (bidMarkup.max - bidMarkup.min) * (aggression / NEUTRAL_SCORE);
  return {
    boxOpenProbability: clamp01(boxOpenProbability * (boxBias / NEUTRAL_SCORE)),
    submitProbability,
    bidAttemptProbability: clamp01(bidAttemptProbability * (bidBias / NEUTRAL_SCORE)),
    bidMarkup: { min: bidMarkup.min, max: Math.max(bidMarkup.min, markupMax) },
  };
}
