/** @module Every error text of the contract (§1.4, §1.5, §2, §3) produced by the reference backend, table-driven. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/index.ts';
import {
  callRpc,
  callRpcTextIn,
  createWeb3User,
  dbErrorOf,
  faucetClaimArgs,
  openSchemaDatabase,
  userCaller,
  type Caller,
  type Web3User,
} from '../../../test/support/schema/index.ts';

const SERVICE: Caller = { role: 'service_role' };
const TX_HASH = `0x${'1f'.repeat(32)}`;

interface Row {
  /** the exact message (SQLSTATE P0001 unless `code` says otherwise) */
  message: string;
  code?: string;
  caller: () => Caller;
  fn: string;
  args: () => Record<string, unknown>;
  /** superuser SQL run first in the same (rolled back) transaction */
  setup?: () => string;
}

let db: Db;
let alice: Web3User;
let bob: Web3User;
let carol: Web3User;
let acceptingRoundId = 0;
let biddingRoundId = 0;
const parts: Record<'common' | 'rare' | 'equipped' | 'locked' | 'submitted' | 'carol', string> = {
  common: '',
  rare: '',
  equipped: '',
  locked: '',
  submitted: '',
  carol: '',
};
const aliceNonce = '11111111-1111-4111-8111-111111111111';

async function insertPart(
  owner: Web3User,
  rarity: number,
  extra: { equipped?: boolean; locked?: boolean } = {},
): Promise<string> {
  const rows = await db.query<{ id: string }>(
    `insert into public.inventory_parts (wallet_address, auth_user_id, variant_id, rarity_tier_id, attr1, attr2, attr3,
                                         part_value, total_power, source, is_equipped, equipped_section_id, is_locked)
     values ($1, $2, 1, $3, 50, 50, 50, 150, 150, 'admin', $4, case when $4 then 1 end, $5)
     returning id::text as id`,
    [owner.wallet, owner.id, rarity, extra.equipped ?? false, extra.locked ?? false],
  );
  return rows[0]?.id ?? '';
}

const as = (user: () => Web3User) => () => userCaller(user());
const faucet = (extra: Record<string, unknown>) => () => faucetClaimArgs(alice.wallet, 1, 0, extra);
const bidArgs =
  (wallet: () => string, amount: unknown, round: () => number | null = () => biddingRoundId) =>
  () => ({
    p_wallet_address: wallet(),
    p_round_id: round(),
    p_amount: amount,
  });

const rows: Row[] = [
  // §1.4 wallet ownership
  {
    message: 'authenticated session required',
    caller: () => SERVICE,
    fn: 'sync_wallet_flux_balance',
    args: () => ({ p_wallet_address: alice.wallet }),
  },
  {
    message: 'p_wallet_address is required',
    caller: as(() => alice),
    fn: 'sync_wallet_flux_balance',
    args: () => ({ p_wallet_address: '   ' }),
  },
  {
    message: 'p_wallet_address is required',
    caller: as(() => alice),
    fn: 'get_user_inventory',
    args: () => ({ p_wallet_address: null }),
  },
  {
    message: 'invalid wallet address format:  0xNOTHEX ',
    caller: as(() => alice),
    fn: 'sync_wallet_flux_balance',
    args: () => ({ p_wallet_address: ' 0xNOTHEX ' }),
  },
  {
    message: 'wallet does not belong to authenticated user',
    caller: as(() => alice),
    fn: 'sync_wallet_flux_balance',
    args: () => ({ p_wallet_address: bob.wallet }),
  },
  // §1.5 balance helper
  {
    message: 'p_whitelist_bonus_amount is out of range',
    caller: as(() => alice),
    fn: 'sync_wallet_flux_balance',
    args: () => ({ p_wallet_address: alice.wallet, p_whitelist_bonus_amount: -1 }),
  },
  {
    message: 'p_whitelist_bonus_amount is out of range',
    caller: as(() => alice),
    fn: 'sync_wallet_flux_balance',
    args: () => ({ p_wallet_address: alice.wallet, p_whitelist_bonus_amount: 1000001 }),
  },
  {
    message: 'p_auth_user_id is required',
    caller: () => SERVICE,
    fn: 'ensure_wallet_flux_balance_row',
    args: () => ({ p_wallet_address: alice.wallet, p_auth_user_id: null }),
  },
  // §2.2 faucet
  {
    message: 'p_claim_amount is out of range',
    caller: as(() => alice),
    fn: 'record_flux_faucet_claim',
    args: faucet({ p_claim_amount: 0 }),
  },
  {
    message: 'p_claim_amount is out of range',
    caller: as(() => alice),
    fn: 'record_flux_faucet_claim',
    args: faucet({ p_claim_amount: 1000000.01 }),
  },
  {
    message: 'p_claim_amount is out of range',
    caller: as(() => alice),
    fn: 'record_flux_faucet_claim',
    args: faucet({ p_claim_amount: null }),
  },
  {
    message: 'p_claim_window_seconds is out of range',
    caller: as(() => alice),
    fn: 'record_flux_faucet_claim',
    args: faucet({ p_claim_window_seconds: -1 }),
  },
  {
    message: 'p_claim_window_seconds is out of range',
    caller: as(() => alice),
    fn: 'record_flux_faucet_claim',
    args: faucet({ p_claim_window_seconds: 604801 }),
  },
  {
    message: 'p_settlement_kind is required',
    caller: as(() => alice),
    fn: 'record_flux_faucet_claim',
    args: faucet({ p_settlement_kind: ' ' }),
  },
  {
    message: 'invalid p_settlement_kind: carrier_pigeon',
    caller: as(() => alice),
    fn: 'record_flux_faucet_claim',
    args: faucet({ p_settlement_kind: 'carrier_pigeon' }),
  },
  {
    message: 'p_settlement_status is required',
    caller: as(() => alice),
    fn: 'record_flux_faucet_claim',
    args: faucet({ p_settlement_status: '' }),
  },
  {
    message: 'invalid p_settlement_status: lost',
    caller: as(() => alice),
    fn: 'record_flux_faucet_claim',
    args: faucet({ p_settlement_status: 'lost' }),
  },
  {
    message: 'offchain_message claims must use confirmed settlement status',
    caller: as(() => alice),
    fn: 'record_flux_faucet_claim',
    args: faucet({ p_settlement_status: 'pending' }),
  },
  {
    message: 'p_signed_message is required',
    caller: as(() => alice),
    fn: 'record_flux_faucet_claim',
    args: faucet({ p_signed_message: ' ' }),
  },
  {
    message: 'p_signature is required',
    caller: as(() => alice),
    fn: 'record_flux_faucet_claim',
    args: faucet({ p_signature: null }),
  },
  {
    message: 'p_signature must be a hex string',
    caller: as(() => alice),
    fn: 'record_flux_faucet_claim',
    args: faucet({ p_signature: '0xZZ' }),
  },
  {
    message: 'p_message_nonce is required',
    caller: as(() => alice),
    fn: 'record_flux_faucet_claim',
    args: faucet({ p_message_nonce: '' }),
  },
  {
    message: 'p_tx_hash is required',
    caller: as(() => alice),
    fn: 'record_flux_faucet_claim',
    args: faucet({ p_settlement_kind: 'onchain_transaction', p_settlement_status: 'pending' }),
  },
  {
    message: 'p_tx_hash must be a 32-byte transaction hash',
    caller: as(() => alice),
    fn: 'record_flux_faucet_claim',
    args: faucet({ p_settlement_kind: 'onchain_transaction', p_tx_hash: '0x1234' }),
  },
  {
    message: 'rate limit exceeded for flux faucet claims',
    caller: as(() => alice),
    fn: 'record_flux_faucet_claim',
    args: faucet({}),
    setup: () => `insert into public.flux_ledger_entries (wallet_address, auth_user_id, entry_type, amount_flux)
                  select '${alice.wallet}', '${alice.id}', 'faucet_claim', 1 from generate_series(1, 29)`,
  },
  {
    message: 'flux faucet claim is still on cooldown',
    caller: as(() => alice),
    fn: 'record_flux_faucet_claim',
    args: faucet({ p_claim_window_seconds: 3600 }),
  },
  {
    message: 'duplicate key value violates unique constraint "flux_ledger_entries_message_nonce_idx"',
    code: '23505',
    caller: as(() => alice),
    fn: 'record_flux_faucet_claim',
    args: faucet({ p_message_nonce: ` ${aliceNonce} ` }),
  },
  {
    message: 'duplicate key value violates unique constraint "flux_ledger_entries_tx_hash_idx"',
    code: '23505',
    caller: as(() => alice),
    fn: 'record_flux_faucet_claim',
    args: faucet({ p_settlement_kind: 'onchain_transaction', p_tx_hash: TX_HASH.toUpperCase().replace('0X', '0x') }),
    setup:
      () => `insert into public.flux_ledger_entries (wallet_address, auth_user_id, entry_type, amount_flux, settlement_kind, settlement_status, tx_hash)
                  values ('${alice.wallet}', '${alice.id}', 'faucet_claim', 1, 'onchain_transaction', 'pending', '${TX_HASH}')`,
  },
  // §2.3 boxes
  {
    message: 'p_box_tier_id is required',
    caller: as(() => alice),
    fn: 'open_mystery_box',
    args: () => ({ p_wallet_address: alice.wallet, p_box_tier_id: ' ' }),
  },
  {
    message: 'invalid box tier: Mega',
    caller: as(() => alice),
    fn: 'open_mystery_box',
    args: () => ({ p_wallet_address: alice.wallet, p_box_tier_id: 'Mega' }),
  },
  {
    message: 'insufficient flux balance',
    caller: as(() => bob),
    fn: 'open_mystery_box',
    args: () => ({ p_wallet_address: bob.wallet, p_box_tier_id: 'common' }),
  },
  {
    message: 'drop table is not configured for box tier: empty',
    caller: as(() => alice),
    fn: 'open_mystery_box',
    args: () => ({ p_wallet_address: alice.wallet, p_box_tier_id: 'EMPTY' }),
    setup: () => `insert into public.box_tiers (id, rarity_tier_id, name, tagline, rewards_description, sort_order)
                  values ('empty', 1, 'Empty Crate', 'Nothing inside.', '{}', 99)`,
  },
  {
    // the uncommon box's "low" band (88 % of draws) is emptied; the seed makes the first draw pick it
    message: 'failed to resolve drop rarity for box tier: uncommon',
    caller: as(() => alice),
    fn: 'open_mystery_box',
    args: () => ({ p_wallet_address: alice.wallet, p_box_tier_id: 'uncommon' }),
    setup: () => `delete from public.box_drop_weights where box_tier_id = 'uncommon' and rarity_tier_id < 3;
                  do $$ declare s double precision := 0; begin
                    loop perform setseed(s); exit when random() >= 0.12 or s > 0.9; s := s + 0.01; end loop;
                    perform setseed(s);
                  end $$`,
  },
  // §2.5 submissions
  {
    message: 'p_part_id is required',
    caller: as(() => alice),
    fn: 'submit_auction_item',
    args: () => ({ p_wallet_address: alice.wallet, p_part_id: null }),
  },
  {
    message: 'part not found or not owned by wallet',
    caller: as(() => bob),
    fn: 'submit_auction_item',
    args: () => ({ p_wallet_address: bob.wallet, p_part_id: parts.rare }),
  },
  {
    message: 'part is already locked (submitted to another auction)',
    caller: as(() => alice),
    fn: 'submit_auction_item',
    args: () => ({ p_wallet_address: alice.wallet, p_part_id: parts.locked }),
  },
  {
    message: 'part is currently equipped; unequip before submitting',
    caller: as(() => alice),
    fn: 'submit_auction_item',
    args: () => ({ p_wallet_address: alice.wallet, p_part_id: parts.equipped }),
  },
  {
    message: 'part rarity must be Rare (tier 3) or above to auction',
    caller: as(() => alice),
    fn: 'submit_auction_item',
    args: () => ({ p_wallet_address: alice.wallet, p_part_id: parts.common }),
  },
  {
    message: 'no active auction round accepting submissions',
    caller: as(() => alice),
    fn: 'submit_auction_item',
    args: () => ({ p_wallet_address: alice.wallet, p_part_id: parts.rare }),
    setup: () =>
      `update public.auction_rounds set submission_ends_at = now() - interval '1 second' where id = ${acceptingRoundId}`,
  },
  {
    message: 'already submitted a part for this auction round',
    caller: as(() => alice),
    fn: 'submit_auction_item',
    args: () => ({ p_wallet_address: alice.wallet, p_part_id: parts.rare }),
  },
  // §2.7 bids
  {
    message: 'p_round_id is required',
    caller: as(() => alice),
    fn: 'place_auction_bid',
    args: bidArgs(
      () => alice.wallet,
      5,
      () => null,
    ),
  },
  {
    message: 'p_amount must be greater than zero',
    caller: as(() => alice),
    fn: 'place_auction_bid',
    args: bidArgs(() => alice.wallet, 0),
  },
  {
    message: 'p_amount must be greater than zero',
    caller: as(() => alice),
    fn: 'place_auction_bid',
    args: bidArgs(() => alice.wallet, null),
  },
  {
    message: 'bid must use at most 2 decimal places',
    caller: as(() => alice),
    fn: 'place_auction_bid',
    args: bidArgs(() => alice.wallet, '1.001'),
  },
  {
    message: 'bid must be less than or equal to 100000 Flux',
    caller: as(() => alice),
    fn: 'place_auction_bid',
    args: bidArgs(() => alice.wallet, '100000.01'),
  },
  {
    message: 'auction round is not currently accepting bids',
    caller: as(() => alice),
    fn: 'place_auction_bid',
    args: bidArgs(
      () => alice.wallet,
      5,
      () => acceptingRoundId,
    ),
  },
  {
    message: 'auction round is not currently accepting bids',
    caller: as(() => alice),
    fn: 'place_auction_bid',
    args: bidArgs(
      () => alice.wallet,
      5,
      () => 987654,
    ),
  },
  {
    message: 'cannot bid on your own submitted item',
    caller: as(() => carol),
    fn: 'place_auction_bid',
    args: bidArgs(() => carol.wallet, 5),
  },
  {
    message: 'bid must be at least 1.000000000000000000 Flux (current highest + 5%)',
    caller: as(() => alice),
    fn: 'place_auction_bid',
    args: bidArgs(() => alice.wallet, '0.99'),
  },
  {
    // reachable only below 0.10 FLUX, where 5 % rounds to 0.00; seeded directly
    message: 'new bid must exceed your previous bid',
    caller: as(() => alice),
    fn: 'place_auction_bid',
    args: bidArgs(() => alice.wallet, '0.05'),
    setup: () => `insert into public.auction_bids (round_id, wallet_address, auth_user_id, amount)
                  values (${biddingRoundId}, '${alice.wallet}', '${alice.id}', 0.05)`,
  },
  {
    message: 'insufficient flux balance',
    caller: as(() => bob),
    fn: 'place_auction_bid',
    args: bidArgs(() => bob.wallet, 1),
  },
  // §3 lifecycle (service role)
  {
    message: 'p_round_id is required',
    caller: () => SERVICE,
    fn: 'transition_auction_to_bidding',
    args: () => ({ p_round_id: null }),
  },
  {
    message: `auction round ${987653} is missing its selected submission`,
    caller: () => SERVICE,
    fn: 'finalize_auction',
    args: () => ({ p_round_id: 987653 }),
    setup: () => `insert into public.auction_rounds (id, status, starts_at, submission_ends_at, ends_at)
                  values (987653, 'bidding', now() - interval '2 hours', now() - interval '90 minutes', now() - interval '1 hour')`,
  },
];

/** Runs one row in a transaction that always rolls back, and returns the database error it raised. */
async function attempt(row: Row): Promise<{ code: string; message: string }> {
  const caller = row.caller();
  const claims = caller.role === 'authenticated' ? { sub: caller.sub, role: caller.role } : { role: caller.role };
  return dbErrorOf(
    db.transaction(async (tx) => {
      if (row.setup) await tx.exec(row.setup());
      await tx.query("select set_config('role', $1, true), set_config('request.jwt.claims', $2, true)", [
        caller.role,
        JSON.stringify(claims),
      ]);
      const result = await callRpcTextIn(tx, row.fn, row.args());
      throw new Error(`${row.fn} succeeded instead of failing: ${result}`);
    }),
  );
}

beforeAll(async () => {
  db = await openSchemaDatabase();
  alice = await createWeb3User(db, 'errors-alice');
  bob = await createWeb3User(db, 'errors-bob');
  carol = await createWeb3User(db, 'errors-carol');
  await callRpc(
    db,
    userCaller(alice),
    'record_flux_faucet_claim',
    faucetClaimArgs(alice.wallet, 1000, 0, { p_message_nonce: aliceNonce }),
  );
  await callRpc(db, userCaller(carol), 'sync_wallet_flux_balance', { p_wallet_address: carol.wallet });
  parts.common = await insertPart(alice, 1);
  parts.rare = await insertPart(alice, 3);
  parts.equipped = await insertPart(alice, 4, { equipped: true });
  parts.locked = await insertPart(alice, 5, { locked: true });
  parts.submitted = await insertPart(alice, 3);
  parts.carol = await insertPart(carol, 6, { locked: true });

  const started = await callRpc<{ round_id: number }>(db, SERVICE, 'start_auction_round');
  acceptingRoundId = started.round_id;
  await callRpc(db, userCaller(alice), 'submit_auction_item', {
    p_wallet_address: alice.wallet,
    p_part_id: parts.submitted,
  });
  const bidding = await db.query<{ id: number }>(
    `insert into public.auction_rounds (status, starts_at, submission_ends_at, ends_at, bidding_opens_at, selected_part_id, selected_by_wallet)
     values ('bidding', now() - interval '20 minutes', now() - interval '5 minutes', now() + interval '40 minutes',
             now() - interval '5 minutes', $1, $2)
     returning id::int as id`,
    [parts.carol, carol.wallet],
  );
  biddingRoundId = bidding[0]?.id ?? 0;
  await db.query(
    `insert into public.auction_submissions (round_id, wallet_address, auth_user_id, part_id, rarity_tier_id, part_value, is_selected)
     values ($1, $2, $3, $4, 6, 150, true)`,
    [biddingRoundId, carol.wallet, carol.id, parts.carol],
  );
  // alice's last claim must sit inside the cooldown rows' windows but outside a zero window
  await db.query(
    `update public.wallet_flux_balances set last_faucet_claimed_at = now() - interval '1 minute' where wallet_address = $1`,
    [alice.wallet],
  );
});

afterAll(async () => {
  await db.close();
});

describe('contract error texts', () => {
  it.each(rows.map((row, index) => [`${index + 1}. ${row.fn}: ${row.message}`, row] as const))(
    '%s',
    async (_name, row) => {
      expect(await attempt(row)).toEqual({ code: row.code ?? 'P0001', message: row.message });
    },
  );

  it('left no trace of the failed calls', async () => {
    const counts = await db.query<{ ledger: number; bids: number; boxes: number }>(
      `select (select count(*)::int from public.flux_ledger_entries) as ledger,
              (select count(*)::int from public.auction_bids) as bids,
              (select count(*)::int from public.box_tiers) as boxes`,
    );
    expect(counts).toEqual([{ ledger: 1, bids: 0, boxes: 8 }]);
  });
});
