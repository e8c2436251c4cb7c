/**
 * @module `auction_finalized_rounds`: every completed round with bids settled exactly once (invariant 5
 * of gameplay-backend.md §4.2): one winning bid recorded on the round, no live losing bid, the part
 * handed to the winner, and the round's escrow, refund and proceeds ledger rows summing to zero.
 */
import type { HealthCheckResult } from '../healthCheckResult.ts';
import { fluxAmount, formatFlux } from '../fluxAmount.ts';
import { PAGE_SIZE } from '../createHealthRest.ts';
import { capRows, type CheckContext } from './CheckContext.ts';

const NAME = 'auction_finalized_rounds';
const ROUNDS = 'auction_rounds';
const BIDS = 'auction_bids';
const PARTS = 'inventory_parts';
const SUBMISSIONS = 'auction_submissions';
const LEDGER = 'flux_ledger_entries';
/** the most recent completed rounds examined; older ones were checked by earlier runs */
const FINALIZED_ROUND_LIMIT = 200;
/** round ids per `in.(...)` filter, to keep URLs short */
const CHUNK = 100;
/** ledger reasons of an auction's money flow (gameplay-backend.md §3.3) */
const AUCTION_REASONS = ['auction_bid_escrow', 'auction_bid_refund', 'auction_sale_proceeds'] as const;

export interface CompletedRound {
  id: number;
  winning_bid_id: number | null;
  final_price: string | null;
  winner_wallet: string | null;
  selected_part_id: string | null;
}

/** A bid that is winning or still live (non-refunded). */
export interface FinalBid {
  id: number;
  round_id: number;
  wallet_address: string;
  amount: string;
  is_winning: boolean;
  is_refunded: boolean;
}

export interface SoldPart {
  id: string;
  wallet_address: string;
  source: string;
  source_ref: string | null;
  is_locked: boolean;
}

export interface FinalizedRoundsInput {
  rounds: readonly CompletedRound[];
  /** winning or live bids of those rounds */
  bids: readonly FinalBid[];
  /** rounds known to have had bids although none of them is winning or live */
  roundsWithOnlyRefundedBids: ReadonlySet<number>;
  parts: ReadonlyMap<string, SoldPart>;
  /** part id → ids of rounds it was submitted to (a sold part may be auctioned again later) */
  partRounds: ReadonlyMap<string, readonly number[]>;
  /** Σ of the round's auction ledger rows, for the rounds whose rows were all read */
  ledgerSums: ReadonlyMap<number, bigint>;
}

type Finding = { round_id: number; problem: string; expected: unknown; actual: unknown };

/** Everything about one completed round that contradicts a single, complete settlement. */
function roundFindings(round: CompletedRound, bids: readonly FinalBid[], input: FinalizedRoundsInput): Finding[] {
  const out: Finding[] = [];
  const add = (problem: string, expected: unknown, actual: unknown) =>
    out.push({ round_id: round.id, problem, expected, actual });
  const winners = bids.filter((bid) => bid.is_winning);
  const winner = winners[0];
  if (winners.length !== 1) add('winning_bid_count', 1, winners.length);
  if (winner) {
    if (round.winning_bid_id !== winner.id) add('winning_bid_id', winner.id, round.winning_bid_id);
    const price =
      round.final_price === null ? null : fluxAmount(round.final_price, `${ROUNDS}.final_price (id ${round.id})`);
    const amount = fluxAmount(winner.amount, `${BIDS}.amount (id ${winner.id})`);
    if (price !== amount) add('final_price', formatFlux(amount), price === null ? null : formatFlux(price));
    if (round.winner_wallet !== winner.wallet_address) add('winner_wallet', winner.wallet_address, round.winner_wallet);
  }
  const liveLosers = bids.filter((bid) => !bid.is_winning && !bid.is_refunded);
  if (liveLosers.length > 0)
    add(
      'live_losing_bids',
      [],
      liveLosers.map((bid) => bid.id),
    );
  const owner = winner?.wallet_address ?? round.winner_wallet;
  const part = round.selected_part_id === null ? undefined : input.parts.get(round.selected_part_id);
  // the buyer may have submitted the part to a later round: from then on that round owns its state
  const movedOn = part !== undefined && (input.partRounds.get(part.id) ?? []).some((id) => id > round.id);
  if (!part) {
    add('part_missing', round.selected_part_id ?? 'a selected part', null);
  } else if (!movedOn) {
    if (part.wallet_address !== owner) add('part_owner', owner, part.wallet_address);
    if (part.source !== 'auction_win') add('part_source', 'auction_win', part.source);
    if (part.source_ref !== String(round.id)) add('part_source_ref', String(round.id), part.source_ref);
    if (part.is_locked) add('part_locked', false, true);
  }
  const sum = input.ledgerSums.get(round.id);
  if (sum !== undefined && sum !== 0n) add('ledger_not_conserved', '0', formatFlux(sum));
  return out;
}

/**
 * Checks each completed round that had bids; rounds without any bid only must not name a winner.
 * Returns the findings and how many rounds had bids and a complete ledger sum.
 */
export function finalizedRoundFindings(input: FinalizedRoundsInput): {
  findings: Finding[];
  withBids: number;
  ledgerChecked: number;
} {
  const bidsByRound = new Map<number, FinalBid[]>();
  for (const bid of input.bids) bidsByRound.set(bid.round_id, [...(bidsByRound.get(bid.round_id) ?? []), bid]);
  const findings: Finding[] = [];
  let withBids = 0;
  let ledgerChecked = 0;
  for (const round of input.rounds) {
    const bids = bidsByRound.get(round.id) ?? [];
    const hadBids = bids.length > 0 || round.winning_bid_id !== null || input.roundsWithOnlyRefundedBids.has(round.id);
    if (!hadBids) {
      if (round.final_price !== null || round.winner_wallet !== null) {
        findings.push({
          round_id: round.id,
          problem: 'winner_without_bids',
          expected: null,
          actual: round.winner_wallet ?? round.final_price,
        });
      }
      continue;
    }
    withBids += 1;
    if (input.ledgerSums.has(round.id)) ledgerChecked += 1;
    findings.push(...roundFindings(round, bids, input));
  }
  return { findings, withBids, ledgerChecked };
}

const chunks = <T>(items: readonly T[]): T[][] =>
  Array.from({ length: Math.ceil(items.length / CHUNK) }, (_, index) =>
    items.slice(index * CHUNK, (index + 1) * CHUNK),
  );

/** Reads the latest completed rounds with their winning/live bids, sold parts and auction ledger rows. */
export async function auctionFinalizedRounds(ctx: CheckContext): Promise<HealthCheckResult> {
  const { client } = ctx.rest;
  const { rows: rounds, count } = await ctx.rest.read<CompletedRound>(
    ROUNDS,
    client
      .from(ROUNDS)
      .select('id,winning_bid_id,final_price::text,winner_wallet,selected_part_id', { count: 'exact' })
      .eq('status', 'completed')
      .order('id', { ascending: false })
      .limit(FINALIZED_ROUND_LIMIT),
  );
  if (rounds.length === 0) return { name: NAME, verdict: 'pass', summary: 'no completed round yet' };

  const bids: FinalBid[] = [];
  const onlyRefunded = new Set<number>();
  const parts = new Map<string, SoldPart>();
  const partRounds = new Map<string, number[]>();
  const ledgerSums = new Map<number, bigint>();
  const unsummed: number[] = [];
  for (const chunk of chunks(rounds)) {
    const ids = chunk.map((round) => round.id);
    const chunkBids = await ctx.rest.pages<FinalBid>(
      BIDS,
      (after, limit) => {
        const query = client
          .from(BIDS)
          .select('id,round_id,wallet_address,amount::text,is_winning,is_refunded')
          .in('round_id', ids)
          .or('is_winning.is.true,is_refunded.is.false');
        return (after === undefined ? query : query.gt('id', after)).order('id').limit(limit);
      },
      ctx.maxPages,
    );
    bids.push(...chunkBids.rows);
    const withLiveOrWinning = new Set(chunkBids.rows.map((bid) => bid.round_id));
    const unclear = chunk
      .filter((round) => round.winning_bid_id === null && !withLiveOrWinning.has(round.id))
      .map((round) => round.id);
    if (unclear.length > 0) {
      // a round whose bids were all refunded never got a winner: one page is enough to name such rounds
      const { rows } = await ctx.rest.read<{ round_id: number }>(
        BIDS,
        client.from(BIDS).select('round_id').in('round_id', unclear).limit(PAGE_SIZE),
      );
      for (const row of rows) onlyRefunded.add(row.round_id);
    }
    const partIds = chunk.flatMap((round) => (round.selected_part_id === null ? [] : [round.selected_part_id]));
    if (partIds.length > 0) {
      const { rows } = await ctx.rest.read<SoldPart>(
        PARTS,
        client.from(PARTS).select('id,wallet_address,source,source_ref,is_locked').in('id', partIds),
      );
      for (const part of rows) parts.set(part.id, part);
      const submissions = await ctx.rest.read<{ part_id: string; round_id: number }>(
        SUBMISSIONS,
        client.from(SUBMISSIONS).select('part_id,round_id').in('part_id', partIds),
      );
      for (const row of submissions.rows)
        partRounds.set(row.part_id, [...(partRounds.get(row.part_id) ?? []), row.round_id]);
    }
    const sold = chunk
      .filter((round) => withLiveOrWinning.has(round.id) || round.winning_bid_id !== null || onlyRefunded.has(round.id))
      .map((round) => round.id);
    if (sold.length === 0) continue;
    const ledger = await ctx.rest.pages<{ id: number; round_id: string; amount_flux: string }>(
      LEDGER,
      (after, limit) => {
        const query = client
          .from(LEDGER)
          .select('id,round_id:payload->context->>round_id,amount_flux::text')
          .in('payload->>reason', [...AUCTION_REASONS])
          .in('payload->context->>round_id', sold.map(String));
        return (after === undefined ? query : query.gt('id', after)).order('id').limit(limit);
      },
      ctx.maxPages,
    );
    if (!ledger.complete) {
      unsummed.push(...sold);
      continue;
    }
    for (const id of sold) ledgerSums.set(id, 0n);
    for (const row of ledger.rows) {
      const id = Number(row.round_id);
      ledgerSums.set(
        id,
        (ledgerSums.get(id) ?? 0n) + fluxAmount(row.amount_flux, `${LEDGER}.amount_flux (id ${row.id})`),
      );
    }
  }

  const { findings, withBids, ledgerChecked } = finalizedRoundFindings({
    rounds,
    bids,
    roundsWithOnlyRefundedBids: onlyRefunded,
    parts,
    partRounds,
    ledgerSums,
  });
  const total = count ?? rounds.length;
  const notes = [
    `${withBids} completed round(s) with bids, ${rounds.length - withBids} without`,
    `auction ledger rows summed for ${ledgerChecked} of them`,
  ];
  if (total > rounds.length) notes.push(`sampled: the ${rounds.length} most recent of ${total} completed rounds`);
  if (unsummed.length > 0)
    notes.push(`ledger not summed, more rows than ${ctx.maxPages} pages: round ${unsummed.join(', ')}`);
  if (findings.length === 0) return { name: NAME, verdict: 'pass', summary: notes.join('; ') };
  const shown = capRows(findings, ctx.maxRows);
  const first = findings[0];
  return {
    name: NAME,
    verdict: 'fail',
    summary: `${findings.length} problem(s), e.g. round ${first?.round_id} ${first?.problem} (expected ${JSON.stringify(first?.expected)}, got ${JSON.stringify(first?.actual)}); ${notes.join('; ')}${shown.note}`,
    offendingRows: shown.rows,
  };
}
