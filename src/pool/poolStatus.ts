/** @module Pool counts (sim_wallet_pool_status): by status, key id and source, and leases held now. */
import type { PoolClient } from './createPoolClient.ts';
import type { PoolStatusJson } from './PoolDatabase.ts';
import { unwrap } from './unwrap.ts';

export type PoolStatus = PoolStatusJson & { active: number };

/** Reads the pool's counts in one request. */
export async function poolStatus(client: PoolClient): Promise<PoolStatus> {
  const status = unwrap(await client.rpc('sim_wallet_pool_status'), 'rpc sim_wallet_pool_status');
  if (status === null || typeof status !== 'object') throw new TypeError('sim_wallet_pool_status returned no object');
  return { ...status, active: status.byStatus.active ?? 0 };
}
