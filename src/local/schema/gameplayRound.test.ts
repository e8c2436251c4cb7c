/** @module One full auction round through the reference backend, checked against the contract's money flow (§3.3). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/index.ts';
import {
  callRpc,
  callRpcText,
  createWeb3User,
  dbErrorOf,
  expireRoundPhase,
  faucetClaimArgs,
  openSchemaDatabase,
  userCaller,
  type BidResult,
  type BoxResult,
  type FaucetResult,
  type Part,
  type Web3User,
} from '../../../test/support/schema/index.ts';

const SERVICE = { role: 'service_role' } as const;

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

let db: Db;
let seller: Web3User;
let b1: Web3User;
let b2: Web3User;
let b3: Web3User;
let roundId = 0;
let soldPartId = '';
const boxKeyByPart = new Map<string, string>();
const bidIds: Record<string, number> = {};

async function balanceText(wallet: string): Promise<{ available: string; spent: string; claimed: string }> {
  const rows = await db.query<{ available: string; spent: string; claimed: string }>(
    `select available_balance::text as available, lifetime_spent::text as spent, lifetime_claimed::text as claimed
       from public.wallet_flux_balances where wallet_address = $1`,
    [wallet],
  );
  return rows[0] ?? { available: 'missing', spent: 'missing', claimed: 'missing' };
}

async function roundLedger(wallet: string): Promise<{ amount: string; reason: string | null; key: string | null }[]> {
  return db.query(
    `select amount_flux::text as amount, payload->>'reason' as reason, idempotency_key as key
       from public.flux_ledger_entries
      where wallet_address = $1 and payload->>'reason' like 'auction%'
      order by id`,
    [wallet],
  );
}

async function ledgerCount(): Promise<number> {
  const rows = await db.query<{ n: number }>('select count(*)::int as n from public.flux_ledger_entries');
  return rows[0]?.n ?? -1;
}

async function bid(user: Web3User, amount: string, key: string): Promise<BidResult> {
  const result = await callRpc<BidResult>(db, userCaller(user), 'place_auction_bid', {
    p_wallet_address: user.wallet,
    p_round_id: roundId,
    p_amount: amount,
    p_idempotency_key: key,
  });
  bidIds[key] = result.bid_id;
  return result;
}

beforeAll(async () => {
  db = await openSchemaDatabase();
  seller = await createWeb3User(db, 'round-seller');
  b1 = await createWeb3User(db, 'round-bidder-1');
  b2 = await createWeb3User(db, 'round-bidder-2');
  b3 = await createWeb3User(db, 'round-bidder-3');
});

afterAll(async () => {
  await db.close();
});

describe('a full auction round', () => {
  it('starts a round on the first tick', async () => {
    const tick = await callRpc<{
      status: string;
      transitioned: unknown[];
      finalized: unknown[];
      started: { status: string; round_id: number };
    }>(db, SERVICE, 'run_auction_tick');
    expect(tick).toMatchObject({ status: 'ok', transitioned: [], finalized: [], started: { status: 'round_started' } });
    roundId = tick.started.round_id;
    const active = await callRpc(db, userCaller(seller), 'get_active_auction');
    expect(active).toMatchObject({
      round_id: roundId,
      status: 'accepting_submissions',
      part: null,
      bids: [],
      current_highest_bid: 0,
      bid_count: 0,
    });
  });

  it('syncs a balance row for a mixed-case address and returns the 9-key balance object with 18-dp numbers', async () => {
    const text = await callRpcText(db, userCaller(seller), 'sync_wallet_flux_balance', {
      p_wallet_address: seller.checksummed,
      p_client_timestamp: new Date(0).toISOString(),
      p_user_agent: 'rocket-sim-test',
    });
    expect(text).toContain('"available_balance": 0.000000000000000000');
    const balance = JSON.parse(text) as Record<string, unknown>;
    expect(Object.keys(balance).sort()).toEqual(BALANCE_KEYS);
    expect(balance).toMatchObject({
      wallet_address: seller.wallet,
      auth_user_id: seller.id,
      last_faucet_claimed_at: null,
    });
  });

  it('claims the faucet, then refuses a second claim inside the caller-chosen window', async () => {
    const claim = await callRpc<FaucetResult>(
      db,
      userCaller(seller),
      'record_flux_faucet_claim',
      faucetClaimArgs(seller.wallet, 1000, 86400, { p_idempotency_key: 'round-faucet-seller' }),
    );
    expect(claim.available_balance).toBe(1000);
    expect(Number.isInteger(claim.ledger_entry_id)).toBe(true);
    const again = await dbErrorOf(
      callRpc(db, userCaller(seller), 'record_flux_faucet_claim', faucetClaimArgs(seller.wallet, 1000, 86400)),
    );
    expect(again).toEqual({ code: 'P0001', message: 'flux faucet claim is still on cooldown' });

    for (const [user, amount] of [
      [b1, 100],
      [b2, 100],
      [b3, 100],
    ] as const) {
      await callRpc(db, userCaller(user), 'record_flux_faucet_claim', faucetClaimArgs(user.wallet, amount, 86400));
    }
    expect((await balanceText(b1.wallet)).available).toBe('100.000000000000000000');
  });

  it('opens epic boxes until the balance runs out, each a well-formed rare-or-better part', async () => {
    let opened = 0;
    let lastSerial = 0;
    let failure: { code: string; message: string } | undefined;
    for (let i = 0; i < 12 && !failure; i++) {
      const key = `round-box-${i}`;
      try {
        const result = await callRpc<BoxResult>(db, userCaller(seller), 'open_mystery_box', {
          p_wallet_address: seller.wallet,
          p_box_tier_id: ' Epic ',
          p_idempotency_key: key,
        });
        const part = result.part;
        if (!part) throw new Error('open_mystery_box returned no part');
        expect(Object.keys(part).sort()).toEqual(PART_KEYS);
        expect(part.rarity_tier_id).toBeGreaterThanOrEqual(3);
        expect(part.rarity_tier_id).toBeLessThanOrEqual(6);
        expect(part.total_power).toBe(part.attr1 + part.attr2 + part.attr3);
        expect(part).toMatchObject({
          source: 'mystery_box',
          is_locked: false,
          is_equipped: false,
          illustration_alt: part.name,
        });
        expect(part.illustration_key).toBe(part.section_key);
        expect(part.serial_number).toBeGreaterThan(lastSerial);
        lastSerial = part.serial_number;
        expect(result.balance.available_balance).toBe(1000 - 100 * (i + 1));
        boxKeyByPart.set(part.id, key);
        opened += 1;
      } catch (error) {
        failure = await dbErrorOf(Promise.reject(error));
      }
    }
    expect(opened).toBe(10);
    expect(failure).toEqual({ code: 'P0001', message: 'insufficient flux balance' });
    const ledger = await db.query<{ n: number; source_refs: number }>(
      `select count(*)::int as n,
              count(*) filter (where exists (select 1 from public.inventory_parts p
                                              where p.source = 'mystery_box' and p.source_ref = l.id::text))::int as source_refs
         from public.flux_ledger_entries l
        where l.wallet_address = $1 and l.payload->>'reason' = 'mystery_box_open'`,
      [seller.wallet],
    );
    expect(ledger[0]).toEqual({ n: 10, source_refs: 10 });
  });

  it('replays a box key without charging or minting again', async () => {
    const [partId, key] = [...boxKeyByPart.entries()][0] ?? ['', ''];
    const before = await ledgerCount();
    const replay = await callRpc<BoxResult>(db, userCaller(seller), 'open_mystery_box', {
      p_wallet_address: seller.wallet,
      p_box_tier_id: 'quantum',
      p_idempotency_key: key,
    });
    expect(replay.part?.id).toBe(partId);
    expect(replay.balance.available_balance).toBe(0);
    expect(await ledgerCount()).toBe(before);
  });

  it('lists the inventory newest first with 27 keys per part', async () => {
    const inventory = await callRpc<(Part & { equipped_section_id: number | null })[]>(
      db,
      userCaller(seller),
      'get_user_inventory',
      {
        p_wallet_address: seller.wallet,
      },
    );
    expect(inventory).toHaveLength(10);
    for (const part of inventory) {
      expect(Object.keys(part).sort()).toEqual([...PART_KEYS, 'equipped_section_id'].sort());
    }
    expect(inventory.map((part) => part.serial_number)).toEqual(
      [...inventory.map((part) => part.serial_number)].sort((a, b) => b - a),
    );
  });

  it('accepts one submission per wallet and round', async () => {
    const inventory = await callRpc<Part[]>(db, userCaller(seller), 'get_user_inventory', {
      p_wallet_address: seller.wallet,
    });
    const ranked = [...inventory].sort((a, b) => b.total_power - a.total_power || b.rarity_tier_id - a.rarity_tier_id);
    const best = ranked[0];
    const next = ranked[1];
    if (!best || !next) throw new Error('seller has too few parts');
    soldPartId = best.id;
    const submitted = await callRpc(db, userCaller(seller), 'submit_auction_item', {
      p_wallet_address: seller.wallet,
      p_part_id: best.id,
    });
    expect(submitted).toEqual({
      submission_id: expect.any(Number),
      round_id: roundId,
      part_id: best.id,
      status: 'submitted',
    });
    const second = await dbErrorOf(
      callRpc(db, userCaller(seller), 'submit_auction_item', { p_wallet_address: seller.wallet, p_part_id: next.id }),
    );
    expect(second).toEqual({ code: 'P0001', message: 'already submitted a part for this auction round' });

    // b1 submits a weaker Rare part (power 108 < any epic-box part's 138): it must be unlocked at transition
    const weak = await db.query<{ id: string }>(
      `insert into public.inventory_parts (wallet_address, auth_user_id, variant_id, rarity_tier_id, attr1, attr2, attr3, part_value, total_power, source)
       values ($1, $2, 9, 3, 36, 36, 36, 172.80, 108, 'admin') returning id::text as id`,
      [b1.wallet, b1.id],
    );
    const weakId = weak[0]?.id ?? '';
    await callRpc(db, userCaller(b1), 'submit_auction_item', { p_wallet_address: b1.wallet, p_part_id: weakId });
    const locked = await db.query<{ n: number }>(
      'select count(*)::int as n from public.inventory_parts where is_locked',
    );
    expect(locked[0]?.n).toBe(2);
  });

  it('transitions to bidding on the tick after the submission window, selecting the most powerful part', async () => {
    await expireRoundPhase(db, roundId, 'submissions');
    const tick = await callRpc<{ transitioned: unknown[]; started: { status: string } }>(
      db,
      SERVICE,
      'run_auction_tick',
    );
    expect(tick.transitioned).toEqual([
      { status: 'bidding', round_id: roundId, selected_part_id: soldPartId, selected_by_wallet: seller.wallet },
    ]);
    expect(tick.started).toEqual({ status: 'round_already_active' });
    const locked = await db.query<{ id: string }>('select id::text as id from public.inventory_parts where is_locked');
    expect(locked).toEqual([{ id: soldPartId }]);
    const active = await callRpc<{ status: string; part: Record<string, unknown> }>(
      db,
      userCaller(b1),
      'get_active_auction',
    );
    expect(active.status).toBe('bidding');
    expect(Object.keys(active.part).sort()).toEqual([
      'attr1',
      'attr1_name',
      'attr2',
      'attr2_name',
      'attr3',
      'attr3_name',
      'id',
      'is_shiny',
      'name',
      'part_value',
      'rarity',
      'rarity_tier_id',
      'section_name',
      'serial_number',
      'submitted_by',
      'total_power',
    ]);
    expect(active.part).toMatchObject({ id: soldPartId, submitted_by: seller.wallet });
  });

  it('takes incremental bids and enforces the 5 % minimum and the own-item rule', async () => {
    const first = await bid(b1, '10', 'round-bid-b1-a');
    expect(first).toMatchObject({ round_id: roundId, amount: 10, min_next_bid: 10.5 });
    expect(first.balance.available_balance).toBe(90);

    const low = await dbErrorOf(bid(b2, '10.49', 'round-bid-b2-low'));
    expect(low).toEqual({
      code: 'P0001',
      message: 'bid must be at least 10.500000000000000000 Flux (current highest + 5%)',
    });

    expect((await bid(b2, '20', 'round-bid-b2')).balance.available_balance).toBe(80);
    expect((await bid(b1, '30', 'round-bid-b1-b')).balance.available_balance).toBe(70);
    expect((await bid(b3, '31.5', 'round-bid-b3')).balance.available_balance).toBe(68.5);

    const own = await dbErrorOf(bid(seller, '40', 'round-bid-seller'));
    expect(own).toEqual({ code: 'P0001', message: 'cannot bid on your own submitted item' });

    const active = await callRpc<{
      bids: { wallet: string; amount: number }[];
      current_highest_bid: number;
      bid_count: number;
    }>(db, userCaller(b2), 'get_active_auction');
    expect(active.bids.map((entry) => [entry.wallet, entry.amount])).toEqual([
      [b3.wallet, 31.5],
      [b1.wallet, 30],
      [b2.wallet, 20],
    ]);
    expect(active).toMatchObject({ current_highest_bid: 31.5, bid_count: 3 });
  });

  it('replays a bid key echoing the request and moving no money', async () => {
    const before = await ledgerCount();
    const replay = await callRpc<BidResult>(db, userCaller(b2), 'place_auction_bid', {
      p_wallet_address: b2.wallet,
      p_round_id: roundId,
      p_amount: '50',
      p_idempotency_key: 'round-bid-b2',
    });
    expect(replay).toMatchObject({ bid_id: bidIds['round-bid-b2'], round_id: roundId, amount: 50, min_next_bid: 52.5 });
    expect(replay.balance.available_balance).toBe(80);
    expect(await ledgerCount()).toBe(before);
  });

  it('finalizes on the tick after the round ends: refunds losers, pays the seller, transfers the part', async () => {
    await expireRoundPhase(db, roundId, 'round');
    const tick = await callRpc<{ finalized: unknown[]; started: { status: string } }>(db, SERVICE, 'run_auction_tick');
    expect(tick.finalized).toEqual([
      { status: 'completed', round_id: roundId, winner: b3.wallet, final_price: 31.5, part_id: soldPartId },
    ]);
    expect(tick.started.status).toBe('round_started');

    const winBid = bidIds['round-bid-b3'];
    expect(await balanceText(seller.wallet)).toEqual({
      available: '31.500000000000000000',
      spent: '1000.000000000000000000',
      claimed: '1000.000000000000000000',
    });
    expect(await balanceText(b1.wallet)).toEqual({
      available: '100.000000000000000000',
      spent: '30.000000000000000000',
      claimed: '100.000000000000000000',
    });
    expect(await balanceText(b2.wallet)).toEqual({
      available: '100.000000000000000000',
      spent: '20.000000000000000000',
      claimed: '100.000000000000000000',
    });
    expect(await balanceText(b3.wallet)).toEqual({
      available: '68.500000000000000000',
      spent: '31.500000000000000000',
      claimed: '100.000000000000000000',
    });

    expect(await roundLedger(seller.wallet)).toEqual([
      { amount: '31.500000000000000000', reason: 'auction_sale_proceeds', key: `finalize_payout:${roundId}:${winBid}` },
    ]);
    expect(await roundLedger(b1.wallet)).toEqual([
      { amount: '-10.000000000000000000', reason: 'auction_bid_escrow', key: 'round-bid-b1-a' },
      { amount: '-20.000000000000000000', reason: 'auction_bid_escrow', key: 'round-bid-b1-b' },
      {
        amount: '30.000000000000000000',
        reason: 'auction_bid_refund',
        key: `finalize_refund:${roundId}:${bidIds['round-bid-b1-b']}`,
      },
    ]);
    expect(await roundLedger(b2.wallet)).toEqual([
      { amount: '-20.000000000000000000', reason: 'auction_bid_escrow', key: 'round-bid-b2' },
      {
        amount: '20.000000000000000000',
        reason: 'auction_bid_refund',
        key: `finalize_refund:${roundId}:${bidIds['round-bid-b2']}`,
      },
    ]);
    expect(await roundLedger(b3.wallet)).toEqual([
      { amount: '-31.500000000000000000', reason: 'auction_bid_escrow', key: 'round-bid-b3' },
    ]);

    const bids = await db.query<{ id: number; is_winning: boolean; is_refunded: boolean; refunded_by_ledger: boolean }>(
      `select id::int as id, is_winning, is_refunded, refund_ledger_id is not null as refunded_by_ledger
         from public.auction_bids where round_id = $1 order by id`,
      [roundId],
    );
    expect(bids).toEqual([
      { id: bidIds['round-bid-b1-a'], is_winning: false, is_refunded: true, refunded_by_ledger: false },
      { id: bidIds['round-bid-b2'], is_winning: false, is_refunded: true, refunded_by_ledger: true },
      { id: bidIds['round-bid-b1-b'], is_winning: false, is_refunded: true, refunded_by_ledger: true },
      { id: winBid, is_winning: true, is_refunded: false, refunded_by_ledger: false },
    ]);

    const part = await db.query(
      `select wallet_address, auth_user_id::text as auth_user_id, source, source_ref, is_locked
         from public.inventory_parts where id = $1`,
      [soldPartId],
    );
    expect(part).toEqual([
      {
        wallet_address: b3.wallet,
        auth_user_id: b3.id,
        source: 'auction_win',
        source_ref: String(roundId),
        is_locked: false,
      },
    ]);
    const round = await db.query(
      `select status, winning_bid_id::int as winning_bid_id, final_price::text as final_price, winner_wallet
         from public.auction_rounds where id = $1`,
      [roundId],
    );
    expect(round).toEqual([
      { status: 'completed', winning_bid_id: winBid, final_price: '31.500000000000000000', winner_wallet: b3.wallet },
    ]);
    const roundSum = await db.query<{ total: string }>(
      `select sum(amount_flux)::text as total from public.flux_ledger_entries
        where (payload->'context'->>'round_id')::bigint = $1`,
      [roundId],
    );
    expect(Number(roundSum[0]?.total)).toBe(0);
  });

  it('leaves the ledger reconciled and the scheduler healthy', async () => {
    const drift = await db.query('select wallet_address from public.flux_ledger_reconciliation where has_drift');
    expect(drift).toEqual([]);
    const health = await db.query<Record<string, number>>(
      `select active_rounds::int, overdue_rounds::int, stuck_finalizing::int, completed_rounds::int, wallets_with_drift::int
         from public.auction_scheduler_health`,
    );
    expect(health).toEqual([
      { active_rounds: 1, overdue_rounds: 0, stuck_finalizing: 0, completed_rounds: 1, wallets_with_drift: 0 },
    ]);
    const diagnostics = await db.query(
      `select health, submission_count::int, selected_count::int, active_bid_count::int, refunded_bid_count::int,
              highest_active_bid::text
         from public.auction_round_diagnostics where round_id = $1`,
      [roundId],
    );
    expect(diagnostics).toEqual([
      {
        health: 'completed',
        submission_count: 2,
        selected_count: 1,
        active_bid_count: 1,
        refunded_bid_count: 3,
        highest_active_bid: '31.500000000000000000',
      },
    ]);
    const run = await callRpc<{ total_wallets: number; wallets_with_drift: number; max_absolute_drift: number }>(
      db,
      SERVICE,
      'run_flux_reconciliation',
    );
    expect(run).toMatchObject({ total_wallets: 4, wallets_with_drift: 0, max_absolute_drift: 0 });
  });

  it('shows the won part in the buyer inventory and replays the sold box key without a part', async () => {
    const inventory = await callRpc<Part[]>(db, userCaller(b3), 'get_user_inventory', { p_wallet_address: b3.wallet });
    expect(inventory.map((part) => [part.id, part.source])).toEqual([[soldPartId, 'auction_win']]);
    const replay = await callRpc<BoxResult>(db, userCaller(seller), 'open_mystery_box', {
      p_wallet_address: seller.wallet,
      p_box_tier_id: 'epic',
      p_idempotency_key: boxKeyByPart.get(soldPartId),
    });
    expect(Object.keys(replay).sort()).toEqual(['balance', 'ledger_entry_id']);
    expect(replay.balance.available_balance).toBe(31.5);
  });
});

describe('faucet idempotency', () => {
  it('returns the original ledger row for a reused key, unvalidated and from any wallet, without paying twice', async () => {
    const other = await createWeb3User(db, 'replay-other');
    const first = await callRpc<FaucetResult>(
      db,
      userCaller(b2),
      'record_flux_faucet_claim',
      faucetClaimArgs(b2.wallet, 5, 0, { p_idempotency_key: 'replay-faucet' }),
    );
    const before = await ledgerCount();
    const replay = await callRpc<FaucetResult>(
      db,
      userCaller(other),
      'record_flux_faucet_claim',
      faucetClaimArgs(other.wallet, -1, -1, { p_idempotency_key: 'replay-faucet' }),
    );
    expect(replay).toEqual(first);
    expect(replay.wallet_address).toBe(b2.wallet);
    expect(await ledgerCount()).toBe(before);
  });
});
