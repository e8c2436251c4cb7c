/** @module The pool migrations: idempotent, forward-migrate a legacy pool without loss, service-role only. */
import { generatePrivateKey } from 'viem/accounts';
import { afterEach, describe, expect, it } from 'vitest';
import { applyMigrations, isDbError, type Db } from '../local/db/index.ts';
import { decryptPrivateKey } from '../wallets/index.ts';
import { legacyEncrypt, LEGACY_POOL_SQL } from '../../test/support/pool/legacyPool.ts';
import { openPoolDb, poolMigrations, type PoolDb } from '../../test/support/pool/openPoolDb.ts';

const KEY = Buffer.alloc(32, 3);
let opened: PoolDb | undefined;

afterEach(async () => {
  await opened?.close();
  opened = undefined;
});

async function open(migrations = poolMigrations()): Promise<Db> {
  opened = await openPoolDb({ migrations });
  return opened!.db;
}

async function errorOf(db: Db, sql: string): Promise<Error & { code: string }> {
  try {
    await db.query(sql);
  } catch (error) {
    if (isDbError(error)) return error;
    throw error;
  }
  throw new Error(`expected ${sql} to fail`);
}

async function asRole<T>(
  db: Db,
  role: string,
  fn: (tx: Parameters<Parameters<Db['transaction']>[0]>[0]) => Promise<T>,
): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.query(`select set_config('role', $1, true)`, [role]);
    return fn(tx);
  });
}

describe('pool migrations', () => {
  it('apply twice in a row without error and without changing rows', async () => {
    const db = await open();
    await db.query(
      `insert into sim_wallet_keys (wallet_address, private_key_ciphertext, private_key_iv, private_key_auth_tag)
       values ('0x00000000000000000000000000000000000000aa', 'c', 'i', 't')`,
    );
    const before = await db.query('select * from sim_wallet_keys');
    for (const file of poolMigrations()) await db.exec(`set search_path = public, extensions;\n${file.sql}`);
    await db.query('delete from supabase_migrations.schema_migrations');
    expect(await applyMigrations(db, poolMigrations())).toHaveLength(2);
    expect(await db.query('select * from sim_wallet_keys')).toEqual(before);
    const triggers = await db.query<{ tgname: string }>(
      `select tgname from pg_trigger where tgrelid = 'public.sim_wallet_keys'::regclass and not tgisinternal`,
    );
    expect(triggers.map((row) => row.tgname)).toEqual(['touch_sim_wallet_keys_updated_at']);
  });

  it('migrates a database holding the legacy tables with rows forward, keeping every row', async () => {
    const db = await open([]);
    await db.exec(LEGACY_POOL_SQL);
    const keys = Array.from({ length: 3 }, () => generatePrivateKey());
    const rows = keys.map((key) => legacyEncrypt(key, KEY));
    for (const [i, row] of rows.entries()) {
      await db.query(
        `insert into sim_wallet_keys (wallet_address, private_key_ciphertext, private_key_iv, private_key_auth_tag, private_key_kid, source, status, last_used_at)
         values ($1, $2, $3, $4, $5, 'env_import', $6, now() - interval '1 day')`,
        [
          row.wallet_address,
          row.private_key_ciphertext,
          row.private_key_iv,
          row.private_key_auth_tag,
          row.private_key_kid,
          i === 2 ? 'retired' : 'active',
        ],
      );
      await db.query(
        `insert into sim_wallet_profiles (wallet_address, persona_name, aggression_score) values ($1, 'SIM-LEGACY', 52)`,
        [row.wallet_address],
      );
    }
    await db.query(
      `insert into sim_activity_schedule (wallet_address, activity_type, scheduled_for) values ($1, 'open_box', now())`,
      [rows[0]!.wallet_address],
    );
    const snapshot = async () => ({
      keys: await db.query(
        'select id, wallet_address, private_key_ciphertext, private_key_iv, private_key_auth_tag, private_key_kid, source, status, last_used_at, created_at, updated_at from sim_wallet_keys order by id',
      ),
      profiles: await db.query('select * from sim_wallet_profiles order by wallet_address'),
      schedule: await db.query('select * from sim_activity_schedule order by id'),
    });
    const before = await snapshot();

    expect(await applyMigrations(db, poolMigrations())).toEqual(poolMigrations().map((file) => file.version));
    expect(await snapshot()).toEqual(before);
    const leases = await db.query<{ n: number }>(
      'select count(*)::int as n from sim_wallet_keys where lease_owner is null and lease_expires_at is null',
    );
    expect(leases[0]!.n).toBe(3);

    // the legacy rows are claimable and decrypt to their wallets; the retired one is never handed out
    const claimed = await db.query<{
      wallet_address: string;
      private_key_ciphertext: string;
      private_key_iv: string;
      private_key_auth_tag: string;
      private_key_kid: string;
      persona_name: string;
    }>(`select * from claim_sim_wallets('after-migration', 10, 60)`);
    expect(claimed.map((row) => row.wallet_address).sort()).toEqual(
      [rows[0]!.wallet_address, rows[1]!.wallet_address].sort(),
    );
    for (const row of claimed) {
      expect(decryptPrivateKey(row, new Map([['sim-local-v1', KEY]]))).toBe(
        keys[rows.findIndex((r) => r.wallet_address === row.wallet_address)],
      );
      expect(row.persona_name).toBe('SIM-LEGACY');
    }
  });

  it('keeps the pool service-role only: no table or function access for anon and authenticated', async () => {
    const db = await open();
    for (const role of ['anon', 'authenticated']) {
      for (const sql of [
        'select * from sim_wallet_keys',
        'select * from sim_wallet_profiles',
        'select * from sim_activity_schedule',
        `select * from claim_sim_wallets('x', 1, 60)`,
        `select renew_sim_wallet_leases('x', 60)`,
        `select release_sim_wallet_leases('x')`,
        `select reencrypt_sim_wallet_keys('[]')`,
        'select sim_wallet_pool_status()',
      ]) {
        const error = await asRole(db, role, (tx) => tx.query(sql)).then(
          () => undefined,
          (caught: unknown) => caught,
        );
        expect(isDbError(error) && error.code, `${role}: ${sql}`).toBe('42501');
      }
    }
    const status = await asRole(db, 'service_role', (tx) =>
      tx.query<{ s: { total: number } }>('select sim_wallet_pool_status() as s'),
    );
    expect(status[0]!.s.total).toBe(0);
    const rls = await db.query<{ relname: string; relrowsecurity: boolean; policies: number }>(
      `select c.relname, c.relrowsecurity, (select count(*)::int from pg_policy p where p.polrelid = c.oid) as policies
       from pg_class c where c.relname in ('sim_wallet_keys', 'sim_wallet_profiles', 'sim_activity_schedule') order by c.relname`,
    );
    expect(rls).toEqual([
      { relname: 'sim_activity_schedule', relrowsecurity: true, policies: 0 },
      { relname: 'sim_wallet_keys', relrowsecurity: true, policies: 0 },
      { relname: 'sim_wallet_profiles', relrowsecurity: true, policies: 0 },
    ]);
  });

  it('enforces the §5.1 checks', async () => {
    const db = await open();
    const insert = (wallet: string, extra = '') =>
      `insert into sim_wallet_keys (wallet_address, private_key_ciphertext, private_key_iv, private_key_auth_tag${extra ? ', source' : ''})
       values ('${wallet}', 'c', 'i', 't'${extra ? `, '${extra}'` : ''})`;
    expect((await errorOf(db, insert('0xABCDEFabcdefabcdefabcdefabcdefabcdefabcd'))).code).toBe('23514');
    expect((await errorOf(db, insert('0x00000000000000000000000000000000000000a1', 'somewhere'))).code).toBe('23514');
    expect(
      (
        await errorOf(
          db,
          `insert into sim_wallet_keys (wallet_address, private_key_ciphertext, private_key_iv, private_key_auth_tag) values ('0x00000000000000000000000000000000000000a2', ' ', 'i', 't')`,
        )
      ).code,
    ).toBe('23514');
    await db.query(insert('0x00000000000000000000000000000000000000a3'));
    expect((await errorOf(db, `update sim_wallet_keys set lease_owner = 'only-owner'`)).code).toBe('23514');
    expect(
      (
        await errorOf(
          db,
          `insert into sim_wallet_profiles (wallet_address, aggression_score) values ('0x00000000000000000000000000000000000000a3', 101)`,
        )
      ).code,
    ).toBe('23514');
    // the BEFORE UPDATE trigger moves updated_at
    await db.query(
      `update sim_wallet_keys set updated_at = '2000-01-01' where wallet_address = '0x00000000000000000000000000000000000000a3'`,
    );
    const [row] = await db.query<{ fresh: boolean }>(`select updated_at > '2001-01-01' as fresh from sim_wallet_keys`);
    expect(row!.fresh).toBe(true);
  });

  it('validates the lease function arguments with clear errors', async () => {
    const db = await open();
    const cases: [string, RegExp][] = [
      [`select * from claim_sim_wallets('  ', 1, 60)`, /p_owner must be a non-blank lease owner/],
      [`select * from claim_sim_wallets(null, 1, 60)`, /p_owner must be a non-blank lease owner/],
      [`select * from claim_sim_wallets('w', 0, 60)`, /p_count must be between 1 and 10000 \(got 0\)/],
      [`select * from claim_sim_wallets('w', 10001, 60)`, /p_count must be between 1 and 10000 \(got 10001\)/],
      [`select * from claim_sim_wallets('w', 1, 4)`, /p_lease_seconds must be between 5 and 86400 \(got 4\)/],
      [`select * from claim_sim_wallets('w', 1, null)`, /p_lease_seconds must be between 5 and 86400 \(got null\)/],
      [`select renew_sim_wallet_leases('w', 86401)`, /p_lease_seconds must be between 5 and 86400 \(got 86401\)/],
      [`select renew_sim_wallet_leases('', 60)`, /p_owner must be a non-blank lease owner/],
      [`select release_sim_wallet_leases(' ')`, /p_owner must be a non-blank lease owner/],
      [`select reencrypt_sim_wallet_keys('{}')`, /p_rows must be a JSON array/],
    ];
    for (const [sql, message] of cases) {
      const error = await errorOf(db, sql);
      expect(error.code, sql).toBe('22023');
      expect(error.message, sql).toMatch(message);
    }
  });
});
