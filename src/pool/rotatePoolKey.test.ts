/** @module Key rotation against the local stack over HTTP: complete, resumable, strict, skipping undecryptable rows. */
import { generatePrivateKey } from 'viem/accounts';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { decryptPrivateKey, PoolDecryptError, type SimWalletKeyRow } from '../wallets/index.ts';
import { createPoolClient, type PoolClient } from './createPoolClient.ts';
import { PoolWrongKeyError } from './errors.ts';
import { generateWallets } from './generateWallets.ts';
import { loadActiveWallets } from './loadActiveWallets.ts';
import { rotatePoolKey } from './rotatePoolKey.ts';
import { legacyEncrypt } from '../../test/support/pool/legacyPool.ts';
import { startPoolStack, type PoolStack } from '../../test/support/pool/startPoolStack.ts';

const OLD_KEY = Buffer.alloc(32, 0x11);
const NEW_KEY = Buffer.alloc(32, 0x22);
const OLD_KID = 'sim-local-v1';
const NEW_KID = 'sim-2026-11';
const POOL = 120;

let stack: PoolStack;
let client: PoolClient;
/** private key of every wallet, by address */
let plaintext: Map<string, string>;

beforeAll(async () => {
  stack = await startPoolStack();
  client = createPoolClient(stack);
});
afterAll(async () => {
  await stack?.stop();
});
beforeEach(async () => {
  await stack.db.exec('delete from sim_wallet_keys');
  await generateWallets(client, { count: POOL, key: OLD_KEY, kid: OLD_KID, batchSize: 60 });
  const loaded = await loadActiveWallets(client, { keys: new Map([[OLD_KID, OLD_KEY]]) });
  plaintext = new Map(loaded.wallets.map((wallet) => [wallet.address, wallet.privateKey]));
});

const rows = () =>
  stack.db.query<SimWalletKeyRow & { id: number }>(
    'select id, wallet_address, private_key_ciphertext, private_key_iv, private_key_auth_tag, private_key_kid from sim_wallet_keys order by id',
  );

const rotate = (options: Partial<Parameters<typeof rotatePoolKey>[1]> = {}) =>
  rotatePoolKey(client, {
    key: NEW_KEY,
    kid: NEW_KID,
    decryptionKeys: new Map([[OLD_KID, OLD_KEY]]),
    batchSize: 50,
    ...options,
  });

function expectAllUnderNewKey(all: Awaited<ReturnType<typeof rows>>): void {
  expect(all).toHaveLength(POOL);
  for (const row of all) {
    expect(row.private_key_kid).toBe(NEW_KID);
    expect(decryptPrivateKey(row, new Map([[NEW_KID, NEW_KEY]]))).toBe(plaintext.get(row.wallet_address));
    // the old key opens nothing any more, under either key id
    expect(() => decryptPrivateKey(row, new Map([[OLD_KID, OLD_KEY]]))).toThrow(
      /no decryption key for key id sim-2026-11/,
    );
    expect(() => decryptPrivateKey(row, new Map([[NEW_KID, OLD_KEY]]))).toThrow(PoolDecryptError);
  }
}

describe('rotatePoolKey', () => {
  it('moves every row to the new key id, decryptable only with the new key', async () => {
    const result = await rotate();
    expect(result).toMatchObject({ rotated: POOL, failures: [], changedConcurrently: 0, remaining: 0 });
    expectAllUnderNewKey(await rows());
    // nothing left to do on a second run
    expect(await rotate()).toMatchObject({ rotated: 0, remaining: 0 });
  });

  it('resumes an interrupted rotation without losing a wallet', async () => {
    await expect(
      rotate({
        onBatch: ({ batch }) => {
          if (batch === 1) throw new Error('killed after the first batch');
        },
      }),
    ).rejects.toThrow('killed after the first batch');
    const halfway = await rows();
    expect(halfway.filter((row) => row.private_key_kid === NEW_KID)).toHaveLength(50);
    // every row is readable in the middle of a rotation, with the old and new keys configured
    const both = new Map([
      [OLD_KID, OLD_KEY],
      [NEW_KID, NEW_KEY],
    ]);
    for (const row of halfway) expect(decryptPrivateKey(row, both)).toBe(plaintext.get(row.wallet_address));

    const resumed = await rotate();
    expect(resumed).toMatchObject({ rotated: POOL - 50, remaining: 0 });
    expectAllUnderNewKey(await rows());
  });

  it('does not overwrite a row another rotation changed between read and write (compare-and-swap on kid and IV)', async () => {
    const [first] = await rows();
    const concurrent = legacyEncrypt(plaintext.get(first!.wallet_address) as `0x${string}`, NEW_KEY, NEW_KID);
    // another process rewrites the first row just before this rotation's write reaches the database
    const racingFetch: typeof fetch = async (input, init) => {
      if (String(input).includes('/rpc/reencrypt_sim_wallet_keys')) {
        await stack.db.query(
          'update sim_wallet_keys set private_key_ciphertext = $2, private_key_iv = $3, private_key_auth_tag = $4, private_key_kid = $5 where wallet_address = $1',
          [
            first!.wallet_address,
            concurrent.private_key_ciphertext,
            concurrent.private_key_iv,
            concurrent.private_key_auth_tag,
            NEW_KID,
          ],
        );
      }
      return fetch(input, init);
    };
    const result = await rotatePoolKey(createPoolClient(stack, { fetch: racingFetch }), {
      key: NEW_KEY,
      kid: NEW_KID,
      decryptionKeys: new Map([[OLD_KID, OLD_KEY]]),
      batchSize: POOL,
    });
    expect(result).toMatchObject({ rotated: POOL - 1, changedConcurrently: 1, remaining: 0 });
    const after = await rows();
    expect(after[0]!.private_key_iv).toBe(concurrent.private_key_iv);
    expectAllUnderNewKey(after);
  });

  it('skips rows that do not decrypt, naming wallet and key id; --strict writes nothing', async () => {
    const lost = legacyEncrypt(generatePrivateKey(), Buffer.alloc(32, 0x99), 'lost-kid');
    await stack.db.query(
      `insert into sim_wallet_keys (wallet_address, private_key_ciphertext, private_key_iv, private_key_auth_tag, private_key_kid)
       values ($1, $2, $3, $4, $5)`,
      [
        lost.wallet_address,
        lost.private_key_ciphertext,
        lost.private_key_iv,
        lost.private_key_auth_tag,
        lost.private_key_kid,
      ],
    );
    const before = await rows();
    await expect(rotate({ strict: true })).rejects.toThrow(
      /1 sim_wallet_keys rows do not decrypt \(strict mode\): no decryption key for key id lost-kid/,
    );
    expect(await rows()).toEqual(before);

    const result = await rotate();
    expect(result.rotated).toBe(POOL);
    expect(result.failures.map((failure) => [failure.walletAddress, failure.kid, failure.reason])).toEqual([
      [lost.wallet_address, 'lost-kid', 'unknown_kid'],
    ]);
    expect(result.remaining).toBe(1);
  });

  it('refuses a new key that does not open rows already stored under the new key id', async () => {
    await rotate();
    await expect(rotate({ key: Buffer.alloc(32, 0x33) })).rejects.toBeInstanceOf(PoolWrongKeyError);
  });
});
