/** @module Leases free pool wallets for one owner (claim_sim_wallets) and decrypts them. */
import type { PoolDecryptError, WalletProfile } from '../wallets/index.ts';
import type { PoolClient } from './createPoolClient.ts';
import { decryptRows, undecryptableRowsError, type PoolWallet } from './decryptRows.ts';
import { leaseSeconds } from './leaseSeconds.ts';
import { releaseLeases } from './releaseLeases.ts';
import { unwrap } from './unwrap.ts';

/** A decrypted wallet this owner holds a lease on. */
export interface LeasedWallet extends PoolWallet {
  leaseExpiresAt: Date;
  personaName: string | undefined;
  /** undefined when the wallet has no `sim_wallet_profiles` row */
  profile: WalletProfile | undefined;
}

export interface ClaimWalletsOptions {
  /** lease owner, unique per process (SIM_RUN_ID plus a worker suffix) */
  owner: string;
  count: number;
  /** SIM_LEASE_TTL_MS */
  leaseMs: number;
  keys: ReadonlyMap<string, Buffer>;
  /** release everything claimed and fail when a claimed row does not decrypt */
  strict?: boolean;
}

export interface ClaimedWallets {
  /** may be fewer than asked for: the free part of the pool is smaller, or rows were undecryptable */
  wallets: LeasedWallet[];
  /** claimed rows that did not decrypt; their leases were released again */
  failures: PoolDecryptError[];
}

/**
 * Claims up to `count` free active wallets (least recently used first). Concurrent claimers get
 * disjoint sets. Rows that do not decrypt are released at once and reported, so they never sit
 * leased and unused.
 */
export async function claimWallets(client: PoolClient, options: ClaimWalletsOptions): Promise<ClaimedWallets> {
  const rows =
    unwrap(
      await client.rpc('claim_sim_wallets', {
        p_owner: options.owner,
        p_count: options.count,
        p_lease_seconds: leaseSeconds(options.leaseMs),
      }),
      'rpc claim_sim_wallets',
    ) ?? [];
  const { wallets, failures } = decryptRows(rows, options.keys);
  if (failures.length > 0) {
    const release = options.strict
      ? rows.map((row) => row.wallet_address)
      : failures.map((failure) => failure.walletAddress);
    await releaseLeases(client, options.owner, release);
    if (options.strict) throw undecryptableRowsError(failures, 'claimed sim_wallet_keys rows');
  }
  return {
    wallets: wallets.map(({ row, ...wallet }) => ({
      ...wallet,
      leaseExpiresAt: new Date(row.lease_expires_at),
      personaName: row.persona_name ?? undefined,
      profile:
        row.aggression_score === null || row.box_open_bias === null || row.auction_bid_bias === null
          ? undefined
          : {
              aggression_score: row.aggression_score,
              box_open_bias: row.box_open_bias,
              auction_bid_bias: row.auction_bid_bias,
            },
    })),
    failures,
  };
}
