/**
 * @module Acceptance on PostgreSQL: 50 wallets signed in over HTTP bid on one round with real
 * parallel HTTP requests, wave after wave; the contract's invariants (gameplay-backend.md §4.2)
 * must hold: no negative balance, at most one live bid per wallet, every accepted bid at or above
 * the minimum of its moment, escrow equal to the live bid, and a clean reconciliation after finalize.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScratchDatabase, type ScratchDatabase } from '../src/local/db/index.ts';
import { startLocalStack, type LocalStack } from '../src/local/startLocalStack.ts';
import { gameplayFaucetClaim } from './support/gameplayFaucetClaim.ts';
import { gameplayInspector, type GameplayInspector } from './support/gameplayInspector.ts';
import { gameplayPlayer, type GameplayPlayer } from './support/gameplayPlayer.ts';
import { gameplayRoundClock, type GameplayRoundClock } from './support/gameplayRoundClock.ts';

// Test-only: the PostgreSQL server the scratch database is created on.
const serverUrl = process.env.DATABASE_URL;
const BIDDERS = 50;
const WAVES = 5;
/** every fifth wallet sends a second, one-cent-higher bid in the same wave, racing itself */
const DOUBLE_BIDDER_EVERY = 5;
const MIN_BID_MESSAGE = /^bid must be at least (\d+\.\d{18}) Flux \(current highest \+ 5%\)$/;

/** Wallet i's faucet claim: the richest can always pay the largest bid of the last wave. */
const fundsOf = (index: number) => 30 + index * 4;
/** The server's minimum over a highest bid, in cents: highest + round(highest × 5 %, 2), or 1 FLUX. */
const minimumCents = (highest: number) => (highest <= 0 ? 100 : highest + Math.floor((highest + 10) / 20));
const cents = (flux: string | number) => Math.round(Number(flux) * 100);
const flux = (amount: number) => `${(amount / 100).toFixed(2)}0000000000000000`;

/**
 * A wave's requests: wallet i < 49 offers minimum + i × ceil(3 % of minimum) (every fifth one also
 * one cent more), neighbours less than 5 % apart, so the order of arrival decides which pass.
 * Wallet 49 offers the minimum over all of them: whenever it arrives it clears the minimum, so it
 * wins its wave and the next wave's highest is known in advance. Wallet 49 can always pay it.
 */
function waveRequests(wave: number, minimum: number): BidRequest[] {
  const step = Math.ceil(minimum * 0.03);
  const others = Array.from({ length: BIDDERS - 1 }, (_, bidder) => minimum + bidder * step).flatMap(
    (amount, bidder) =>
      bidder % DOUBLE_BIDDER_EVERY === 0
        ? [
            { bidder, wave, amount },
            { bidder, wave, amount: amount + 1 },
          ]
        : [{ bidder, wave, amount }],
  );
  const top = minimumCents(Math.max(...others.map((request) => request.amount)));
  return [...others, { bidder: BIDDERS - 1, wave, amount: top }];
}

interface BidRequest {
  bidder: number;
  wave: number;
  amount: number;
}
type BidOutcome =
  | { kind: 'accepted'; request: BidRequest; bidId: number }
  | { kind: 'below_minimum'; request: BidRequest; minimum: number }
  | { kind: 'insufficient'; request: BidRequest }
  | { kind: 'unexpected'; request: BidRequest; status: number; body: unknown };

let scratch: ScratchDatabase | undefined;
let stack: LocalStack;
let inspect: GameplayInspector;
let clock: GameplayRoundClock;
let seller: GameplayPlayer;
let bidders: GameplayPlayer[] = [];

describe.skipIf(!serverUrl)(
  '50 concurrent bidders over HTTP on PostgreSQL (skipped unless DATABASE_URL names a server)',
  () => {
    beforeAll(async () => {
      scratch = await createScratchDatabase(serverUrl ?? '', 'gameplay_http');
      stack = await startLocalStack({ port: 0, auction: false, databaseUrl: scratch.url });
      inspect = gameplayInspector(stack);
      clock = gameplayRoundClock(stack);
      [seller, bidders] = await Promise.all([
        gameplayPlayer(stack, 'seller'),
        Promise.all(Array.from({ length: BIDDERS }, (_, index) => gameplayPlayer(stack, `bidder-${index}`))),
      ]);
    });

    afterAll(async () => {
      await stack?.stop();
      await scratch?.drop();
    });

    it('keeps every invariant while 50 wallets bid in concurrent waves, then finalizes cleanly', async () => {
      // fund all 50 at once: concurrent faucet writes
      const claims = await Promise.all(
        bidders.map(async (bidder, index) =>
          bidder.rpc<{ available_balance: number }>(
            'record_flux_faucet_claim',
            await gameplayFaucetClaim(bidder, { amount: fundsOf(index), windowSeconds: 0 }),
          ),
        ),
      );
      expect(claims.map((claim) => claim.available_balance)).toEqual(bidders.map((_, index) => fundsOf(index)));

      const roundId = await clock.startRound();
      await seller.rpc(
        'record_flux_faucet_claim',
        await gameplayFaucetClaim(seller, { amount: 100, windowSeconds: 0 }),
      );
      const opened = await seller.rpc<{ part: { id: string } }>('open_mystery_box', {
        p_wallet_address: seller.wallet,
        p_box_tier_id: 'epic',
        p_idempotency_key: 'conc-box',
      });
      await seller.rpc('submit_auction_item', { p_wallet_address: seller.wallet, p_part_id: opened.part.id });
      expect((await clock.endSubmissions(roundId)).transitioned).toMatchObject([
        { status: 'bidding', round_id: roundId },
      ]);

      const outcomes: BidOutcome[] = [];
      let expectedHighest = 0;
      for (let wave = 0; wave < WAVES; wave++) {
        const active = await seller.rpc<{ current_highest_bid: number }>('get_active_auction');
        // the previous wave's largest bid always wins its wave, so the highest is known in advance
        expect(cents(active.current_highest_bid)).toBe(expectedHighest);
        const requests = waveRequests(wave, minimumCents(expectedHighest));
        outcomes.push(...(await Promise.all(requests.map((request) => placeBid(roundId, request)))));
        expectedHighest = Math.max(...requests.map((request) => request.amount));
      }

      expect(outcomes.filter((outcome) => outcome.kind === 'unexpected')).toEqual([]);
      const accepted = outcomes.filter((outcome) => outcome.kind === 'accepted');
      for (let wave = 0; wave < WAVES; wave++) {
        expect(
          accepted.some(({ request }) => request.wave === wave && request.bidder === BIDDERS - 1),
          `wave ${wave}: the largest bid was refused`,
        ).toBe(true);
      }
      // neighbouring amounts are < 5 % apart, so every wave refuses some
      expect(outcomes.filter((outcome) => outcome.kind === 'below_minimum').length).toBeGreaterThan(0);
      for (const outcome of outcomes) {
        if (outcome.kind === 'below_minimum')
          expect(outcome.minimum, `refused ${outcome.request.amount}`).toBeGreaterThan(outcome.request.amount);
      }

      const balances = await inspect.balances();
      expect(balances.filter((row) => row.available.startsWith('-'))).toEqual([]);

      const bids = await inspect.bids(roundId);
      expect(bids.map(({ id, wallet, amount }) => ({ id, wallet, amount })).sort((a, b) => a.id - b.id)).toEqual(
        accepted
          .map(({ bidId, request }) => ({
            id: bidId,
            wallet: bidders[request.bidder]?.wallet,
            amount: flux(request.amount),
          }))
          .sort((a, b) => a.id - b.id),
      );
      const live = bids.filter((bid) => !bid.is_refunded);
      expect(new Set(live.map((bid) => bid.wallet)).size).toBe(live.length);

      // bid ids follow the round lock's order: each accepted bid cleared the minimum of its moment
      let highest = 0;
      for (const bid of bids) {
        expect(
          cents(bid.amount),
          `bid ${bid.id} of ${bid.amount} after a highest of ${highest / 100}`,
        ).toBeGreaterThanOrEqual(minimumCents(highest));
        highest = Math.max(highest, cents(bid.amount));
      }
      expect(highest).toBe(expectedHighest);

      // incremental escrow: what left each wallet for this round is its live bid
      const ledger = await inspect.ledger();
      expect(ledger.length).toBeLessThan(1000);
      const escrowed = new Map<string, number>();
      for (const row of ledger) {
        if (row.reason === 'auction_bid_escrow' && row.round === String(roundId))
          escrowed.set(row.wallet, (escrowed.get(row.wallet) ?? 0) - cents(row.amount));
      }
      const liveByWallet = new Map(live.map((bid) => [bid.wallet, cents(bid.amount)]));
      expect(escrowed).toEqual(liveByWallet);
      for (const [index, bidder] of bidders.entries()) {
        const row = balances.find((balance) => balance.wallet === bidder.wallet);
        expect(cents(row?.available ?? NaN), bidder.label).toBe(
          fundsOf(index) * 100 - (liveByWallet.get(bidder.wallet) ?? 0),
        );
      }

      const winner = bidders[BIDDERS - 1];
      const tick = await clock.endRound(roundId);
      expect(tick.finalized).toEqual([
        {
          status: 'completed',
          round_id: roundId,
          winner: winner?.wallet,
          final_price: highest / 100,
          part_id: opened.part.id,
        },
      ]);

      const after = await inspect.balances();
      for (const [index, bidder] of bidders.entries()) {
        const row = after.find((balance) => balance.wallet === bidder.wallet);
        expect(cents(row?.available ?? NaN), bidder.label).toBe(
          fundsOf(index) * 100 - (bidder === winner ? highest : 0),
        );
      }
      expect(after.find((balance) => balance.wallet === seller.wallet)?.available).toBe(flux(highest));
      const roundRows = (await inspect.ledger()).filter((row) => row.round === String(roundId));
      expect(roundRows.reduce((total, row) => total + cents(row.amount), 0)).toBe(0);
      expect(await inspect.bids(roundId)).toSatisfy((rows: { is_refunded: boolean; is_winning: boolean }[]) =>
        rows.every((row) => row.is_refunded !== row.is_winning),
      );
      expect(await inspect.drift()).toEqual([]);
      expect(await inspect.reconcile()).toMatchObject({
        total_wallets: BIDDERS + 1,
        wallets_with_drift: 0,
        max_absolute_drift: 0,
      });
    });

    it('credits one of several identical concurrent faucet requests; the others replay, hit the cooldown or get 409 (23505)', async () => {
      const bidder = bidders[0];
      if (!bidder) throw new Error('no bidder');
      const before = await inspect.balance(bidder.wallet);
      const args = await gameplayFaucetClaim(bidder, { amount: 7, windowSeconds: 0 });
      const results = await Promise.all(
        Array.from({ length: 5 }, () => bidder.client.rpc('record_flux_faucet_claim', args)),
      );

      const rows = (await inspect.ledger(bidder.wallet)).filter((row) => row.key === args.p_idempotency_key);
      expect(rows).toHaveLength(1);
      const ledgerEntryId = rows[0]?.id;
      for (const { status, data, error } of results) {
        if (status === 200) {
          expect(data).toMatchObject({ wallet_address: bidder.wallet, ledger_entry_id: ledgerEntryId });
        } else if (status === 400) {
          // a request whose transaction began before the winner's sees last_faucet_claimed_at (the
          // winner's now()) after its own now(): even a 0-second window is then still "on cooldown"
          expect(error).toEqual({
            code: 'P0001',
            message: 'flux faucet claim is still on cooldown',
            details: null,
            hint: null,
          });
        } else {
          expect({ status, error }).toEqual({
            status: 409,
            error: {
              code: '23505',
              message: 'duplicate key value violates unique constraint "flux_ledger_entries_idempotency_key_idx"',
              details: expect.any(String),
              hint: null,
            },
          });
        }
      }
      expect(results.filter(({ status }) => status === 200).length).toBeGreaterThanOrEqual(1);
      expect(cents((await inspect.balance(bidder.wallet)).available)).toBe(cents(before.available) + 700);
      expect(await inspect.drift()).toEqual([]);
    });
  },
);

/** Sends one bid over HTTP and classifies the answer; anything outside the contract's benign texts is `unexpected`. */
async function placeBid(roundId: number, request: BidRequest): Promise<BidOutcome> {
  const bidder = bidders[request.bidder];
  if (!bidder) throw new Error(`no bidder ${request.bidder}`);
  const { data, error, status } = await bidder.client.rpc('place_auction_bid', {
    p_wallet_address: bidder.wallet,
    p_round_id: roundId,
    p_amount: request.amount / 100,
    p_idempotency_key: `conc-bid:${bidder.wallet}:${roundId}:${request.wave}:${(request.amount / 100).toFixed(2)}`,
  });
  if (status === 200 && !error) return { kind: 'accepted', request, bidId: (data as { bid_id: number }).bid_id };
  const body = error as { code?: string; message?: string } | null;
  if (status === 400 && body?.code === 'P0001') {
    const minimum = MIN_BID_MESSAGE.exec(body.message ?? '');
    if (minimum?.[1]) return { kind: 'below_minimum', request, minimum: cents(minimum[1]) };
    if (body.message === 'insufficient flux balance') return { kind: 'insufficient', request };
  }
  return { kind: 'unexpected', request, status, body };
}
