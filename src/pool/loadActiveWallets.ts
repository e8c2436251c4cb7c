/** @module Reads and decrypts every active pool wallet (the legacy worker's startup read, paged). */
import type { PoolClient } from './createPoolClient.ts';
import { decryptRows, undecryptableRowsError, type PoolWallet } from './decryptRows.ts';
import { PoolEmptyError } from './errors.ts';
import { unwrap } from './unwrap.ts';
import type { PoolDecryptError } from '../wallets/index.ts';

/** Supabase caps a read at 1000 rows (`db-max-rows`). */
const PAGE = 1000;

export interface LoadActiveWalletsOptions {
  /** key id → key (SimConfig `wallets.decryptionKeys`) */
  keys: ReadonlyMap<string, Buffer>;
  /** fail on the first undecryptable row instead of skipping it */
  strict?: boolean;
}

export interface LoadedWallets {
  /** in `created_at` order, like the legacy worker */
  wallets: PoolWallet[];
  /** skipped rows, by wallet and key id */
  failures: PoolDecryptError[];
}

/**
 * Loads active rows in `created_at` order, page by page, and decrypts them. Undecryptable rows are
 * skipped and reported; it throws only when none is usable (PoolEmptyError) or, in strict mode,
 * when any row does not decrypt.
 */
export async function loadActiveWallets(client: PoolClient, options: LoadActiveWalletsOptions): Promise<LoadedWallets> {
  const wallets: PoolWallet[] = [];
  const failures: PoolDecryptError[] = [];
  for (let from = 0; ; from += PAGE) {
    const rows =
      unwrap(
        await client
          .from('sim_wallet_keys')
          .select(
            'id, wallet_address, private_key_ciphertext, private_key_iv, private_key_auth_tag, private_key_kid, source, created_at',
          )
          .eq('status', 'active')
          .order('created_at', { ascending: true })
          .order('id', { ascending: true })
          .range(from, from + PAGE - 1),
        'read active sim_wallet_keys',
      ) ?? [];
    const decrypted = decryptRows(rows, options.keys);
    for (const { row: _row, ...wallet } of decrypted.wallets) wallets.push(wallet);
    failures.push(...decrypted.failures);
    if (rows.length < PAGE) break;
  }
  if (options.strict && failures.length > 0) throw undecryptableRowsError(failures, 'active sim_wallet_keys rows');
  if (wallets.length === 0) {
    const why =
      failures.length > 0
        ? `all ${failures.length} active rows fail to decrypt (first: ${failures[0]!.message})`
        : 'the pool has no active rows';
    throw new PoolEmptyError(
      `No active managed simulator wallets are available: ${why}; run \`rocket-sim pool bootstrap\` or check the encryption keys`,
    );
  }
  return { wallets, failures };
}
