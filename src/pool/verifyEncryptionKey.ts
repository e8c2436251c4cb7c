/** @module Checks the configured encryption key against rows already stored under its key id, before anything is written. */
import { decryptPrivateKey, PoolDecryptError } from '../wallets/index.ts';
import type { PoolClient } from './createPoolClient.ts';
import { PoolWrongKeyError } from './errors.ts';
import { unwrap } from './unwrap.ts';

/** How many rows under the key id are tried; one that decrypts proves the key. */
const SAMPLE = 5;

/**
 * Throws PoolWrongKeyError (naming the key id and a wallet) when the pool holds rows under `kid`
 * and none of a sample decrypts with `key`: writing would mix two keys under one key id. Passes
 * when no row uses `kid` yet (a new key id) or at least one sampled row decrypts.
 */
export async function verifyEncryptionKey(client: PoolClient, key: Buffer, kid: string): Promise<void> {
  const rows = unwrap(
    await client
      .from('sim_wallet_keys')
      .select('wallet_address, private_key_ciphertext, private_key_iv, private_key_auth_tag, private_key_kid')
      .eq('private_key_kid', kid)
      .order('id', { ascending: false })
      .limit(SAMPLE),
    'read sim_wallet_keys (encryption key check)',
  );
  if (!rows || rows.length === 0) return;
  const keys = new Map([[kid, key]]);
  let wrongKey: PoolDecryptError | undefined;
  for (const row of rows) {
    try {
      decryptPrivateKey(row, keys);
      return;
    } catch (error) {
      if (!(error instanceof PoolDecryptError)) throw error;
      if (error.reason === 'wrong_key') wrongKey ??= error;
      else return; // the key opens the row; its content is another problem, reported when loading
    }
  }
  if (wrongKey) {
    throw new PoolWrongKeyError(
      wrongKey.walletAddress,
      kid,
      'wrong_key',
      `SIM_MANAGED_WALLETS_ENCRYPTION_KEY does not decrypt the pool rows stored under key id ${kid} ` +
        `(${rows.length} of ${rows.length} checked, e.g. wallet ${wrongKey.walletAddress}): use the key these rows were written with, ` +
        `or set a new SIM_MANAGED_WALLET_KID and run \`rocket-sim pool rotate-key\`; nothing was written`,
      { cause: wrongKey },
    );
  }
}
