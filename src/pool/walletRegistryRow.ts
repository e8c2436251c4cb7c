/** @module The `wallet_registry` upsert body sent before a synthetic ETH lock (the lock's foreign key needs the row). */
import type { WalletRegistryInsert } from './PoolDatabase.ts';

/**
 * The legacy worker's `wallet_registry?on_conflict=wallet_address` merge upsert body. Like the
 * legacy worker it sends `first_seen_at`, so a repeated upsert moves it forward (§5.1). Pure.
 */
export function walletRegistryRow(wallet: string, now: Date): WalletRegistryInsert {
  const at = now.toISOString();
  return { wallet_address: wallet.toLowerCase(), first_seen_at: at, last_seen_at: at };
}
