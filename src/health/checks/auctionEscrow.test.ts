import { describe, expect, it } from 'vitest';
import { roundEscrow, type EscrowRow, type RoundBid } from './auctionEscrow.ts';

const bid = (id: number, wallet: string, amount: string, is_winning = false): RoundBid => ({
  id,
  wallet_address: wallet,
  amount,
  is_winning,
});
const escrow = (id: number, wallet: string, amount: string): EscrowRow => ({
  id,
  wallet_address: wallet,
  amount_flux: amount,
});

describe('roundEscrow', () => {
  it('matches incremental escrow rows to the latest live bid of each wallet', () => {
    const result = roundEscrow(
      9,
      [bid(3, '0xa', '30.000000000000000000'), bid(4, '0xb', '31.500000000000000000')],
      [
        escrow(1, '0xa', '-10.000000000000000000'),
        escrow(2, '0xa', '-20.000000000000000000'),
        escrow(3, '0xb', '-31.500000000000000000'),
      ],
    );
    expect(result).toEqual({
      findings: [],
      escrowed: 61_500_000_000_000_000_000n,
      liveNonWinning: 61_500_000_000_000_000_000n,
      wallets: 2,
    });
  });

  it('names wallets whose escrow differs, including escrow without a live bid and a live bid without escrow', () => {
    const result = roundEscrow(
      9,
      [bid(3, '0xa', '30'), bid(5, '0xc', '2')],
      [escrow(1, '0xa', '-10'), escrow(4, '0xb', '-0.000000000000000001')],
    );
    expect(result.findings).toEqual([
      { round_id: 9, wallet: '0xa', live_bid: '30', live_bids: 1, escrowed: '10', difference: '-20' },
      {
        round_id: 9,
        wallet: '0xb',
        live_bid: '0',
        live_bids: 0,
        escrowed: '0.000000000000000001',
        difference: '0.000000000000000001',
      },
      { round_id: 9, wallet: '0xc', live_bid: '2', live_bids: 1, escrowed: '0', difference: '-2' },
    ]);
  });

  it('leaves a winning bid out of outstanding escrow', () => {
    expect(roundEscrow(9, [bid(3, '0xa', '30', true)], [escrow(1, '0xa', '-30')])).toMatchObject({
      findings: [],
      liveNonWinning: 0n,
    });
  });
});
