/**
 * @module The slice of the project's schema the pool client touches, in the shape `supabase gen types`
 * produces, so supabase-js checks column names and infers row types (§5.1 + the lease migration).
 */

/** A `sim_wallet_keys` row. */
export type SimWalletKeysRow = {
  id: number;
  wallet_address: string;
  private_key_ciphertext: string;
  private_key_iv: string;
  private_key_auth_tag: string;
  private_key_kid: string;
  source: WalletKeySource;
  status: WalletKeyStatus;
  last_used_at: string | null;
  created_at: string;
  updated_at: string;
  lease_owner: string | null;
  lease_expires_at: string | null;
};

/** `sim_wallet_keys.source`: how a key entered the pool. */
export type WalletKeySource = 'env_import' | 'simulator_generated' | 'manual';
/** `sim_wallet_keys.status`: only `active` rows are used or leased. */
export type WalletKeyStatus = 'active' | 'inactive' | 'retired' | 'compromised';

/** A `sim_wallet_profiles` row. */
export type SimWalletProfilesRow = {
  wallet_address: string;
  persona_name: string;
  aggression_score: number;
  box_open_bias: number;
  auction_bid_bias: number;
  launch_bias: number;
  active: boolean;
  created_at: string;
  updated_at: string;
};

/** The upsert body of `wallet_registry` the legacy worker sends before an ETH lock. */
export type WalletRegistryInsert = {
  wallet_address: string;
  first_seen_at: string;
  last_seen_at: string;
};

/** The upsert body of a pseudo-confirmed `eth_lock_submissions` row (§5.1). */
export type EthLockInsert = {
  wallet_address: string;
  auth_user_id: string;
  tx_hash: string;
  chain_id: number;
  block_number: number;
  from_address: string;
  to_address: string;
  /** numeric(78,0) sent as a decimal string: JSON numbers lose precision above 2^53 */
  amount_wei: string;
  receipt: { simulated: true; source: 'rocket-sim'; kind: 'pseudo_commit' };
  status: 'confirmed';
  is_lock_active: true;
  last_error: null;
  tx_submitted_at: string;
  verifying_started_at: string;
  confirmed_at: string;
  client_timestamp: string;
  verification_attempts: 1;
  user_agent: string;
};

/** One row of `claim_sim_wallets`: encrypted key, lease and profile. */
export type ClaimedWalletRow = {
  wallet_address: string;
  private_key_ciphertext: string;
  private_key_iv: string;
  private_key_auth_tag: string;
  private_key_kid: string;
  source: WalletKeySource;
  lease_expires_at: string;
  persona_name: string | null;
  aggression_score: number | null;
  box_open_bias: number | null;
  auction_bid_bias: number | null;
};

/** One element of `reencrypt_sim_wallet_keys(p_rows)`: the new ciphertext and the one it replaces. */
export type ReencryptedRow = {
  wallet_address: string;
  expected_kid: string;
  expected_iv: string;
  private_key_ciphertext: string;
  private_key_iv: string;
  private_key_auth_tag: string;
  private_key_kid: string;
};

/** What `sim_wallet_pool_status()` returns. */
export type PoolStatusJson = {
  total: number;
  byStatus: Record<string, number>;
  byKid: Record<string, number>;
  bySource: Record<string, number>;
  leasedNow: number;
  leaseOwners: Record<string, number>;
  activeFree: number;
};

type Optional<T, K extends keyof T> = Omit<T, K> & Partial<Pick<T, K>>;

export type PoolDatabase = {
  public: {
    Tables: {
      sim_wallet_keys: {
        Row: SimWalletKeysRow;
        Insert: Optional<
          SimWalletKeysRow,
          | 'id'
          | 'source'
          | 'status'
          | 'last_used_at'
          | 'created_at'
          | 'updated_at'
          | 'lease_owner'
          | 'lease_expires_at'
          | 'private_key_kid'
        >;
        Update: Partial<SimWalletKeysRow>;
        Relationships: [];
      };
      sim_wallet_profiles: {
        Row: SimWalletProfilesRow;
        Insert: Optional<
          SimWalletProfilesRow,
          | 'persona_name'
          | 'aggression_score'
          | 'box_open_bias'
          | 'auction_bid_bias'
          | 'launch_bias'
          | 'active'
          | 'created_at'
          | 'updated_at'
        >;
        Update: Partial<SimWalletProfilesRow>;
        Relationships: [];
      };
      wallet_registry: {
        Row: WalletRegistryInsert & { created_at: string };
        Insert: WalletRegistryInsert;
        Update: Partial<WalletRegistryInsert>;
        Relationships: [];
      };
      eth_lock_submissions: {
        Row: EthLockInsert & { id: number };
        Insert: EthLockInsert;
        Update: Partial<EthLockInsert>;
        Relationships: [];
      };
    };
    Views: Record<never, never>;
    Functions: {
      claim_sim_wallets: {
        Args: { p_owner: string; p_count: number; p_lease_seconds: number };
        Returns: ClaimedWalletRow[];
      };
      renew_sim_wallet_leases: { Args: { p_owner: string; p_lease_seconds: number }; Returns: number };
      release_sim_wallet_leases: { Args: { p_owner: string; p_wallets?: string[] }; Returns: number };
      reencrypt_sim_wallet_keys: { Args: { p_rows: ReencryptedRow[] }; Returns: number };
      sim_wallet_pool_status: { Args: Record<never, never>; Returns: PoolStatusJson };
    };
    Enums: Record<never, never>;
    CompositeTypes: Record<never, never>;
  };
};
