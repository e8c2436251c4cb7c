/** @module Imports SIM_WALLET_PRIVATE_KEYS into the pool (`source = env_import`) without touching existing rows. */
import type { Hex } from 'viem';
import type { PoolClient } from './createPoolClient.ts';
import { keyRow } from './keyRow.ts';
import type { WalletKeyStatus } from './PoolDatabase.ts';
import { profileRow } from './profileRow.ts';
import { unwrap } from './unwrap.ts';

export interface ImportResult {
  /** wallets inserted now */
  imported: string[];
  /** wallets already in the pool: left exactly as they were */
  alreadyPresent: string[];
  /** the already present wallets whose status is not `active` (not reactivated) */
  notActive: { wallet: string; status: WalletKeyStatus }[];
}

/**
 * Inserts the keys that are not in the pool yet, plus their legacy profiles. Unlike the legacy
 * worker's merge upsert, an existing row is never changed: a retired or compromised wallet stays
 * retired, its stored ciphertext and key id stay, its last_used_at stays.
 */
export async function importEnvWallets(
  client: PoolClient,
  privateKeys: readonly Hex[],
  key: Buffer,
  kid: string,
): Promise<ImportResult> {
  if (privateKeys.length === 0) return { imported: [], alreadyPresent: [], notActive: [] };
  const rows = privateKeys.map((privateKey) => keyRow(privateKey, key, kid, 'env_import'));
  const inserted =
    unwrap(
      await client
        .from('sim_wallet_keys')
        .upsert(rows, { onConflict: 'wallet_address', ignoreDuplicates: true })
        .select('wallet_address'),
      'insert into sim_wallet_keys (env import)',
    ) ?? [];
  const wallets = rows.map((row) => row.wallet_address);
  // a profile lost earlier is restored; an existing one is left alone
  unwrap(
    await client
      .from('sim_wallet_profiles')
      .upsert(wallets.map(profileRow), { onConflict: 'wallet_address', ignoreDuplicates: true }),
    'insert into sim_wallet_profiles (env import)',
  );
  const importedSet = new Set(inserted.map((row) => row.wallet_address));
  const alreadyPresent = wallets.filter((wallet) => !importedSet.has(wallet));
  let notActive: ImportResult['notActive'] = [];
  if (alreadyPresent.length > 0) {
    const existing =
      unwrap(
        await client
          .from('sim_wallet_keys')
          .select('wallet_address, status')
          .in('wallet_address', alreadyPresent)
          .neq('status', 'active'),
        'read sim_wallet_keys (env import)',
      ) ?? [];
    notActive = existing.map((row) => ({ wallet: row.wallet_address, status: row.status }));
  }
  return { imported: wallets.filter((wallet) => importedSet.has(wallet)), alreadyPresent, notActive };
}
