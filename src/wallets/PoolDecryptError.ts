/** @module Errors of the managed wallet pool's key decryption; they name the wallet and key id, never key material. */
import { ExitCode, SimError } from '../errors/index.ts';

/** Why a `sim_wallet_keys` row could not be turned into a private key. */
export type PoolDecryptReason = 'unknown_kid' | 'wrong_key' | 'not_a_private_key' | 'address_mismatch';

/**
 * A `sim_wallet_keys` row does not decrypt to a usable private key: no key for its key id, the
 * wrong key or tampered data, or a plaintext that is not a private key. A configuration problem
 * (exit code 2): fix `SIM_MANAGED_WALLETS_ENCRYPTION_KEY` / `SIM_MANAGED_WALLETS_DECRYPTION_KEYS`
 * or retire the row.
 */
export class PoolDecryptError extends SimError {
  override readonly code: string = 'E_POOL_DECRYPT';
  override readonly exitCode: ExitCode = ExitCode.usage;
  override name = 'PoolDecryptError';
  readonly walletAddress: string;
  readonly kid: string;
  readonly reason: PoolDecryptReason;
  constructor(walletAddress: string, kid: string, reason: PoolDecryptReason, message: string, options?: ErrorOptions) {
    super(message, options);
    this.walletAddress = walletAddress;
    this.kid = kid;
    this.reason = reason;
  }
}

/** A row decrypts, but to the key of another wallet than its `wallet_address`. */
export class PoolKeyMismatchError extends PoolDecryptError {
  override readonly code: string = 'E_POOL_KEY_MISMATCH';
  override name = 'PoolKeyMismatchError';
}
