import { describe, expect, it } from 'vitest';
import {
  finalizedRoundFindings,
  type CompletedRound,
  type FinalBid,
  type FinalizedRoundsInput,
  type SoldPart,
} from './auctionFinalizedRounds.ts';

const round: CompletedRound = {
  id: 4,
  winning_bid_id: 12,
  final_price: '31.500000000000000000',
  winner_wallet: '0xw',
  selected_part_id: 'p4',
};
const winning: FinalBid = {
  id: 12,
  round_id: 4,
  wallet_address: '0xw',
  amount: '31.500000000000000000',
  is_winning: true,
  is_refunded: false,
};
const part: SoldPart = { id: 'p4', wallet_address: '0xw', source: 'auction_win', source_ref: '4', is_locked: false };

function input(overrides: Partial<FinalizedRoundsInput> = {}): FinalizedRoundsInput {
  return {
    rounds: [round],
    bids: [winning],
    roundsWithOnlyRefundedBids: new Set(),
    parts: new Map([[part.id, part]]),
    partRounds: new Map([[part.id, [4]]]),
    ledgerSums: new Map([[4, 0n]]),
    ...overrides,
  };
}

describe('finalizedRoundFindings', () => {
  it('accepts a round settled once: one winner recorded on the round, part transferred, ledger summing to zero', () => {
    expect(finalizedRoundFindings(input())).toEqual({ findings: [], withBids: 1, ledgerChecked: 1 });
  });

  it('names every contradiction of a settlement', () => {
    const { findings } = finalizedRoundFindings(
      input({
        rounds: [{ ...round, final_price: '30.000000000000000000', winner_wallet: '0xs' }],
        bids: [winning, { ...winning, id: 13, wallet_address: '0xl', is_winning: false }],
        parts: new Map([[part.id, { ...part, wallet_address: '0xs', source_ref: null, is_locked: true }]]),
        ledgerSums: new Map([[4, 1_500_000_000_000_000_000n]]),
      }),
    );
    expect(findings).toEqual([
      { round_id: 4, problem: 'final_price', expected: '31.5', actual: '30' },
      { round_id: 4, problem: 'winner_wallet', expected: '0xw', actual: '0xs' },
      { round_id: 4, problem: 'live_losing_bids', expected: [], actual: [13] },
      { round_id: 4, problem: 'part_owner', expected: '0xw', actual: '0xs' },
      { round_id: 4, problem: 'part_source_ref', expected: '4', actual: null },
      { round_id: 4, problem: 'part_locked', expected: false, actual: true },
      { round_id: 4, problem: 'ledger_not_conserved', expected: '0', actual: '1.5' },
    ]);
  });

  it('leaves a part that the buyer submitted to a later round to that round', () => {
    const resubmitted = { ...part, is_locked: true };
    const later = input({ parts: new Map([[part.id, resubmitted]]), partRounds: new Map([[part.id, [4, 5]]]) });
    expect(finalizedRoundFindings(later).findings).toEqual([]);
    const sameRoundOnly = input({ parts: new Map([[part.id, resubmitted]]) });
    expect(finalizedRoundFindings(sameRoundOnly).findings).toEqual([
      { round_id: 4, problem: 'part_locked', expected: false, actual: true },
    ]);
  });

  it('catches a round whose bids were all refunded without a winner, and passes rounds without bids', () => {
    const noWinner = { ...round, winning_bid_id: null, final_price: null, winner_wallet: null };
    const empty = { ...noWinner, id: 5, selected_part_id: 'p5' };
    const result = finalizedRoundFindings(
      input({ rounds: [noWinner, empty], bids: [], roundsWithOnlyRefundedBids: new Set([4]), ledgerSums: new Map() }),
    );
    expect(result.withBids).toBe(1);
    expect(result.findings.map((finding) => finding.problem)).toEqual(['winning_bid_count', 'part_owner']);
  });
});
