/** @module Takes wallets out of use: status retired (or compromised), lease cleared, profile inactive. */
import type { PoolClient } from './createPoolClient.ts';
import { unwrap } from './unwrap.ts';

export interface RetireResult {
  /** wallets whose status was set */
  retired: string[];
  /** requested wallets that are not in the pool */
  missing: string[];
}

/**
 * Sets `status` to `retired` (or `compromised`) and clears the lease, so no claim or load returns
 * the wallets again; their profiles are marked inactive. Rows are kept: the keys may still be
 * needed to inspect the wallets' history, and importing them again does not reactivate them.
 */
export async function retireWallets(
  client: PoolClient,
  wallets: readonly string[],
  options: { compromised?: boolean } = {},
): Promise<RetireResult> {
  const addresses = [...new Set(wallets.map((wallet) => wallet.toLowerCase()))];
  const status = options.compromised ? 'compromised' : 'retired';
  const retired: string[] = [];
  for (let i = 0; i < addresses.length; i += 100) {
    const chunk = addresses.slice(i, i + 100);
    const rows =
      unwrap(
        await client
          .from('sim_wallet_keys')
          .update({ status, lease_owner: null, lease_expires_at: null })
          .in('wallet_address', chunk)
          .select('wallet_address'),
        `update sim_wallet_keys (status ${status})`,
      ) ?? [];
    unwrap(
      await client.from('sim_wallet_profiles').update({ active: false }).in('wallet_address', chunk),
      'update sim_wallet_profiles (inactive)',
    );
    retired.push(...rows.map((row) => row.wallet_address));
  }
  const found = new Set(retired);
  return { retired, missing: addresses.filter((address) => !found.has(address)) };
}
