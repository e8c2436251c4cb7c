/** @module Wallet ownership encodings (§1.4), the balance helper's bonus and rebinding (§1.5), ETH-lock touch and heartbeat triggers, drift detection. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/index.ts';
import {
  callRpc,
  createWeb3User,
  dbErrorOf,
  faucetClaimArgs,
  labelAddress,
  openSchemaDatabase,
  userCaller,
  type Web3User,
} from '../../../test/support/schema/index.ts';

let db: Db;

interface Balance {
  wallet_address: string;
  auth_user_id: string;
  available_balance: number;
  lifetime_claimed: number;
  whitelist_bonus_granted_at: string | null;
}

async function seedEthLock(user: Web3User, fields: { status?: string; is_lock_active?: boolean } = {}): Promise<void> {
  await db.query('insert into public.wallet_registry (wallet_address) values ($1) on conflict do nothing', [
    user.wallet,
  ]);
  await db.query(
    `insert into public.eth_lock_submissions (wallet_address, auth_user_id, tx_hash, chain_id, block_number, from_address,
                                              to_address, amount_wei, receipt, status, is_lock_active)
     values ($1, $2, '0x' || encode(extensions.digest($1::text, 'sha256'), 'hex'), 1, 0, $1, '0x1111111111111111111111111111111111111111',
             1000000000000000, '{"simulated":true}', $3, $4)`,
    [user.wallet, user.id, fields.status ?? 'confirmed', fields.is_lock_active ?? true],
  );
}

const sync = (user: Web3User, bonus: number, wallet = user.wallet) =>
  callRpc<Balance>(db, userCaller(user), 'sync_wallet_flux_balance', {
    p_wallet_address: wallet,
    p_whitelist_bonus_amount: bonus,
  });

beforeAll(async () => {
  db = await openSchemaDatabase();
});

afterAll(async () => {
  await db.close();
});

describe('resolve_authenticated_wallet encodings', () => {
  const encodings: [string, (address: string) => { providerId: string; identityData: Record<string, unknown> }][] = [
    ['provider_id = address', (address) => ({ providerId: address, identityData: {} })],
    [
      'provider_id = web3:ethereum:address',
      (address) => ({ providerId: `web3:ethereum:${address}`, identityData: {} }),
    ],
    [
      'identity_data.wallet_address',
      (address) => ({ providerId: `email:${address}`, identityData: { wallet_address: address } }),
    ],
    ['identity_data.address', (address) => ({ providerId: `email:${address}`, identityData: { address } })],
    ['identity_data.sub = address', (address) => ({ providerId: `email:${address}`, identityData: { sub: address } })],
    [
      'identity_data.sub = web3:ethereum:address',
      (address) => ({ providerId: `email:${address}`, identityData: { sub: `web3:ethereum:${address}` } }),
    ],
    [
      'identity_data.custom_claims.address',
      (address) => ({ providerId: `email:${address}`, identityData: { custom_claims: { address } } }),
    ],
  ];

  it.each(encodings)('accepts %s (compared lowercase) and returns the lowercase wallet', async (name, encode) => {
    const label = `encoding-${name}`;
    const upper = `0x${labelAddress(label).slice(2).toUpperCase()}`;
    const user = await createWeb3User(db, label, encode(upper));
    const balance = await sync(user, 0, upper);
    expect(balance).toMatchObject({ wallet_address: user.wallet, auth_user_id: user.id });
  });

  it('rejects a wallet only another user is linked to', async () => {
    const owner = await createWeb3User(db, 'encoding-owner');
    const stranger = await createWeb3User(db, 'encoding-stranger', {
      providerId: 'email:stranger',
      identityData: { custom_claims: { address: labelAddress('somebody-else') } },
    });
    expect(await dbErrorOf(sync(stranger, 0, owner.wallet))).toEqual({
      code: 'P0001',
      message: 'wallet does not belong to authenticated user',
    });
  });
});

describe('ensure_wallet_flux_balance_row', () => {
  it('grants the whitelist bonus once, only with a confirmed active ETH lock', async () => {
    const locked = await createWeb3User(db, 'bonus-locked');
    await seedEthLock(locked);
    const first = await sync(locked, 300);
    expect(first.available_balance).toBe(300);
    expect(first.lifetime_claimed).toBe(0);
    expect(first.whitelist_bonus_granted_at).not.toBeNull();
    expect((await sync(locked, 300)).available_balance).toBe(300);
    const ledger = await db.query(
      `select entry_type, amount_flux::text as amount, payload, idempotency_key from public.flux_ledger_entries where wallet_address = $1`,
      [locked.wallet],
    );
    expect(ledger).toEqual([
      {
        entry_type: 'whitelist_bonus',
        amount: '300.000000000000000000',
        payload: { source: 'eth_lock_whitelist_bonus' },
        idempotency_key: null,
      },
    ]);

    const pending = await createWeb3User(db, 'bonus-pending');
    await seedEthLock(pending, { status: 'pending' });
    expect((await sync(pending, 300)).available_balance).toBe(0);
    const inactive = await createWeb3User(db, 'bonus-inactive');
    await seedEthLock(inactive, { is_lock_active: false });
    expect((await sync(inactive, 300)).available_balance).toBe(0);
    const unlocked = await createWeb3User(db, 'bonus-none');
    expect((await sync(unlocked, 300)).available_balance).toBe(0);

    // bonus 0 grants nothing and does not use up the one-time grant
    const later = await createWeb3User(db, 'bonus-later');
    await seedEthLock(later);
    expect((await sync(later, 0)).whitelist_bonus_granted_at).toBeNull();
    expect((await sync(later, 50)).available_balance).toBe(50);
  });

  it('rebinds the balance row to whichever linked user calls last', async () => {
    const first = await createWeb3User(db, 'rebind-first');
    const second = await createWeb3User(db, 'rebind-second', {
      providerId: 'email:rebind-second',
      identityData: { address: first.wallet },
    });
    expect((await sync(first, 0)).auth_user_id).toBe(first.id);
    expect((await sync(second, 0, first.wallet)).auth_user_id).toBe(second.id);
  });

  it('touches the jackpot heartbeat row from every write, even a plain sync', async () => {
    await db.query(`update public.cosmic_jackpot_updates set source = 'test', updated_at = now() - interval '1 hour'`);
    await sync(await createWeb3User(db, 'heartbeat'), 0);
    const rows = await db.query<{ source: string; fresh: boolean }>(
      `select source, updated_at > now() - interval '1 minute' as fresh from public.cosmic_jackpot_updates`,
    );
    expect(rows).toEqual([{ source: 'wallet_flux_balances', fresh: true }]);
  });
});

describe('eth_lock_submissions touch trigger', () => {
  it('stamps tx_submitted_at on sent, confirmed_at on confirmed, and derives amount_eth', async () => {
    const user = await createWeb3User(db, 'eth-lock-touch');
    await seedEthLock(user, { status: 'sent' });
    const sent = await db.query(
      `select tx_submitted_at is not null as submitted, confirmed_at is null as unconfirmed, amount_eth::text as eth
         from public.eth_lock_submissions where wallet_address = $1`,
      [user.wallet],
    );
    expect(sent).toEqual([{ submitted: true, unconfirmed: true, eth: '0.001000000000000000' }]);
    await db.query(`update public.eth_lock_submissions set status = 'confirmed' where wallet_address = $1`, [
      user.wallet,
    ]);
    const confirmed = await db.query(
      `select confirmed_at is not null as confirmed from public.eth_lock_submissions where wallet_address = $1`,
      [user.wallet],
    );
    expect(confirmed).toEqual([{ confirmed: true }]);
  });
});

describe('reconciliation', () => {
  it('reports the drift a pending on-chain faucet claim leaves (ledger row, no balance change)', async () => {
    const user = await createWeb3User(db, 'drift-onchain');
    const claim = await callRpc<Balance>(
      db,
      userCaller(user),
      'record_flux_faucet_claim',
      faucetClaimArgs(user.wallet, 7, 0, {
        p_settlement_kind: 'onchain_transaction',
        p_settlement_status: 'pending',
        p_tx_hash: `0x${'ab'.repeat(32)}`,
      }),
    );
    expect(claim.available_balance).toBe(0);
    const view = await db.query(
      `select recorded_balance::text as recorded, ledger_sum::text as ledger_sum, drift::text as drift, has_drift, entry_count::int as entries
         from public.flux_ledger_reconciliation where wallet_address = $1`,
      [user.wallet],
    );
    expect(view).toEqual([
      {
        recorded: '0.000000000000000000',
        ledger_sum: '7.000000000000000000',
        drift: '-7.000000000000000000',
        has_drift: true,
        entries: 1,
      },
    ]);
    const first = await db.query<{ wallet_address: string }>(
      'select wallet_address from public.flux_ledger_reconciliation limit 1',
    );
    expect(first).toEqual([{ wallet_address: user.wallet }]);
    const run = await callRpc<{ wallets_with_drift: number; max_absolute_drift: number }>(
      db,
      { role: 'service_role' },
      'run_flux_reconciliation',
    );
    expect(run).toMatchObject({ wallets_with_drift: 1, max_absolute_drift: 7 });
  });
});
