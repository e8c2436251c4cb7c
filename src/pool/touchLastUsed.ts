/** @module Stamps `last_used_at` of pool wallets (the legacy worker's PATCH after sign-in); claims prefer the least recently used. */
import type { PoolClient } from './createPoolClient.ts';
import { unwrap } from './unwrap.ts';

/** Sets `last_used_at = at` for the wallets, 100 per request (filter values travel in the URL). */
export async function touchLastUsed(
  client: PoolClient,
  wallets: readonly string[],
  at: Date = new Date(),
): Promise<void> {
  const addresses = wallets.map((wallet) => wallet.toLowerCase());
  for (let i = 0; i < addresses.length; i += 100) {
    unwrap(
      await client
        .from('sim_wallet_keys')
        .update({ last_used_at: at.toISOString() })
        .in('wallet_address', addresses.slice(i, i + 100)),
      'update sim_wallet_keys (last_used_at)',
    );
  }
}
