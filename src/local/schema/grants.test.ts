/** @module Signatures, EXECUTE grants, table privileges and RLS outcomes of the reference backend (§2, §7). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/index.ts';
import {
  callRpc,
  createWeb3User,
  dbErrorOf,
  faucetClaimArgs,
  openSchemaDatabase,
  userCaller,
  withRole,
  type Caller,
  type Web3User,
} from '../../../test/support/schema/index.ts';

const TS = 'timestamp with time zone DEFAULT NULL::timestamp with time zone';
const SIGNATURES: Record<string, string> = {
  sync_wallet_flux_balance: `p_wallet_address text, p_whitelist_bonus_amount numeric DEFAULT 0, p_client_timestamp ${TS}, p_user_agent text DEFAULT NULL::text`,
  record_flux_faucet_claim:
    "p_wallet_address text, p_claim_amount numeric, p_claim_window_seconds integer, p_settlement_kind text DEFAULT 'offchain_message'::text, " +
    "p_settlement_status text DEFAULT 'confirmed'::text, p_signed_message text DEFAULT NULL::text, p_signature text DEFAULT NULL::text, " +
    'p_message_nonce text DEFAULT NULL::text, p_tx_hash text DEFAULT NULL::text, p_chain_id bigint DEFAULT NULL::bigint, ' +
    `p_whitelist_bonus_amount numeric DEFAULT 0, p_client_timestamp ${TS}, p_user_agent text DEFAULT NULL::text, p_idempotency_key text DEFAULT NULL::text`,
  open_mystery_box: `p_wallet_address text, p_box_tier_id text, p_whitelist_bonus_amount numeric DEFAULT 0, p_client_timestamp ${TS}, p_user_agent text DEFAULT NULL::text, p_idempotency_key text DEFAULT NULL::text`,
  get_user_inventory: 'p_wallet_address text',
  submit_auction_item: `p_wallet_address text, p_part_id uuid, p_client_timestamp ${TS}, p_user_agent text DEFAULT NULL::text`,
  get_active_auction: '',
  place_auction_bid:
    'p_wallet_address text, p_round_id bigint, p_amount numeric, p_whitelist_bonus_amount numeric DEFAULT 0, ' +
    `p_client_timestamp ${TS}, p_user_agent text DEFAULT NULL::text, p_idempotency_key text DEFAULT NULL::text`,
  resolve_authenticated_wallet: 'p_wallet_address text',
  ensure_wallet_flux_balance_row: `p_wallet_address text, p_auth_user_id uuid, p_whitelist_bonus_amount numeric DEFAULT 0, p_client_timestamp ${TS}, p_user_agent text DEFAULT NULL::text`,
  start_auction_round: '',
  transition_auction_to_bidding: 'p_round_id bigint',
  finalize_auction: 'p_round_id bigint DEFAULT NULL::bigint',
  run_auction_tick: '',
  run_flux_reconciliation: '',
};
const CLIENT_RPCS = [
  'sync_wallet_flux_balance',
  'record_flux_faucet_claim',
  'open_mystery_box',
  'get_user_inventory',
  'submit_auction_item',
  'get_active_auction',
  'place_auction_bid',
];
/** each RPC's required parameters, all NULL: enough to resolve the function so the EXECUTE check runs */
const REQUIRED_NULL_ARGS: Record<string, string> = {
  sync_wallet_flux_balance: 'p_wallet_address => null',
  record_flux_faucet_claim: 'p_wallet_address => null, p_claim_amount => null, p_claim_window_seconds => null',
  open_mystery_box: 'p_wallet_address => null, p_box_tier_id => null',
  get_user_inventory: 'p_wallet_address => null',
  submit_auction_item: 'p_wallet_address => null, p_part_id => null',
  place_auction_bid: 'p_wallet_address => null, p_round_id => null, p_amount => null',
  resolve_authenticated_wallet: 'p_wallet_address => null',
  ensure_wallet_flux_balance_row: 'p_wallet_address => null, p_auth_user_id => null',
  transition_auction_to_bidding: 'p_round_id => null',
};
const SERVICE_ONLY = Object.keys(SIGNATURES).filter((name) => !CLIENT_RPCS.includes(name));
const ANON: Caller = { role: 'anon' };
const SERVICE: Caller = { role: 'service_role' };

let db: Db;
let alice: Web3User;
let bob: Web3User;

/** Runs a SELECT as `caller` and returns its rows. */
const selectAs = (caller: Caller, sql: string) => withRole(db, caller, (tx) => tx.query(sql));

beforeAll(async () => {
  db = await openSchemaDatabase();
  alice = await createWeb3User(db, 'grants-alice');
  bob = await createWeb3User(db, 'grants-bob');
  for (const user of [alice, bob]) {
    await callRpc(db, userCaller(user), 'record_flux_faucet_claim', faucetClaimArgs(user.wallet, 100, 0));
    await callRpc(db, userCaller(user), 'open_mystery_box', { p_wallet_address: user.wallet, p_box_tier_id: 'common' });
    await db.query(
      `insert into public.eth_lock_submissions (wallet_address, auth_user_id, status) values ($1, $2, 'confirmed')`,
      [user.wallet, user.id],
    );
  }
  await callRpc(db, SERVICE, 'run_auction_tick');
});

afterAll(async () => {
  await db.close();
});

describe('function signatures', () => {
  it('has exactly one overload per function, with the contract parameter list, SECURITY DEFINER and search_path=public', async () => {
    const rows = await db.query<{
      name: string;
      args: string;
      result: string;
      definer: boolean;
      config: string[] | null;
      volatility: string;
    }>(
      `select p.proname as name, pg_get_function_arguments(p.oid) as args, pg_get_function_result(p.oid) as result,
              p.prosecdef as definer, p.proconfig as config, p.provolatile::text as volatility
         from pg_proc p where p.pronamespace = 'public'::regnamespace and p.proname = any($1::text[])
        order by p.proname`,
      [Object.keys(SIGNATURES)],
    );
    expect(rows.map((row) => row.name)).toEqual(Object.keys(SIGNATURES).sort());
    for (const row of rows) {
      expect(row.args, row.name).toBe(SIGNATURES[row.name]);
      expect(row.definer, row.name).toBe(true);
      expect(row.config, row.name).toEqual(['search_path=public']);
    }
    const results = Object.fromEntries(rows.map((row) => [row.name, row.result]));
    expect(results).toMatchObject({
      resolve_authenticated_wallet: 'TABLE(auth_user_id uuid, wallet_address text)',
      ensure_wallet_flux_balance_row: 'wallet_flux_balances',
    });
    for (const name of CLIENT_RPCS) expect(results[name], name).toBe('jsonb');
    expect(rows.find((row) => row.name === 'get_active_auction')?.volatility).toBe('s');
    expect(rows.find((row) => row.name === 'get_user_inventory')?.volatility).toBe('v');
  });

  it('grants EXECUTE exactly as §7.1 (no PUBLIC, no anon)', async () => {
    const rows = await db.query<{
      name: string;
      anon: boolean;
      authenticated: boolean;
      service: boolean;
      public: boolean;
    }>(
      `select p.proname as name,
              has_function_privilege('anon', p.oid, 'EXECUTE') as anon,
              has_function_privilege('authenticated', p.oid, 'EXECUTE') as authenticated,
              has_function_privilege('service_role', p.oid, 'EXECUTE') as service,
              exists (select 1 from aclexplode(p.proacl) a where a.grantee = 0) as public
         from pg_proc p where p.pronamespace = 'public'::regnamespace and p.proname = any($1::text[])`,
      [Object.keys(SIGNATURES)],
    );
    for (const row of rows) {
      const client = CLIENT_RPCS.includes(row.name);
      expect(row, row.name).toEqual({
        name: row.name,
        anon: false,
        authenticated: client,
        service: true,
        public: false,
      });
    }
  });
});

describe('function access at runtime', () => {
  it.each(CLIENT_RPCS)('anon cannot execute %s (42501)', async (name) => {
    const error = await dbErrorOf(
      withRole(db, ANON, (tx) => tx.query(`select public.${name}(${REQUIRED_NULL_ARGS[name] ?? ''})`)),
    );
    expect(error).toEqual({ code: '42501', message: `permission denied for function ${name}` });
  });

  it.each(SERVICE_ONLY)('authenticated cannot execute %s (42501)', async (name) => {
    const error = await dbErrorOf(
      withRole(db, userCaller(alice), (tx) => tx.query(`select public.${name}(${REQUIRED_NULL_ARGS[name] ?? ''})`)),
    );
    expect(error).toEqual({ code: '42501', message: `permission denied for function ${name}` });
  });

  it('lets authenticated callers read the active auction and the service role call the tick and reconciliation', async () => {
    expect(await callRpc(db, userCaller(alice), 'get_active_auction')).toMatchObject({
      status: 'accepting_submissions',
    });
    expect(await callRpc(db, SERVICE, 'get_active_auction')).toMatchObject({ status: 'accepting_submissions' });
    expect(await callRpc(db, SERVICE, 'run_auction_tick')).toMatchObject({
      status: 'ok',
      started: { status: 'round_already_active' },
    });
    expect(await callRpc(db, SERVICE, 'run_flux_reconciliation')).toMatchObject({
      total_wallets: 2,
      wallets_with_drift: 0,
    });
  });
});

describe('tables and views', () => {
  it.each([
    ['wallet_flux_balances', 'authenticated'],
    ['flux_ledger_entries', 'authenticated'],
    ['reconciliation_snapshots', 'authenticated'],
    ['auction_settings', 'authenticated'],
    ['flux_ledger_reconciliation', 'authenticated'],
    ['auction_scheduler_health', 'authenticated'],
    ['auction_round_diagnostics', 'authenticated'],
    ['wallet_flux_balances', 'anon'],
    ['eth_lock_submissions', 'anon'],
    ['auction_round_diagnostics', 'anon'],
  ] as const)('%s is not readable by %s (42501)', async (table, role) => {
    const error = await dbErrorOf(
      selectAs(role === 'anon' ? ANON : userCaller(alice), `select * from public.${table}`),
    );
    expect(error.code).toBe('42501');
    expect(error.message).toMatch(new RegExp(`^permission denied for (table|view) ${table}$`));
  });

  it('lets the service role read every operational view', async () => {
    expect(
      await selectAs(SERVICE, 'select wallet_address from public.flux_ledger_reconciliation where has_drift'),
    ).toEqual([]);
    expect(await selectAs(SERVICE, 'select wallets_with_drift::int as n from public.auction_scheduler_health')).toEqual(
      [{ n: 0 }],
    );
    expect(await selectAs(SERVICE, `select health from public.auction_round_diagnostics`)).toEqual([
      { health: 'active' },
    ]);
    expect(await selectAs(SERVICE, 'select count(*)::int as n from public.wallet_flux_balances')).toEqual([{ n: 2 }]);
  });

  it('serves the catalogue to anon read-only', async () => {
    const tiers = await selectAs(ANON, 'select id from public.box_tiers order by sort_order asc');
    expect(tiers.map((row) => row.id)).toEqual([
      'common',
      'uncommon',
      'rare',
      'epic',
      'legendary',
      'mythic',
      'celestial',
      'quantum',
    ]);
    expect(await selectAs(ANON, 'select count(*)::int as n from public.part_variants')).toEqual([{ n: 64 }]);
    const write = await dbErrorOf(selectAs(ANON, `update public.rarity_tiers set multiplier = 9 where id = 1`));
    expect(write).toEqual({ code: '42501', message: 'permission denied for table rarity_tiers' });
  });

  it('hides wallet_registry behind a deny-all policy although the privileges allow it', async () => {
    expect(await selectAs(userCaller(alice), 'select * from public.wallet_registry')).toEqual([]);
    expect(await selectAs(ANON, 'select * from public.wallet_registry')).toEqual([]);
    const insert = await dbErrorOf(
      selectAs(ANON, `insert into public.wallet_registry (wallet_address) values ('0x${'0'.repeat(40)}')`),
    );
    expect(insert.code).toBe('42501');
    expect(insert.message).toContain('row-level security');
  });

  it('shows a signed-in user only their own inventory and ETH lock, every auction round, and anon nothing', async () => {
    const own = await selectAs(userCaller(alice), 'select wallet_address from public.inventory_parts');
    expect(own).toEqual([{ wallet_address: alice.wallet }]);
    const locks = await selectAs(userCaller(alice), 'select wallet_address from public.eth_lock_submissions');
    expect(locks).toEqual([{ wallet_address: alice.wallet }]);
    expect(await selectAs(userCaller(bob), 'select count(*)::int as n from public.auction_rounds')).toEqual([{ n: 1 }]);
    expect(await selectAs(ANON, 'select count(*)::int as n from public.inventory_parts')).toEqual([{ n: 0 }]);
    expect(await selectAs(ANON, 'select count(*)::int as n from public.auction_rounds')).toEqual([{ n: 0 }]);
    const write = await dbErrorOf(selectAs(userCaller(alice), `update public.inventory_parts set is_locked = true`));
    expect(write).toEqual({ code: '42501', message: 'permission denied for table inventory_parts' });
  });

  it('lets everyone read the jackpot heartbeat row but nobody write it', async () => {
    expect(await selectAs(ANON, 'select id from public.cosmic_jackpot_updates')).toEqual([{ id: true }]);
    expect(
      await selectAs(userCaller(alice), `update public.cosmic_jackpot_updates set source = 'x' returning id`),
    ).toEqual([]);
  });
});
