/** @module Extends one owner's pool leases (renew_sim_wallet_leases). */
import type { PoolClient } from './createPoolClient.ts';
import { leaseSeconds } from './leaseSeconds.ts';
import { unwrap } from './unwrap.ts';

/**
 * Extends every unexpired lease of `owner` by `leaseMs` and returns how many it still holds. A
 * count below what the owner believes it holds means leases expired (e.g. after a long pause) and
 * may now belong to another process: stop driving the lost wallets.
 */
export async function renewLeases(client: PoolClient, owner: string, leaseMs: number): Promise<number> {
  return (
    unwrap(
      await client.rpc('renew_sim_wallet_leases', { p_owner: owner, p_lease_seconds: leaseSeconds(leaseMs) }),
      'rpc renew_sim_wallet_leases',
    ) ?? 0
  );
}
