/** @module Builds record_flux_faucet_claim arguments the way the simulator sends them (offchain message). */

let counter = 0;

/** Named arguments for an offchain faucet claim; every call gets a fresh nonce. */
export function faucetClaimArgs(
  wallet: string,
  amount: number | string,
  windowSeconds: number,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  counter += 1;
  const nonce = `00000000-0000-4000-8000-${counter.toString(16).padStart(12, '0')}`;
  return {
    p_wallet_address: wallet,
    p_claim_amount: amount,
    p_claim_window_seconds: windowSeconds,
    p_settlement_kind: 'offchain_message',
    p_settlement_status: 'confirmed',
    p_signed_message: `Entropy Network Flux Faucet\nWallet: ${wallet}\nAction: claim_flux\nNonce: ${nonce}`,
    p_signature: `0x${'ab'.repeat(65)}`,
    p_message_nonce: nonce,
    p_chain_id: 1,
    p_whitelist_bonus_amount: 0,
    p_client_timestamp: new Date(0).toISOString(),
    p_user_agent: 'rocket-sim-test',
    ...extra,
  };
}
