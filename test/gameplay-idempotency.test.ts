/**
 * @module Acceptance: replaying a faucet claim, a box opening and a bid over HTTP with the same
 * idempotency key returns the contract's replay result (gameplay-backend.md §2.2, §2.3, §2.7) and
 * moves no FLUX a second time.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BidResult, BoxResult, FaucetResult } from './support/schema/rpcResults.ts';
import { startLocalStack, type LocalStack } from '../src/local/startLocalStack.ts';
import { gameplayFaucetClaim } from './support/gameplayFaucetClaim.ts';
import { gameplayInspector, type BalanceRow, type GameplayInspector } from './support/gameplayInspector.ts';
import { gameplayPlayer, type GameplayPlayer } from './support/gameplayPlayer.ts';
import { gameplayRoundClock } from './support/gameplayRoundClock.ts';

let stack: LocalStack;
let inspect: GameplayInspector;
let alice: GameplayPlayer;
let bob: GameplayPlayer;
let carol: GameplayPlayer;
let roundId = 0;

/** Everything a replay must leave alone: the ledger size, every balance, the bids and alice's inventory. */
async function snapshot(): Promise<{ ledger: number; balances: BalanceRow[]; bids: number; parts: number }> {
  const inventory = await alice.rpc<unknown[]>('get_user_inventory', { p_wallet_address: alice.wallet });
  return {
    ledger: await inspect.ledgerCount(),
    balances: await inspect.balances(),
    bids: roundId ? (await inspect.bids(roundId)).length : 0,
    parts: inventory.length,
  };
}

beforeAll(async () => {
  stack = await startLocalStack({ port: 0, auction: false });
  inspect = gameplayInspector(stack);
  [alice, bob, carol] = await Promise.all([
    gameplayPlayer(stack, 'alice'),
    gameplayPlayer(stack, 'bob'),
    gameplayPlayer(stack, 'carol'),
  ]);
});

afterAll(async () => {
  await stack?.stop();
});

describe('idempotency keys over HTTP', () => {
  it('replays a faucet claim: the first balance object and ledger_entry_id, no second credit', async () => {
    const args = await gameplayFaucetClaim(alice, { amount: 500, windowSeconds: 0 });
    const first = await alice.rpc<FaucetResult>('record_flux_faucet_claim', args);
    expect(first).toMatchObject({
      wallet_address: alice.wallet,
      available_balance: 500,
      ledger_entry_id: expect.any(Number),
    });
    const before = await snapshot();

    expect(await alice.rpc<FaucetResult>('record_flux_faucet_claim', args)).toEqual(first);
    // nothing but the key is looked at on a replay: an invalid amount and window still replay
    const altered = { ...args, p_claim_amount: -1, p_claim_window_seconds: -1 };
    expect(await alice.rpc<FaucetResult>('record_flux_faucet_claim', altered)).toEqual(first);
    expect(await snapshot()).toEqual(before);
    expect((await inspect.balance(alice.wallet)).available).toBe('500.000000000000000000');
  });

  it('replays a faucet key sent by another wallet with the first wallet’s balance (keys are global)', async () => {
    const args = await gameplayFaucetClaim(alice, { amount: 1, windowSeconds: 0 });
    const first = await alice.rpc<FaucetResult>('record_flux_faucet_claim', args);
    const before = await snapshot();
    const foreign = await gameplayFaucetClaim(bob, { amount: 1, windowSeconds: 0 });
    const replay = await bob.rpc<FaucetResult>('record_flux_faucet_claim', {
      ...foreign,
      p_idempotency_key: args.p_idempotency_key,
    });
    expect(replay).toEqual(first);
    expect(replay.wallet_address).toBe(alice.wallet);
    expect(await snapshot()).toEqual(before);
  });

  it('replays a box opening: the same part, the current balance and the first ledger_entry_id, nothing charged or minted', async () => {
    const args = { p_wallet_address: alice.wallet, p_box_tier_id: 'rare', p_idempotency_key: 'idem-box:alice:1' };
    const first = await alice.rpc<BoxResult>('open_mystery_box', args);
    expect(Object.keys(first).sort()).toEqual(['balance', 'ledger_entry_id', 'part']);
    expect(first.balance.available_balance).toBe(451);
    const before = await snapshot();

    const replay = await alice.rpc<BoxResult>('open_mystery_box', args);
    expect(replay).toEqual(first);
    // another tier under the same key is still the first opening
    expect(await alice.rpc<BoxResult>('open_mystery_box', { ...args, p_box_tier_id: 'quantum' })).toEqual(first);
    expect(await snapshot()).toEqual(before);
    const boxRows = (await inspect.ledger(alice.wallet)).filter((row) => row.reason === 'mystery_box_open');
    expect(boxRows).toEqual([
      {
        id: first.ledger_entry_id,
        wallet: alice.wallet,
        type: 'adjustment',
        amount: '-50.000000000000000000',
        reason: 'mystery_box_open',
        key: args.p_idempotency_key,
        round: null,
      },
    ]);
  });

  it('replays a bid: the first bid_id and balance, the request’s amount echoed, no second escrow', async () => {
    const clock = gameplayRoundClock(stack);
    roundId = await clock.startRound();
    await carol.rpc('record_flux_faucet_claim', await gameplayFaucetClaim(carol, { amount: 100, windowSeconds: 0 }));
    const opened = await carol.rpc<BoxResult>('open_mystery_box', {
      p_wallet_address: carol.wallet,
      p_box_tier_id: 'epic',
      p_idempotency_key: 'idem-box:carol:1',
    });
    await carol.rpc('submit_auction_item', { p_wallet_address: carol.wallet, p_part_id: opened.part?.id });
    expect((await clock.endSubmissions(roundId)).transitioned).toMatchObject([
      { status: 'bidding', round_id: roundId },
    ]);

    await bob.rpc('record_flux_faucet_claim', await gameplayFaucetClaim(bob, { amount: 100, windowSeconds: 0 }));
    const args = {
      p_wallet_address: bob.wallet,
      p_round_id: roundId,
      p_amount: 10,
      p_idempotency_key: `idem-bid:bob:${roundId}:0:10.00`,
    };
    const first = await bob.rpc<BidResult>('place_auction_bid', args);
    expect(first).toMatchObject({
      round_id: roundId,
      amount: 10,
      min_next_bid: 10.5,
      balance: { available_balance: 90 },
    });
    const before = await snapshot();

    expect(await bob.rpc<BidResult>('place_auction_bid', args)).toEqual(first);
    // the echo is of the request: a different amount under the same key reports that amount, but moves nothing
    const echoed = await bob.rpc<BidResult>('place_auction_bid', { ...args, p_amount: 50 });
    expect(echoed).toEqual({ ...first, amount: 50, min_next_bid: 52.5 });
    expect(await snapshot()).toEqual(before);
    expect(await inspect.bids(roundId)).toMatchObject([
      { id: first.bid_id, wallet: bob.wallet, amount: '10.000000000000000000', is_refunded: false },
    ]);
    expect(
      (await inspect.ledger(bob.wallet)).filter((row) => row.reason === 'auction_bid_escrow').map((row) => row.amount),
    ).toEqual(['-10.000000000000000000']);
  });

  it('still reconciles after the replays and the round’s finalization', async () => {
    const tick = await gameplayRoundClock(stack).endRound(roundId);
    expect(tick.finalized).toMatchObject([
      { status: 'completed', round_id: roundId, winner: bob.wallet, final_price: 10 },
    ]);
    expect(await inspect.balance(bob.wallet)).toMatchObject({ available: '90.000000000000000000' });
    expect(await inspect.balance(carol.wallet)).toMatchObject({ available: '10.000000000000000000' });
    expect(await inspect.drift()).toEqual([]);
    expect(await inspect.reconcile()).toMatchObject({ wallets_with_drift: 0 });
  });
});
