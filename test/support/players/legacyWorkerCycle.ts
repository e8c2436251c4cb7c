/**
 * @module Test support: the legacy worker's per-cycle flow as contract/legacy-worker.md §4 writes
 * it, independent of the suite's player runtime: sync; the faucet when due; box attempts, each
 * proceeding with its probability, the tier uniformly random, stopping at `insufficient flux
 * balance`; the active auction; a submission while a round accepts them; bid attempts over the
 * current highest. Played against the fake game, it gives the legacy worker's request mix.
 */
import { bidAmount } from '../../../src/gameplay/bidAmount.ts';
import type { Prng } from '../../../src/gameplay/prng.ts';
import { selectPartForAuction, type AuctionablePart } from '../../../src/gameplay/selectPartForAuction.ts';
import { TIERS, type FakeGame } from './fakeGame.ts';
import type { RequestMix } from './requestMix.ts';

export interface LegacyKnobs {
  maxBoxOpensPerCycle: number;
  boxOpenProbability: number;
  submitProbability: number;
  maxBidAttemptsPerCycle: number;
  bidAttemptProbability: number;
  bidMarkup: { min: number; max: number };
  faucetIntervalMs: number;
}

/** What the legacy worker remembers per wallet between cycles. */
export interface LegacyWallet {
  address: string;
  nextClaimAt: number;
  lastSubmittedRoundId: number | undefined;
}

/** Plays one cycle of `wallet`, counting every request and rejection into `mix`. */
export function legacyWorkerCycle(
  game: FakeGame,
  wallet: LegacyWallet,
  random: Prng,
  knobs: LegacyKnobs,
  mix: RequestMix,
): void {
  const call = (name: string, args: Record<string, unknown> = {}) => {
    const answer = game.answer(name, wallet.address, args);
    mix.record(name, answer.status);
    return answer;
  };
  call('rpc_sync_wallet_flux_balance');
  if (game.now() >= wallet.nextClaimAt) {
    const claim = call('rpc_record_flux_faucet_claim');
    // the legacy worker did not catch the cooldown (it aborted the cycle); the fake never answers
    // it to a worker that keeps its own timer, so both branches wait a window
    wallet.nextClaimAt = game.now() + knobs.faucetIntervalMs;
    if (claim.status >= 400) return;
  }
  for (let attempt = 0; attempt < knobs.maxBoxOpensPerCycle; attempt += 1) {
    if (!random.chance(knobs.boxOpenProbability)) continue;
    const tier = random.pick(TIERS)!;
    if (call('rpc_open_mystery_box', { p_box_tier_id: tier }).status >= 400) break;
  }
  const auction = call('rpc_get_active_auction').body as {
    round_id: number;
    status: string;
    part: { submitted_by: string } | null;
    bids: { wallet: string; amount: number }[];
    current_highest_bid: number;
  };
  if (
    auction.status === 'accepting_submissions' &&
    auction.round_id !== wallet.lastSubmittedRoundId &&
    random.chance(knobs.submitProbability)
  ) {
    const parts = call('rpc_get_user_inventory').body as AuctionablePart[];
    const part = selectPartForAuction(parts);
    if (part) {
      call('rpc_submit_auction_item', { p_part_id: part.id });
      wallet.lastSubmittedRoundId = auction.round_id;
    }
  }
  if (auction.status !== 'bidding' || auction.part?.submitted_by === wallet.address) return;
  let highest = auction.current_highest_bid;
  const bids = [...auction.bids];
  for (let attempt = 0; attempt < knobs.maxBidAttemptsPerCycle; attempt += 1) {
    if (!random.chance(knobs.bidAttemptProbability)) continue;
    const top = bids.reduce<{ wallet: string; amount: number } | undefined>(
      (best, bid) => (best === undefined || bid.amount > best.amount ? bid : best),
      undefined,
    );
    if (top?.wallet === wallet.address) break;
    const amount = bidAmount({
      currentHighest: highest,
      markupMin: knobs.bidMarkup.min,
      markupMax: knobs.bidMarkup.max,
      random: random.next,
    });
    if (amount === null) break;
    const answer = call('rpc_place_auction_bid', { p_round_id: auction.round_id, p_amount: amount });
    if (answer.status >= 400) break;
    highest = amount;
    bids.unshift({ wallet: wallet.address, amount });
    break;
  }
}
