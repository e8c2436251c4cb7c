/** @module The legacy worker's faucet claim text, signed and sent as `p_signed_message` of `record_flux_faucet_claim`. */

/** What varies between faucet claims. */
export interface FaucetMessageParams {
  /** lower-case wallet address */
  wallet: string;
  /** FLUX claimed (`VITE_SPEC_DAILY_CLAIM_FLUX`) */
  amount: number;
  /** claim window (`VITE_SPEC_FAUCET_INTERVAL_SECONDS`) */
  cooldownSeconds: number;
  chainId: number;
  /** a UUIDv4 from `crypto.randomUUID()`; also `p_message_nonce` (unique per ledger, never from the seeded PRNG) */
  nonce: string;
  /** also sent as `p_client_timestamp` */
  issuedAt: Date;
}

/** Builds the 9-line faucet claim message (joined by `\n`, no trailing newline). */
export function faucetMessage({
  wallet,
  amount,
  cooldownSeconds,
  chainId,
  nonce,
  issuedAt,
}: FaucetMessageParams): string {
  return [
    'Entropy Network Flux Faucet',
    `Wallet: ${wallet}`,
    'Action: claim_flux',
    `Amount: ${amount}`,
    `Cooldown Seconds: ${cooldownSeconds}`,
    `Chain ID: ${chainId}`,
    `Nonce: ${nonce}`,
    `Issued At: ${issuedAt.toISOString()}`,
    'Settlement: offchain_message',
  ].join('\n');
}
