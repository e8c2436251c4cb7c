/**
 * @module `auction_escrow`: in every round still in bidding, each wallet's escrow ledger rows add up to
 * its live bid, and outstanding escrow equals the live non-winning bids (invariants 3 and 4 of
 * gameplay-backend.md §4.2). Bids debit the balance through these rows; nothing else records escrow.
 */
import type { HealthCheckResult } from '../healthCheckResult.ts';
import { fluxAmount, formatFlux } from '../fluxAmount.ts';
import { capRows, type CheckContext } from './CheckContext.ts';

const NAME = 'auction_escrow';
const ROUNDS = 'auction_rounds';
const BIDS = 'auction_bids';
const LEDGER = 'flux_ledger_entries';
const ESCROW_REASON = 'auction_bid_escrow';

export interface RoundBid {
  id: number;
  wallet_address: string;
  amount: string;
  is_winning: boolean;
}

export interface EscrowRow {
  id: number;
  wallet_address: string;
  amount_flux: string;
}

export interface RoundEscrow {
  /** wallets whose escrow rows do not add up to their live bid */
  findings: Record<string, unknown>[];
  /** −Σ escrow rows of the round */
  escrowed: bigint;
  /** Σ live (non-refunded) non-winning bids */
  liveNonWinning: bigint;
  wallets: number;
}

/**
 * Compares, per wallet, the FLUX its `auction_bid_escrow` rows took for the round (a re-bid debits only
 * the difference, so the rows add up to the latest amount) with the amount of its live bids.
 */
export function roundEscrow(
  roundId: number,
  liveBids: readonly RoundBid[],
  escrowRows: readonly EscrowRow[],
): RoundEscrow {
  const byWallet = new Map<string, { escrowed: bigint; live: bigint; bids: number }>();
  const entry = (wallet: string) => {
    let found = byWallet.get(wallet);
    if (!found) {
      found = { escrowed: 0n, live: 0n, bids: 0 };
      byWallet.set(wallet, found);
    }
    return found;
  };
  let escrowed = 0n;
  let liveNonWinning = 0n;
  for (const row of escrowRows) {
    const amount = -fluxAmount(row.amount_flux, `${LEDGER}.amount_flux (id ${row.id})`);
    entry(row.wallet_address).escrowed += amount;
    escrowed += amount;
  }
  for (const bid of liveBids) {
    const amount = fluxAmount(bid.amount, `${BIDS}.amount (id ${bid.id})`);
    const wallet = entry(bid.wallet_address);
    wallet.live += amount;
    wallet.bids += 1;
    if (!bid.is_winning) liveNonWinning += amount;
  }
  const findings = [...byWallet.entries()]
    .filter(([, sums]) => sums.escrowed !== sums.live)
    .map(([wallet, sums]) => ({
      round_id: roundId,
      wallet,
      live_bid: formatFlux(sums.live),
      live_bids: sums.bids,
      escrowed: formatFlux(sums.escrowed),
      difference: formatFlux(sums.escrowed - sums.live),
    }));
  return { findings, escrowed, liveNonWinning, wallets: byWallet.size };
}

/** Reads the bidding rounds, then per round its live bids and its escrow ledger rows. */
export async function auctionEscrow(ctx: CheckContext): Promise<HealthCheckResult> {
  const { client } = ctx.rest;
  const rounds = await ctx.rest.pages<{ id: number }>(
    ROUNDS,
    (after, limit) => {
      const query = client.from(ROUNDS).select('id').eq('status', 'bidding');
      return (after === undefined ? query : query.gt('id', after)).order('id').limit(limit);
    },
    ctx.maxPages,
  );
  if (rounds.rows.length === 0) {
    return { name: NAME, verdict: 'pass', summary: 'no round in bidding: no escrow outstanding' };
  }

  const findings: Record<string, unknown>[] = [];
  const compared: string[] = [];
  const notCompared: number[] = [];
  let escrowed = 0n;
  let liveNonWinning = 0n;
  for (const { id: roundId } of rounds.rows) {
    const bids = await ctx.rest.pages<RoundBid>(
      BIDS,
      (after, limit) => {
        const query = client
          .from(BIDS)
          .select('id,wallet_address,amount::text,is_winning')
          .eq('round_id', roundId)
          .eq('is_refunded', false);
        return (after === undefined ? query : query.gt('id', after)).order('id').limit(limit);
      },
      ctx.maxPages,
    );
    const escrow = await ctx.rest.pages<EscrowRow>(
      LEDGER,
      (after, limit) => {
        const query = client
          .from(LEDGER)
          .select('id,wallet_address,amount_flux::text')
          .eq('payload->>reason', ESCROW_REASON)
          .eq('payload->context->>round_id', String(roundId));
        return (after === undefined ? query : query.gt('id', after)).order('id').limit(limit);
      },
      ctx.maxPages,
    );
    if (!bids.complete || !escrow.complete) {
      // partial sums would report differences that are not there
      notCompared.push(roundId);
      continue;
    }
    const result = roundEscrow(roundId, bids.rows, escrow.rows);
    findings.push(...result.findings);
    escrowed += result.escrowed;
    liveNonWinning += result.liveNonWinning;
    compared.push(`round ${roundId}: ${result.wallets} wallet(s), escrow ${formatFlux(result.escrowed)} FLUX`);
  }

  const notes = [...compared];
  notes.push(
    `outstanding escrow ${formatFlux(escrowed)} FLUX ${escrowed === liveNonWinning ? '=' : '≠'} live non-winning bids ${formatFlux(liveNonWinning)} FLUX`,
  );
  if (notCompared.length > 0)
    notes.push(`not compared, more rows than ${ctx.maxPages} pages: round ${notCompared.join(', ')}`);
  if (!rounds.complete) notes.push(`sampled: first ${rounds.rows.length} bidding rounds`);
  const failed = findings.length > 0 || escrowed !== liveNonWinning;
  if (failed) {
    const shown = capRows(findings, ctx.maxRows);
    return {
      name: NAME,
      verdict: 'fail',
      summary: `${findings.length} wallet(s) whose escrow differs from their live bid; ${notes.join('; ')}${shown.note}`,
      ...(shown.rows.length > 0 ? { offendingRows: shown.rows } : {}),
    };
  }
  return { name: NAME, verdict: notCompared.length > 0 ? 'skip' : 'pass', summary: notes.join('; ') };
}
