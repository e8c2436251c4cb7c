/** @module Sends the two upserts that pseudo-confirm a managed wallet's ETH lock (outside measured load-test traffic). */
import { randomBytes } from 'node:crypto';
import type { PoolClient } from './createPoolClient.ts';
import { ethLockRow, type EthLockRowInput } from './ethLockRow.ts';
import { unwrap } from './unwrap.ts';
import { walletRegistryRow } from './walletRegistryRow.ts';

/**
 * Upserts `wallet_registry` then `eth_lock_submissions` (merge-duplicates on wallet_address,
 * return=minimal), exactly as the legacy worker does after a managed wallet signs in.
 * Returns the lock row that was sent.
 */
export async function seedEthLock(
  client: PoolClient,
  input: Omit<EthLockRowInput, 'now' | 'nonce'> & Partial<Pick<EthLockRowInput, 'now' | 'nonce'>>,
): Promise<ReturnType<typeof ethLockRow>> {
  const now = input.now ?? new Date();
  const row = ethLockRow({ ...input, now, nonce: input.nonce ?? randomBytes(8).toString('hex') });
  unwrap(
    await client.from('wallet_registry').upsert(walletRegistryRow(input.wallet, now), { onConflict: 'wallet_address' }),
    'upsert wallet_registry',
  );
  unwrap(
    await client.from('eth_lock_submissions').upsert(row, { onConflict: 'wallet_address' }),
    'upsert eth_lock_submissions',
  );
  return row;
}
