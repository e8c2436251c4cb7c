/**
 * @module Acceptance: one full auction round of the reference backend through the HTTP API with
 * real signed-in wallets (supabase-js web3 sign-in, `.rpc()`), checked against the contract's
 * money flow (gameplay-backend.md §3.3) and reconciliation invariant (§4.2). SQL only moves time.
 */
import { verifyMessage } from 'viem';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Balance, BidResult, BoxResult, FaucetResult, Part } from './support/schema/rpcResults.ts';
import { startLocalStack, type LocalStack } from '../src/local/startLocalStack.ts';
import { createPoolClient } from '../src/pool/createPoolClient.ts';
import { seedEthLock } from '../src/pool/seedEthLock.ts';
import { gameplayFaucetClaim } from './support/gameplayFaucetClaim.ts';
import { gameplayInspector, type GameplayInspector } from './support/gameplayInspector.ts';
import { gameplayPlayer, type GameplayPlayer } from './support/gameplayPlayer.ts';
import { gameplayRoundClock, type GameplayRoundClock } from './support/gameplayRoundClock.ts';

const BALANCE_KEYS = [
  'auth_user_id',
  'available_balance',
  'created_at',
  'last_faucet_claimed_at',
  'lifetime_claimed',
  'lifetime_spent',
  'updated_at',
  'wallet_address',
  'whitelist_bonus_granted_at',
];
const PART_KEYS = [
  'attr1',
  'attr1_name',
  'attr2',
  'attr2_name',
  'attr3',
  'attr3_name',
  'condition_pct',
  'created_at',
  'id',
  'illustration_alt',
  'illustration_key',
  'illustration_url',
  'is_equipped',
  'is_locked',
  'is_shiny',
  'name',
  'part_value',
  'rarity',
  'rarity_tier_id',
  'section_key',
  'section_name',
  'serial_number',
  'serial_trait',
  'source',
  'total_power',
  'variant_id',
];
const EPIC_BOX_PRICE = 100;
const WHITELIST_BONUS = 25;

let stack: LocalStack;
let inspect: GameplayInspector;
let clock: GameplayRoundClock;
let seller: GameplayPlayer;
let b1: GameplayPlayer;
let b2: GameplayPlayer;
let b3: GameplayPlayer;
let roundId = 0;
let soldPartId = '';
let sellerFaucetKey = '';
const bidIds = new Map<string, number>();

/** Escrow keys are per wallet and amount, so each accepted bid is findable afterwards. */
async function bid(player: GameplayPlayer, amount: number): Promise<BidResult> {
  const key = `round-bid:${player.label}:${amount.toFixed(2)}`;
  const result = await player.rpc<BidResult>('place_auction_bid', {
    p_wallet_address: player.wallet,
    p_round_id: roundId,
    p_amount: amount,
    p_idempotency_key: key,
  });
  bidIds.set(key, result.bid_id);
  return result;
}

function bidId(player: GameplayPlayer, amount: number): number {
  const id = bidIds.get(`round-bid:${player.label}:${amount.toFixed(2)}`);
  if (id === undefined) throw new Error(`no accepted bid of ${player.label} for ${amount}`);
  return id;
}

function bidFailure(player: GameplayPlayer, amount: number) {
  return player.rpcFailure('place_auction_bid', {
    p_wallet_address: player.wallet,
    p_round_id: roundId,
    p_amount: amount,
  });
}

/** The 400 body PostgREST sends for `RAISE EXCEPTION` (contract §1.2). */
const raised = (message: string) => ({ status: 400, error: { code: 'P0001', message, details: null, hint: null } });

beforeAll(async () => {
  stack = await startLocalStack({ port: 0, auction: false });
  inspect = gameplayInspector(stack);
  clock = gameplayRoundClock(stack);
  [seller, b1, b2, b3] = await Promise.all([
    gameplayPlayer(stack, 'seller'),
    gameplayPlayer(stack, 'bidder-1'),
    gameplayPlayer(stack, 'bidder-2'),
    gameplayPlayer(stack, 'bidder-3'),
  ]);
});

afterAll(async () => {
  await stack?.stop();
});

describe('a full auction round over HTTP', () => {
  it('starts a round on the first tick and shows it to a signed-in user', async () => {
    roundId = await clock.startRound();
    const active = await seller.rpc('get_active_auction');
    expect(active).toMatchObject({
      round_id: roundId,
      status: 'accepting_submissions',
      part: null,
      bids: [],
      current_highest_bid: 0,
      bid_count: 0,
    });
  });

  it('syncs a zero balance for a checksummed address and refuses anonymous and foreign callers', async () => {
    const balance = await seller.rpc<Balance>('sync_wallet_flux_balance', { p_wallet_address: seller.account.address });
    expect(Object.keys(balance).sort()).toEqual(BALANCE_KEYS);
    expect(balance).toMatchObject({
      wallet_address: seller.wallet,
      auth_user_id: seller.userId,
      available_balance: 0,
      last_faucet_claimed_at: null,
    });

    const foreign = await b1.rpcFailure('sync_wallet_flux_balance', { p_wallet_address: seller.wallet });
    expect(foreign).toEqual(raised('wallet does not belong to authenticated user'));

    const anon = await fetch(`${stack.url}/rest/v1/rpc/sync_wallet_flux_balance`, {
      method: 'POST',
      headers: { apikey: stack.anonKey, 'content-type': 'application/json' },
      body: JSON.stringify({ p_wallet_address: seller.wallet }),
    });
    expect(anon.status).toBe(401);
    expect(await anon.json()).toMatchObject({
      code: '42501',
      message: 'permission denied for function sync_wallet_flux_balance',
    });
  });

  it('grants the whitelist bonus once to a wallet whose confirmed ETH lock was seeded with the service key', async () => {
    await seedEthLock(createPoolClient(stack), {
      wallet: b3.wallet,
      authUserId: b3.userId,
      chainId: 1,
      toAddress: `0x${'11'.repeat(20)}`,
      amountWei: 10n ** 16n,
      userAgent: 'rocket-sim-acceptance',
    });
    const first = await b3.rpc<Balance>('sync_wallet_flux_balance', {
      p_wallet_address: b3.wallet,
      p_whitelist_bonus_amount: WHITELIST_BONUS,
    });
    expect(first.available_balance).toBe(WHITELIST_BONUS);
    expect(first.whitelist_bonus_granted_at).not.toBeNull();
    const second = await b3.rpc<Balance>('sync_wallet_flux_balance', {
      p_wallet_address: b3.wallet,
      p_whitelist_bonus_amount: WHITELIST_BONUS,
    });
    expect(second.available_balance).toBe(WHITELIST_BONUS);
    // b1 has no lock: the bonus it asks for is ignored
    const unlocked = await b1.rpc<Balance>('sync_wallet_flux_balance', {
      p_wallet_address: b1.wallet,
      p_whitelist_bonus_amount: WHITELIST_BONUS,
    });
    expect(unlocked).toMatchObject({ available_balance: 0, whitelist_bonus_granted_at: null });
  });

  it('claims the faucet with a signed legacy message, then answers 400 cooldown inside the window', async () => {
    const args = await gameplayFaucetClaim(seller, { amount: 1000, windowSeconds: 86_400 });
    sellerFaucetKey = String(args.p_idempotency_key);
    const claim = await seller.rpc<FaucetResult>('record_flux_faucet_claim', args);
    expect(claim).toMatchObject({ wallet_address: seller.wallet, available_balance: 1000, lifetime_claimed: 1000 });
    expect(Number.isSafeInteger(claim.ledger_entry_id)).toBe(true);
    expect(claim.last_faucet_claimed_at).not.toBeNull();

    // the stored message and signature still prove the wallet signed the claim
    const stored = await inspect.ledger(seller.wallet);
    expect(stored).toEqual([
      {
        id: claim.ledger_entry_id,
        wallet: seller.wallet,
        type: 'faucet_claim',
        amount: '1000.000000000000000000',
        reason: null,
        key: sellerFaucetKey,
        round: null,
      },
    ]);
    const signed = await inspect.signedClaim(claim.ledger_entry_id);
    expect(signed.message).toBe(args.p_signed_message);
    expect(
      await verifyMessage({ address: seller.account.address, message: signed.message, signature: signed.signature }),
    ).toBe(true);

    const again = await seller.rpcFailure(
      'record_flux_faucet_claim',
      await gameplayFaucetClaim(seller, { amount: 1000, windowSeconds: 86_400 }),
    );
    expect(again).toEqual(raised('flux faucet claim is still on cooldown'));

    for (const bidder of [b1, b2, b3]) {
      await bidder.rpc(
        'record_flux_faucet_claim',
        await gameplayFaucetClaim(bidder, { amount: 100, windowSeconds: 86_400 }),
      );
    }
    expect((await inspect.balance(b3.wallet)).available).toBe('125.000000000000000000');
  });

  it('opens epic boxes until the balance runs out, then answers 400 insufficient flux balance', async () => {
    let lastSerial = 0;
    for (let i = 1; i <= 1000 / EPIC_BOX_PRICE; i++) {
      const opened = await seller.rpc<Required<BoxResult>>('open_mystery_box', {
        p_wallet_address: seller.wallet,
        p_box_tier_id: 'epic',
        p_idempotency_key: `round-box:${i}`,
      });
      expect(Object.keys(opened).sort()).toEqual(['balance', 'ledger_entry_id', 'part']);
      expect(Object.keys(opened.part).sort()).toEqual(PART_KEYS);
      expect(opened.part).toMatchObject({
        source: 'mystery_box',
        is_locked: false,
        illustration_alt: opened.part.name,
        illustration_key: opened.part.section_key,
      });
      expect(opened.part.rarity_tier_id).toBeGreaterThanOrEqual(3);
      expect(opened.part.total_power).toBe(opened.part.attr1 + opened.part.attr2 + opened.part.attr3);
      expect(opened.part.serial_number).toBeGreaterThan(lastSerial);
      lastSerial = opened.part.serial_number;
      expect(opened.balance.available_balance).toBe(1000 - EPIC_BOX_PRICE * i);
    }
    const broke = await seller.rpcFailure('open_mystery_box', {
      p_wallet_address: seller.wallet,
      p_box_tier_id: 'epic',
      p_idempotency_key: 'round-box:broke',
    });
    expect(broke).toEqual(raised('insufficient flux balance'));
    expect(await inspect.balance(seller.wallet)).toMatchObject({
      available: '0.000000000000000000',
      spent: '1000.000000000000000000',
    });
  });

  it('lists the inventory newest first with 27 keys per part', async () => {
    const inventory = await seller.rpc<(Part & { equipped_section_id: number | null })[]>('get_user_inventory', {
      p_wallet_address: seller.wallet,
    });
    expect(inventory).toHaveLength(10);
    for (const part of inventory)
      expect(Object.keys(part).sort()).toEqual([...PART_KEYS, 'equipped_section_id'].sort());
    const serials = inventory.map((part) => part.serial_number);
    expect(serials).toEqual([...serials].sort((a, b) => b - a));
    expect(await b1.rpc('get_user_inventory', { p_wallet_address: b1.wallet })).toEqual([]);
  });

  it('accepts one submission and answers 400 to a second one in the same round', async () => {
    const inventory = await seller.rpc<Part[]>('get_user_inventory', { p_wallet_address: seller.wallet });
    const [best, other] = [...inventory].sort((a, b) => b.total_power - a.total_power);
    if (!best || !other) throw new Error('the seller has fewer than two parts');
    soldPartId = best.id;
    const submitted = await seller.rpc('submit_auction_item', { p_wallet_address: seller.wallet, p_part_id: best.id });
    expect(submitted).toEqual({
      submission_id: expect.any(Number),
      round_id: roundId,
      part_id: best.id,
      status: 'submitted',
    });
    const second = await seller.rpcFailure('submit_auction_item', {
      p_wallet_address: seller.wallet,
      p_part_id: other.id,
    });
    expect(second).toEqual(raised('already submitted a part for this auction round'));
  });

  it('moves to bidding on the tick after the submission window, selecting the submitted part', async () => {
    const tick = await clock.endSubmissions(roundId);
    expect(tick.transitioned).toEqual([
      { status: 'bidding', round_id: roundId, selected_part_id: soldPartId, selected_by_wallet: seller.wallet },
    ]);
    expect(tick.started).toEqual({ status: 'round_already_active' });
    const active = await b1.rpc('get_active_auction');
    expect(active).toMatchObject({
      round_id: roundId,
      status: 'bidding',
      part: { id: soldPartId, submitted_by: seller.wallet },
      bids: [],
    });
  });

  it('takes bids from several wallets: 5 % minimum, own-item refusal, incremental raise', async () => {
    const first = await bid(b1, 10);
    expect(first).toMatchObject({
      round_id: roundId,
      amount: 10,
      min_next_bid: 10.5,
      balance: { available_balance: 90, lifetime_spent: 10 },
    });

    expect(await bidFailure(b2, 10.49)).toEqual(
      raised('bid must be at least 10.500000000000000000 Flux (current highest + 5%)'),
    );
    expect((await bid(b2, 20)).balance.available_balance).toBe(80);
    expect(await bidFailure(seller, 40)).toEqual(raised('cannot bid on your own submitted item'));

    // b1 raises 10 → 30: only the difference leaves its balance
    const raise = await bid(b1, 30);
    expect(raise).toMatchObject({
      amount: 30,
      min_next_bid: 31.5,
      balance: { available_balance: 70, lifetime_spent: 30 },
    });
    expect((await bid(b3, 31.5)).balance.available_balance).toBe(93.5);
    // 31.5 × 5 % = 1.575 rounds half up to 1.58
    expect(await bidFailure(b2, 33.07)).toEqual(
      raised('bid must be at least 33.080000000000000000 Flux (current highest + 5%)'),
    );

    const active = await b2.rpc<{
      bids: { wallet: string; amount: number }[];
      current_highest_bid: number;
      bid_count: number;
    }>('get_active_auction');
    expect(active.bids.map(({ wallet, amount }) => [wallet, amount])).toEqual([
      [b3.wallet, 31.5],
      [b1.wallet, 30],
      [b2.wallet, 20],
    ]);
    expect(active).toMatchObject({ current_highest_bid: 31.5, bid_count: 3 });
    expect(await inspect.balance(b1.wallet)).toMatchObject({
      available: '70.000000000000000000',
      spent: '30.000000000000000000',
    });
  });

  it('sends the raised error body exactly as PostgREST does', async () => {
    const { data } = await b2.client.auth.getSession();
    const response = await fetch(`${stack.url}/rest/v1/rpc/place_auction_bid`, {
      method: 'POST',
      headers: {
        apikey: stack.anonKey,
        authorization: `Bearer ${data.session?.access_token}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ p_wallet_address: b2.wallet, p_round_id: roundId, p_amount: 1 }),
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await response.json()).toEqual({
      code: 'P0001',
      message: 'bid must be at least 33.080000000000000000 Flux (current highest + 5%)',
      details: null,
      hint: null,
    });
  });

  it('finalizes on the tick after the round ends, moving FLUX exactly as §3.3 says', async () => {
    const tick = await clock.endRound(roundId);
    expect(tick.finalized).toEqual([
      { status: 'completed', round_id: roundId, winner: b3.wallet, final_price: 31.5, part_id: soldPartId },
    ]);
    expect(tick.started).toMatchObject({ status: 'round_started' });

    const win = bidId(b3, 31.5);
    // winner −W, seller +W, losers refunded in full; lifetime_spent is never reduced
    expect(await inspect.balances()).toEqual(
      [
        {
          wallet: seller.wallet,
          available: '31.500000000000000000',
          claimed: '1000.000000000000000000',
          spent: '1000.000000000000000000',
          bonus_granted: false,
        },
        {
          wallet: b1.wallet,
          available: '100.000000000000000000',
          claimed: '100.000000000000000000',
          spent: '30.000000000000000000',
          bonus_granted: false,
        },
        {
          wallet: b2.wallet,
          available: '100.000000000000000000',
          claimed: '100.000000000000000000',
          spent: '20.000000000000000000',
          bonus_granted: false,
        },
        {
          wallet: b3.wallet,
          available: '93.500000000000000000',
          claimed: '100.000000000000000000',
          spent: '31.500000000000000000',
          bonus_granted: true,
        },
      ].sort((a, b) => a.wallet.localeCompare(b.wallet)),
    );

    const rows = async (player: GameplayPlayer) =>
      (await inspect.ledger(player.wallet)).map(({ type, amount, reason, key }) => [type, amount, reason, key]);
    const faucet = (player: GameplayPlayer) => [
      'faucet_claim',
      '100.000000000000000000',
      null,
      expect.stringMatching(`^sim-faucet:${player.wallet}:`),
    ];
    const escrow = (player: GameplayPlayer, amount: number, delta: string) => [
      'adjustment',
      delta,
      'auction_bid_escrow',
      `round-bid:${player.label}:${amount.toFixed(2)}`,
    ];
    const refund = (player: GameplayPlayer, amount: number, value: string) => [
      'adjustment',
      value,
      'auction_bid_refund',
      `finalize_refund:${roundId}:${bidId(player, amount)}`,
    ];
    expect(await rows(b1)).toEqual([
      faucet(b1),
      escrow(b1, 10, '-10.000000000000000000'),
      escrow(b1, 30, '-20.000000000000000000'),
      refund(b1, 30, '30.000000000000000000'),
    ]);
    expect(await rows(b2)).toEqual([
      faucet(b2),
      escrow(b2, 20, '-20.000000000000000000'),
      refund(b2, 20, '20.000000000000000000'),
    ]);
    expect(await rows(b3)).toEqual([
      ['whitelist_bonus', '25.000000000000000000', null, null],
      faucet(b3),
      escrow(b3, 31.5, '-31.500000000000000000'),
    ]);
    expect(await rows(seller)).toEqual([
      ['faucet_claim', '1000.000000000000000000', null, sellerFaucetKey],
      ...Array.from({ length: 10 }, (_, i) => [
        'adjustment',
        '-100.000000000000000000',
        'mystery_box_open',
        `round-box:${i + 1}`,
      ]),
      ['adjustment', '31.500000000000000000', 'auction_sale_proceeds', `finalize_payout:${roundId}:${win}`],
    ]);

    const roundRows = (await inspect.ledger()).filter((row) => row.round === String(roundId));
    expect(roundRows.reduce((cents, row) => cents + Math.round(Number(row.amount) * 100), 0)).toBe(0);

    expect(await inspect.bids(roundId)).toEqual([
      {
        id: bidId(b1, 10),
        wallet: b1.wallet,
        amount: '10.000000000000000000',
        is_refunded: true,
        is_winning: false,
        escrow_ledger_id: expect.any(Number),
        refund_ledger_id: null,
      },
      {
        id: bidId(b2, 20),
        wallet: b2.wallet,
        amount: '20.000000000000000000',
        is_refunded: true,
        is_winning: false,
        escrow_ledger_id: expect.any(Number),
        refund_ledger_id: expect.any(Number),
      },
      {
        id: bidId(b1, 30),
        wallet: b1.wallet,
        amount: '30.000000000000000000',
        is_refunded: true,
        is_winning: false,
        escrow_ledger_id: expect.any(Number),
        refund_ledger_id: expect.any(Number),
      },
      {
        id: win,
        wallet: b3.wallet,
        amount: '31.500000000000000000',
        is_refunded: false,
        is_winning: true,
        escrow_ledger_id: expect.any(Number),
        refund_ledger_id: null,
      },
    ]);
    expect(await inspect.round(roundId)).toMatchObject({
      status: 'completed',
      winning_bid_id: win,
      final_price: '31.500000000000000000',
      winner_wallet: b3.wallet,
    });
  });

  it('transfers the part to the winner and unlocks the seller’s remaining parts', async () => {
    expect(await inspect.part(soldPartId)).toEqual({
      id: soldPartId,
      wallet_address: b3.wallet,
      auth_user_id: b3.userId,
      source: 'auction_win',
      source_ref: String(roundId),
      is_locked: false,
    });
    const won = await b3.rpc<Part[]>('get_user_inventory', { p_wallet_address: b3.wallet });
    expect(won.map(({ id, source, is_locked }) => ({ id, source, is_locked }))).toEqual([
      { id: soldPartId, source: 'auction_win', is_locked: false },
    ]);
    const left = await seller.rpc<Part[]>('get_user_inventory', { p_wallet_address: seller.wallet });
    expect(left).toHaveLength(9);
    expect(left.some((part) => part.id === soldPartId || part.is_locked)).toBe(false);
  });

  it('leaves the ledger reconciled: no drift in flux_ledger_reconciliation or run_flux_reconciliation', async () => {
    expect(await inspect.drift()).toEqual([]);
    expect(await inspect.reconcile()).toMatchObject({ total_wallets: 4, wallets_with_drift: 0, max_absolute_drift: 0 });
  });
});
