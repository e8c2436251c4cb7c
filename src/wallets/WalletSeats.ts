/** @module A player's seat: the wallet one virtual user drives, held exclusively until released. */
import type { Hex } from 'viem';
import type { WalletSource } from '../config/index.ts';
import type { WalletProfile } from './WalletProfile.ts';

export interface WalletSeat {
  /** lower-case 0x address */
  address: Hex;
  privateKey: Hex;
  source: WalletSource;
  /** `sim_wallet_profiles` scores (managed pool only) */
  profile: WalletProfile | undefined;
}

/**
 * Hands out wallets so that no two virtual users hold the same one at once: within a process
 * (and across Artillery's worker threads), and for the managed pool across processes by leases.
 */
export interface WalletSeats {
  /** a free wallet not in `exclude`, or undefined when every wallet is taken */
  acquire(exclude?: ReadonlySet<string>): Promise<WalletSeat | undefined>;
  release(seat: WalletSeat): void;
  /** how many wallets this source can hand out in total; undefined when unbounded (ephemeral) */
  capacity(): number | undefined;
  /** releases everything still held */
  close(): Promise<void>;
}
