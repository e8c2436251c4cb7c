/**
 * @module Concurrency of the reference backend on a real PostgreSQL server (skipped without DATABASE_URL):
 * 50 wallets bidding at once, same-key races, the tick lock, the global heartbeat row.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresDb, createScratchDatabase, isDbError, type Db, type ScratchDatabase } from '../db/index.ts';
import {
  callRpc,
  callRpcTextIn,
  createWeb3User,
  dbErrorOf,
  expireRoundPhase,
  faucetClaimArgs,
  openSchemaDatabase,
  userCaller,
  withRole,
  type Web3User,
} from '../../../test/support/schema/index.ts';

// Test-only: the PostgreSQL server to create a scratch database on.
const serverUrl = process.env.DATABASE_URL;
const BIDDERS = 50;
const ATTEMPTS = 3;
const SERVICE = { role: 'service_role' } as const;
const BENIGN = ['bid must be at least', 'insufficient flux balance', 'new bid must exceed your previous bid'];

let scratch: ScratchDatabase;
let db: Db;
let wide: Db;

/** Polls until at least `count` backends of this database wait on a lock (bounded: 5 s). */
async function waitForLockWaiter(count = 1): Promise<boolean> {
  for (let i = 0; i < 250; i++) {
    const rows = await db.query<{ n: number }>(
      `select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`,
    );
    if ((rows[0]?.n ?? 0) >= count) return true;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return false;
}

/** Cents of a 2-decimal FLUX amount given as text. */
const cents = (amount: string): number => Math.round(Number(amount) * 100);

describe.skipIf(!serverUrl)('reference backend on PostgreSQL', () => {
  beforeAll(async () => {
    scratch = await createScratchDatabase(serverUrl ?? '', 'schema');
    db = await openSchemaDatabase({ databaseUrl: scratch.url });
    wide = await createPostgresDb(scratch.url, { max: BIDDERS });
  });

  afterAll(async () => {
    await wide?.close();
    await db?.close();
    await scratch?.drop();
  });

  it('keeps 50 concurrent bidders consistent: no negative balance, one live bid each, every bid above the minimum', async () => {
    const seller = await createWeb3User(db, 'conc-seller');
    await callRpc(db, userCaller(seller), 'sync_wallet_flux_balance', { p_wallet_address: seller.wallet });
    const part = await db.query<{ id: string }>(
      `insert into public.inventory_parts (wallet_address, auth_user_id, variant_id, rarity_tier_id, attr1, attr2, attr3, part_value, total_power, source)
       values ($1, $2, 33, 5, 80, 80, 80, 600, 240, 'admin') returning id::text as id`,
      [seller.wallet, seller.id],
    );
    const bidders: Web3User[] = [];
    for (let i = 0; i < BIDDERS; i++) {
      const bidder = await createWeb3User(db, `conc-bidder-${i}`);
      // small balances so some bidders run out mid-auction
      await callRpc(
        db,
        userCaller(bidder),
        'record_flux_faucet_claim',
        faucetClaimArgs(bidder.wallet, 20 + (i % 10) * 8, 0),
      );
      bidders.push(bidder);
    }
    const roundId = (await callRpc<{ started: { round_id: number } }>(db, SERVICE, 'run_auction_tick')).started
      .round_id;
    await callRpc(db, userCaller(seller), 'submit_auction_item', {
      p_wallet_address: seller.wallet,
      p_part_id: part[0]?.id,
    });
    await expireRoundPhase(db, roundId, 'submissions');
    await callRpc(db, SERVICE, 'run_auction_tick');

    const unexpected: string[] = [];
    let accepted = 0;
    let rejected = 0;
    await Promise.all(
      bidders.map(async (bidder, index) => {
        for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
          const active = await callRpc<{ current_highest_bid: number }>(wide, userCaller(bidder), 'get_active_auction');
          const highest = active.current_highest_bid;
          const minimum = highest <= 0 ? 1 : Math.max(1, Math.round(highest * 105) / 100);
          const markup = 0.05 + ((index * 7 + attempt * 13) % 30) / 100;
          const amount = (Math.round(minimum * (1 + markup) * 100) / 100).toFixed(2);
          try {
            await callRpc(wide, userCaller(bidder), 'place_auction_bid', {
              p_wallet_address: bidder.wallet,
              p_round_id: roundId,
              p_amount: amount,
              p_idempotency_key: `conc-bid:${bidder.wallet}:${roundId}:${attempt}:${amount}`,
            });
            accepted += 1;
          } catch (error) {
            const message = isDbError(error) ? error.message : String(error);
            if (BENIGN.some((benign) => message.includes(benign))) rejected += 1;
            else unexpected.push(message);
          }
        }
      }),
    );
    expect(unexpected).toEqual([]);
    // racing bidders mostly lose to a concurrent higher bid; some always get through
    expect(accepted).toBeGreaterThanOrEqual(ATTEMPTS);
    expect(rejected).toBeGreaterThan(0);

    const negative = await db.query(
      'select wallet_address from public.wallet_flux_balances where available_balance < 0',
    );
    expect(negative).toEqual([]);
    const doubled = await db.query(
      `select wallet_address from public.auction_bids where round_id = $1 and not is_refunded group by wallet_address having count(*) > 1`,
      [roundId],
    );
    expect(doubled).toEqual([]);
    const bids = await db.query<{ amount: string }>(
      `select amount::text as amount from public.auction_bids where round_id = $1 order by id`,
      [roundId],
    );
    expect(bids).toHaveLength(accepted);
    let highest = 0;
    for (const bid of bids) {
      const amount = cents(bid.amount);
      const minimum = highest > 0 ? highest + Math.floor((highest * 5 + 50) / 100) : 100;
      expect(amount, `bid of ${bid.amount} after a highest of ${highest / 100}`).toBeGreaterThanOrEqual(minimum);
      highest = Math.max(highest, amount);
    }
    const escrow = await db.query(
      `select b.wallet_address
         from public.auction_bids b
         left join (select wallet_address, -sum(amount_flux) as escrowed from public.flux_ledger_entries
                     where payload->>'reason' = 'auction_bid_escrow' and (payload->'context'->>'round_id')::bigint = $1
                     group by wallet_address) e on e.wallet_address = b.wallet_address
        where b.round_id = $1 and not b.is_refunded and e.escrowed is distinct from b.amount`,
      [roundId],
    );
    expect(escrow).toEqual([]);

    await expireRoundPhase(db, roundId, 'round');
    const tick = await callRpc<{ finalized: { status: string; final_price: number }[] }>(
      db,
      SERVICE,
      'run_auction_tick',
    );
    expect(tick.finalized).toMatchObject([{ status: 'completed', final_price: highest / 100 }]);
    const drift = await db.query('select wallet_address from public.flux_ledger_reconciliation where has_drift');
    expect(drift).toEqual([]);
    const roundSum = await db.query<{ total: string }>(
      `select coalesce(sum(amount_flux), 0)::text as total from public.flux_ledger_entries where (payload->'context'->>'round_id')::bigint = $1`,
      [roundId],
    );
    expect(Number(roundSum[0]?.total)).toBe(0);
    const run = await callRpc<{ wallets_with_drift: number; total_wallets: number }>(
      db,
      SERVICE,
      'run_flux_reconciliation',
    );
    expect(run).toMatchObject({ wallets_with_drift: 0, total_wallets: BIDDERS + 1 });
  });

  it('lets the second of two concurrent calls with one idempotency key fail with 23505', async () => {
    const user = await createWeb3User(db, 'conc-same-key');
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const args = (nonce: string) =>
      faucetClaimArgs(user.wallet, 1, 0, { p_idempotency_key: 'conc-same-key', p_message_nonce: nonce });
    const first = withRole(db, userCaller(user), async (tx) => {
      await callRpcTextIn(tx, 'record_flux_faucet_claim', args('conc-nonce-1'));
      await gate;
    });
    // give the first call time to hold its locks before the second starts
    await waitUntilHolding('conc-same-key');
    const second = dbErrorOf(callRpc(db, userCaller(user), 'record_flux_faucet_claim', args('conc-nonce-2')));
    expect(await waitForLockWaiter()).toBe(true);
    release();
    await first;
    expect(await second).toEqual({
      code: '23505',
      message: 'duplicate key value violates unique constraint "flux_ledger_entries_idempotency_key_idx"',
    });
  });

  it('answers busy while another session holds the tick lock', async () => {
    const result = await db.transaction(async (tx) => {
      await tx.query('select pg_advisory_xact_lock(628314, 1700)');
      return callRpc(db, SERVICE, 'run_auction_tick');
    });
    expect(result).toEqual({ status: 'busy', transitioned: [], finalized: [], started: null });
  });

  it('finalizes without deadlocking against a losing bidder whose sync queues behind it on the heartbeat row', async () => {
    const seller = await createWeb3User(db, 'deadlock-seller');
    const loser = await createWeb3User(db, 'deadlock-loser');
    const winner = await createWeb3User(db, 'deadlock-winner');
    const blocker = await createWeb3User(db, 'deadlock-blocker');
    for (const user of [loser, winner]) {
      await callRpc(db, userCaller(user), 'record_flux_faucet_claim', faucetClaimArgs(user.wallet, 50, 0));
    }
    await callRpc(db, userCaller(seller), 'sync_wallet_flux_balance', { p_wallet_address: seller.wallet });
    const part = await db.query<{ id: string }>(
      `insert into public.inventory_parts (wallet_address, auth_user_id, variant_id, rarity_tier_id, attr1, attr2, attr3, part_value, total_power, source)
       values ($1, $2, 40, 3, 40, 40, 40, 192, 120, 'admin') returning id::text as id`,
      [seller.wallet, seller.id],
    );
    await db.query(
      `update public.auction_rounds set status = 'completed' where status in ('accepting_submissions', 'bidding')`,
    );
    const roundId = (await callRpc<{ round_id: number }>(db, SERVICE, 'start_auction_round')).round_id;
    await callRpc(db, userCaller(seller), 'submit_auction_item', {
      p_wallet_address: seller.wallet,
      p_part_id: part[0]?.id,
    });
    await expireRoundPhase(db, roundId, 'submissions');
    await callRpc(db, SERVICE, 'run_auction_tick');
    await callRpc(db, userCaller(loser), 'place_auction_bid', {
      p_wallet_address: loser.wallet,
      p_round_id: roundId,
      p_amount: '5',
    });
    await callRpc(db, userCaller(winner), 'place_auction_bid', {
      p_wallet_address: winner.wallet,
      p_round_id: roundId,
      p_amount: '6',
    });
    await expireRoundPhase(db, roundId, 'round');

    // hold the heartbeat row, queue the finalizing tick first, then the loser's sync behind it
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const holding = withRole(db, userCaller(blocker), async (tx) => {
      await callRpcTextIn(tx, 'sync_wallet_flux_balance', { p_wallet_address: blocker.wallet });
      await gate;
    });
    await waitUntilHolding(blocker.wallet);
    const tick = callRpc<{ finalized: { status: string }[] }>(db, SERVICE, 'run_auction_tick');
    expect(await waitForLockWaiter(1)).toBe(true);
    const sync = callRpc<{ available_balance: number }>(db, userCaller(loser), 'sync_wallet_flux_balance', {
      p_wallet_address: loser.wallet,
    });
    expect(await waitForLockWaiter(2)).toBe(true);
    release();
    await holding;
    const [ticked, synced] = await Promise.all([tick, sync]);
    expect(ticked.finalized).toMatchObject([{ status: 'completed' }]);
    expect(synced.available_balance).toBeGreaterThanOrEqual(45);
    const balance = await db.query(
      'select available_balance::text as available from public.wallet_flux_balances where wallet_address = $1',
      [loser.wallet],
    );
    expect(balance).toEqual([{ available: '50.000000000000000000' }]);
  });

  it('serializes writes of different wallets on the jackpot heartbeat row', async () => {
    const first = await createWeb3User(db, 'conc-heartbeat-1');
    const second = await createWeb3User(db, 'conc-heartbeat-2');
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const holding = withRole(db, userCaller(first), async (tx) => {
      await callRpcTextIn(tx, 'sync_wallet_flux_balance', { p_wallet_address: first.wallet });
      await gate;
    });
    await waitUntilHolding(first.wallet);
    let finished = false;
    const waiting = callRpc(db, userCaller(second), 'sync_wallet_flux_balance', {
      p_wallet_address: second.wallet,
    }).then(() => {
      finished = true;
    });
    expect(await waitForLockWaiter()).toBe(true);
    expect(finished).toBe(false);
    release();
    await holding;
    await waiting;
    expect(finished).toBe(true);
  });
});

/** Polls until an open transaction has written the jackpot row (its ledger/balance write is done; bounded: 5 s). */
async function waitUntilHolding(label: string): Promise<void> {
  for (let i = 0; i < 250; i++) {
    const rows = await db.query<{ n: number }>(
      `select count(*)::int as n from pg_stat_activity
        where datname = current_database() and state = 'idle in transaction' and backend_xid is not null`,
    );
    if ((rows[0]?.n ?? 0) > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`no open writing transaction appeared for ${label}`);
}
