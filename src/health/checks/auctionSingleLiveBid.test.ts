import { describe, expect, it } from 'vitest';
import { duplicateLiveBids } from './auctionSingleLiveBid.ts';

describe('duplicateLiveBids', () => {
  it('groups live bids by round and wallet and names only the groups with more than one', () => {
    const bids = [
      { id: 1, round_id: 1, wallet_address: '0xa', amount: '5' },
      { id: 2, round_id: 2, wallet_address: '0xa', amount: '6' },
      { id: 3, round_id: 2, wallet_address: '0xb', amount: '7' },
      { id: 4, round_id: 2, wallet_address: '0xa', amount: '8.250000000000000000' },
    ];
    expect(duplicateLiveBids(bids)).toEqual([
      { round_id: 2, wallet: '0xa', live_bids: 2, bid_ids: [2, 4], amounts: ['6', '8.25'] },
    ]);
    expect(duplicateLiveBids(bids.slice(0, 3))).toEqual([]);
  });
});
