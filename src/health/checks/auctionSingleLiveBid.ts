/**
 * @module `auction_single_live_bid`: at most one non-refunded bid per wallet and round (invariant 3 of
 * gameplay-backend.md §4.2). A re-bid must mark the previous bid refunded; nothing in the schema enforces it.
 */
import type { HealthCheckResult } from '../healthCheckResult.ts';
import { fluxAmount, formatFlux } from '../fluxAmount.ts';
import { capRows, type CheckContext } from './CheckContext.ts';

const NAME = 'auction_single_live_bid';
const BIDS = 'auction_bids';

export interface LiveBid {
  id: number;
  round_id: number;
  wallet_address: string;
  amount: string;
}

/** Wallets holding more than one live bid in a round, one row per (round, wallet). */
export function duplicateLiveBids(bids: readonly LiveBid[]): Record<string, unknown>[] {
  const groups = new Map<string, LiveBid[]>();
  for (const bid of bids) {
    const key = `${bid.round_id} ${bid.wallet_address}`;
    groups.set(key, [...(groups.get(key) ?? []), bid]);
  }
  return [...groups.values()]
    .filter((group) => group.length > 1)
    .map((group) => ({
      round_id: group[0]?.round_id,
      wallet: group[0]?.wallet_address,
      live_bids: group.length,
      bid_ids: group.map((bid) => bid.id),
      amounts: group.map((bid) => formatFlux(fluxAmount(bid.amount, `${BIDS}.amount (id ${bid.id})`))),
    }));
}

/**
 * Scans the non-refunded bids (after finalization only the winners stay live, so the set stays small
 * even after a long run) and groups them by round and wallet.
 */
export async function auctionSingleLiveBid(ctx: CheckContext): Promise<HealthCheckResult> {
  const { client } = ctx.rest;
  const live = await ctx.rest.pages<LiveBid>(
    BIDS,
    (after, limit) => {
      const query = client.from(BIDS).select('id,round_id,wallet_address,amount::text').eq('is_refunded', false);
      return (after === undefined ? query : query.gt('id', after)).order('id').limit(limit);
    },
    ctx.maxPages,
  );
  const duplicates = duplicateLiveBids(live.rows);
  const rounds = new Set(live.rows.map((bid) => bid.round_id)).size;
  const sampled = live.complete ? '' : ` (sampled: first ${live.rows.length} live bids, page budget reached)`;
  if (duplicates.length === 0) {
    return {
      name: NAME,
      verdict: 'pass',
      summary: `${live.rows.length} live bid(s) in ${rounds} round(s), at most one per wallet and round${sampled}`,
    };
  }
  const shown = capRows(duplicates, ctx.maxRows);
  const first = duplicates[0];
  return {
    name: NAME,
    verdict: 'fail',
    summary: `${duplicates.length} wallet/round pair(s) with more than one live bid, e.g. ${first?.wallet} in round ${first?.round_id} (${first?.live_bids} live bids)${sampled}${shown.note}`,
    offendingRows: shown.rows,
  };
}
