/** @module Frees pool leases: one owner's (release_sim_wallet_leases) or every lease in the pool. */
import type { PoolClient } from './createPoolClient.ts';
import { unwrap } from './unwrap.ts';

/** Frees the leases `owner` holds, all of them or only `wallets`; returns how many were freed. */
export async function releaseLeases(client: PoolClient, owner: string, wallets?: readonly string[]): Promise<number> {
  const args =
    wallets === undefined
      ? { p_owner: owner }
      : { p_owner: owner, p_wallets: wallets.map((wallet) => wallet.toLowerCase()) };
  return unwrap(await client.rpc('release_sim_wallet_leases', args), 'rpc release_sim_wallet_leases') ?? 0;
}

/**
 * Frees every lease in the pool, whoever holds it (operator clean-up after crashed runs, when
 * waiting for the TTL is not wanted). Processes still running lose their wallets at their next renewal.
 */
export async function releaseAllLeases(client: PoolClient): Promise<number> {
  const rows = unwrap(
    await client
      .from('sim_wallet_keys')
      .update({ lease_owner: null, lease_expires_at: null })
      .not('lease_owner', 'is', null)
      .select('wallet_address'),
    'update sim_wallet_keys (release all leases)',
  );
  return rows?.length ?? 0;
}
