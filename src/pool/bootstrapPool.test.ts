/** @module Bootstrap, import, load and the encryption format against the local stack over HTTP. */
import type { Hex } from 'viem';
import { generatePrivateKey, privateKeyToAddress } from 'viem/accounts';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { decryptPrivateKey, PoolDecryptError } from '../wallets/index.ts';
import { bootstrapPool } from './bootstrapPool.ts';
import { claimWallets } from './claimWallets.ts';
import { createPoolClient, type PoolClient } from './createPoolClient.ts';
import { PoolEmptyError, PoolWrongKeyError } from './errors.ts';
import { importEnvWallets } from './importEnvWallets.ts';
import { loadActiveWallets } from './loadActiveWallets.ts';
import { poolStatus } from './poolStatus.ts';
import { retireWallets } from './retireWallets.ts';
import { legacyEncrypt } from '../../test/support/pool/legacyPool.ts';
import { startPoolStack, type PoolStack } from '../../test/support/pool/startPoolStack.ts';

const KEY = Buffer.alloc(32, 0x42);
const WRONG_KEY = Buffer.alloc(32, 0x24);
const KID = 'sim-local-v1';
const KEYS = new Map([[KID, KEY]]);
const ENV_KEYS: Hex[] = [
  '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80',
  '0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d',
];

let stack: PoolStack;
let client: PoolClient;

beforeAll(async () => {
  stack = await startPoolStack();
  client = createPoolClient(stack);
});
afterAll(async () => {
  await stack?.stop();
});
beforeEach(async () => {
  await stack.db.exec('delete from sim_wallet_keys');
});

const bootstrap = (overrides: Partial<Parameters<typeof bootstrapPool>[1]> = {}) =>
  bootstrapPool(client, {
    key: KEY,
    kid: KID,
    privateKeys: ENV_KEYS,
    importEnvWallets: true,
    targetCount: 200,
    batchSize: 64,
    ...overrides,
  });

/** Every value of every column of every row of the pool tables, as text. */
async function everyStoredValue(): Promise<string[]> {
  const values: string[] = [];
  for (const table of ['sim_wallet_keys', 'sim_wallet_profiles', 'sim_activity_schedule']) {
    const rows = await stack.db.query<Record<string, unknown>>(`select * from public.${table}`);
    for (const row of rows)
      for (const value of Object.values(row)) values.push(value instanceof Date ? value.toISOString() : String(value));
  }
  return values;
}

describe('bootstrapPool', () => {
  it('imports the env keys and generates up to the target; status reports 200 active', async () => {
    const result = await bootstrap();
    expect(result).toMatchObject({
      importedCount: 2,
      alreadyPresentCount: 0,
      generatedCount: 198,
      availableWalletCount: 200,
      targetCount: 200,
    });
    const status = await poolStatus(client);
    expect(status).toMatchObject({
      total: 200,
      active: 200,
      byStatus: { active: 200 },
      byKid: { [KID]: 200 },
      leasedNow: 0,
      activeFree: 200,
    });
    expect(status.bySource).toEqual({ env_import: 2, simulator_generated: 198 });
    // a second bootstrap has nothing to do
    expect(await bootstrap()).toMatchObject({
      importedCount: 0,
      alreadyPresentCount: 2,
      generatedCount: 0,
      availableWalletCount: 200,
    });
    const profiles = await stack.db.query<{ n: number }>(
      `select count(*)::int as n from sim_wallet_profiles where persona_name like 'SIM-0X%' and aggression_score = 52 and box_open_bias = 58 and auction_bid_bias = 61 and launch_bias = 44 and active`,
    );
    expect(profiles[0]!.n).toBe(200);
  });

  it('stores rows that each decrypt to the key of their own wallet, and no plaintext key anywhere', async () => {
    await bootstrap();
    const rows = await stack.db.query<{
      wallet_address: string;
      private_key_ciphertext: string;
      private_key_iv: string;
      private_key_auth_tag: string;
      private_key_kid: string;
    }>(
      'select wallet_address, private_key_ciphertext, private_key_iv, private_key_auth_tag, private_key_kid from sim_wallet_keys',
    );
    expect(rows).toHaveLength(200);
    const plaintexts = rows.map((row) => {
      const privateKey = decryptPrivateKey(row, KEYS);
      expect(privateKeyToAddress(privateKey).toLowerCase()).toBe(row.wallet_address);
      return privateKey.slice(2);
    });
    expect(new Set(plaintexts).size).toBe(200);
    const stored = (await everyStoredValue()).join('\n').toLowerCase();
    const leaked = plaintexts.filter((hex) => stored.includes(hex));
    expect(leaked).toEqual([]);
    expect(stored).not.toContain(KEY.toString('hex'));
    expect(stored).not.toContain(KEY.toString('base64').toLowerCase());

    const loaded = await loadActiveWallets(client, { keys: KEYS });
    expect(loaded.failures).toEqual([]);
    expect(loaded.wallets.map((wallet) => wallet.privateKey.slice(2)).sort()).toEqual([...plaintexts].sort());
  });

  it('reads back a row encrypted the legacy way and inserted directly', async () => {
    const privateKey = generatePrivateKey();
    const row = legacyEncrypt(privateKey, KEY, KID);
    await stack.db.query(
      `insert into sim_wallet_keys (wallet_address, private_key_ciphertext, private_key_iv, private_key_auth_tag, private_key_kid, source)
       values ($1, $2, $3, $4, $5, 'manual')`,
      [
        row.wallet_address,
        row.private_key_ciphertext,
        row.private_key_iv,
        row.private_key_auth_tag,
        row.private_key_kid,
      ],
    );
    const loaded = await loadActiveWallets(client, { keys: KEYS });
    expect(loaded.wallets).toEqual([{ address: row.wallet_address, privateKey, kid: KID, source: 'manual' }]);
    const claimed = await claimWallets(client, { owner: 'legacy-reader', count: 5, leaseMs: 60_000, keys: KEYS });
    expect(claimed.wallets.map((wallet) => [wallet.address, wallet.privateKey, wallet.profile])).toEqual([
      [row.wallet_address, privateKey, undefined],
    ]);
    // the key check before writing accepts the legacy row, so bootstrap may add to this pool
    await expect(bootstrap({ targetCount: 3, privateKeys: [] })).resolves.toMatchObject({ generatedCount: 2 });
  });

  it('refuses a wrong encryption key naming the key id, and writes nothing', async () => {
    await bootstrap({ targetCount: 20 });
    const before = await stack.db.query('select * from sim_wallet_keys order by id');
    let error: unknown;
    try {
      await bootstrap({ key: WRONG_KEY, targetCount: 50, privateKeys: [...ENV_KEYS, generatePrivateKey()] });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(PoolWrongKeyError);
    expect(error).toBeInstanceOf(PoolDecryptError);
    const wrong = error as PoolWrongKeyError;
    expect([wrong.code, wrong.exitCode, wrong.kid]).toEqual(['E_POOL_WRONG_KEY', 2, KID]);
    expect(wrong.message).toContain(`key id ${KID}`);
    expect(wrong.message).toContain('nothing was written');
    expect(wrong.message).not.toContain(WRONG_KEY.toString('hex'));
    expect(await stack.db.query('select * from sim_wallet_keys order by id')).toEqual(before);
  });

  it('skips undecryptable rows when loading, reporting wallet and key id, and fails only when none is usable or strict', async () => {
    await bootstrap({ targetCount: 3, privateKeys: [] });
    const stranger = legacyEncrypt(generatePrivateKey(), WRONG_KEY, 'other-kid');
    await stack.db.query(
      `insert into sim_wallet_keys (wallet_address, private_key_ciphertext, private_key_iv, private_key_auth_tag, private_key_kid)
       values ($1, $2, $3, $4, $5)`,
      [
        stranger.wallet_address,
        stranger.private_key_ciphertext,
        stranger.private_key_iv,
        stranger.private_key_auth_tag,
        stranger.private_key_kid,
      ],
    );
    const loaded = await loadActiveWallets(client, { keys: KEYS });
    expect(loaded.wallets).toHaveLength(3);
    expect(loaded.failures.map((failure) => [failure.walletAddress, failure.kid, failure.reason])).toEqual([
      [stranger.wallet_address, 'other-kid', 'unknown_kid'],
    ]);
    await expect(loadActiveWallets(client, { keys: KEYS, strict: true })).rejects.toThrow(
      /1 active sim_wallet_keys rows do not decrypt \(strict mode\): no decryption key for key id other-kid/,
    );
    await expect(loadActiveWallets(client, { keys: new Map([['x', KEY]]) })).rejects.toBeInstanceOf(PoolEmptyError);
  });
});

describe('importEnvWallets', () => {
  it('never reactivates retired or compromised rows nor rewrites stored keys', async () => {
    await importEnvWallets(client, ENV_KEYS, KEY, KID);
    const [first, second] = ENV_KEYS.map((key) => privateKeyToAddress(key).toLowerCase());
    await retireWallets(client, [first!]);
    await retireWallets(client, [second!], { compromised: true });
    await stack.db.query(`update sim_wallet_keys set last_used_at = '2026-01-01T00:00:00Z'`);
    const before = await stack.db.query(
      'select wallet_address, private_key_ciphertext, private_key_iv, private_key_kid, status, last_used_at from sim_wallet_keys order by id',
    );

    const again = await importEnvWallets(client, ENV_KEYS, Buffer.alloc(32, 0x42), 'sim-local-v2');
    expect(again.imported).toEqual([]);
    expect(again.alreadyPresent).toEqual([first, second]);
    expect(again.notActive).toEqual([
      { wallet: first, status: 'retired' },
      { wallet: second, status: 'compromised' },
    ]);
    expect(
      await stack.db.query(
        'select wallet_address, private_key_ciphertext, private_key_iv, private_key_kid, status, last_used_at from sim_wallet_keys order by id',
      ),
    ).toEqual(before);
    const profiles = await stack.db.query<{ active: boolean }>('select active from sim_wallet_profiles');
    expect(profiles.map((row) => row.active)).toEqual([false, false]);
  });
});
