/** @module Pure gameplay decisions of a simulated player: amounts, choices, message texts, error triage. */
export { bidAmount, MAX_BID_FLUX, minimumBid, type BidAmountParams } from './bidAmount.ts';
export {
  benignRpcErrors,
  classifyRpcError,
  errorMessageOf,
  reauthTriggers,
  type BenignReason,
  type BenignRpcError,
  type RpcError,
  type RpcErrorOutcome,
  type RpcFailureKind,
  type RpcStep,
} from './classifyRpcError.ts';
export { faucetMessage, type FaucetMessageParams } from './faucetMessage.ts';
export { bidKey, boxKey, faucetKey } from './idempotencyKeys.ts';
export { applyPersona, NEUTRAL_SCORE, type PersonaGameplay, type WalletProfile } from './persona.ts';
export { createPrng, type Prng } from './prng.ts';
export { MIN_AUCTION_RARITY, selectPartForAuction, type AuctionablePart } from './selectPartForAuction.ts';
