/**
 * @module What the gameplay RPCs return (contract gameplay-backend.md §2), typed for the tests that
 * read their results, in-process or over HTTP.
 */

/** The "balance object": `to_jsonb(wallet_flux_balances row)`. */
export interface Balance {
  wallet_address: string;
  auth_user_id: string;
  available_balance: number;
  lifetime_claimed: number;
  lifetime_spent: number;
  last_faucet_claimed_at: string | null;
  whitelist_bonus_granted_at: string | null;
  created_at: string;
  updated_at: string;
}

/** The keys of a part (box opening, inventory) that tests read. */
export interface Part {
  id: string;
  rarity_tier_id: number;
  part_value: number;
  total_power: number;
  attr1: number;
  attr2: number;
  attr3: number;
  serial_number: number;
  source: string;
  is_locked: boolean;
  is_equipped: boolean;
  name: string;
  section_key: string;
  illustration_key: string;
  illustration_alt: string;
}

/** `record_flux_faucet_claim`: the balance object and the claim's ledger row. */
export type FaucetResult = Balance & { ledger_entry_id: number };

/** `open_mystery_box` */
export interface BoxResult {
  part?: Part;
  balance: Balance;
  ledger_entry_id: number;
}

/** `place_auction_bid` (a replay echoes the request's `round_id`, `amount` and `min_next_bid`) */
export interface BidResult {
  bid_id: number;
  round_id: number;
  amount: number;
  min_next_bid: number;
  balance: Balance;
}
