/** @module The `sim_wallet_profiles` row the legacy worker writes beside every pool key. */
import type { SimWalletProfilesRow } from './PoolDatabase.ts';

/** Legacy persona name: `SIM-` + upper-case(first 6 + last 4 characters of the lower-case wallet). */
export function personaName(wallet: string): string {
  const address = wallet.toLowerCase();
  return `SIM-${(address.slice(0, 6) + address.slice(-4)).toUpperCase()}`;
}

/** The profile the legacy worker writes for imported and generated wallets (scores 52/58/61/44). */
export function profileRow(wallet: string): Omit<SimWalletProfilesRow, 'created_at' | 'updated_at'> {
  return {
    wallet_address: wallet.toLowerCase(),
    persona_name: personaName(wallet),
    aggression_score: 52,
    box_open_bias: 58,
    auction_bid_bias: 61,
    launch_bias: 44,
    active: true,
  };
}
