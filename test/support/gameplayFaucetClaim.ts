/** @module `record_flux_faucet_claim` arguments as the simulator sends them: the legacy faucet text, signed by the player's key. */
import { randomUUID } from 'node:crypto';
import type { PrivateKeyAccount } from 'viem/accounts';
import { faucetMessage } from '../../src/gameplay/faucetMessage.ts';
import { faucetKey } from '../../src/gameplay/idempotencyKeys.ts';

export interface FaucetClaimOptions {
  amount: number;
  /** `p_claim_window_seconds`: the server-side cooldown the caller asks for */
  windowSeconds: number;
  /** message nonce (also the idempotency key's UUID); a fresh UUID when absent */
  nonce?: string;
  /** a whitelist bonus to pass along (granted once per wallet with a confirmed ETH lock) */
  whitelistBonus?: number;
}

/** Signs the 9-line faucet message and returns the 14 named arguments, idempotency key `sim-faucet:<wallet>:<nonce>`. */
export async function gameplayFaucetClaim(
  player: { wallet: string; account: Pick<PrivateKeyAccount, 'signMessage'> },
  { amount, windowSeconds, nonce = randomUUID(), whitelistBonus = 0 }: FaucetClaimOptions,
): Promise<Record<string, unknown>> {
  const issuedAt = new Date();
  const message = faucetMessage({
    wallet: player.wallet,
    amount,
    cooldownSeconds: windowSeconds,
    chainId: 1,
    nonce,
    issuedAt,
  });
  const signature = await player.account.signMessage({ message });
  return {
    p_wallet_address: player.wallet,
    p_claim_amount: amount,
    p_claim_window_seconds: windowSeconds,
    p_settlement_kind: 'offchain_message',
    p_settlement_status: 'confirmed',
    p_signed_message: message,
    p_signature: signature,
    p_message_nonce: nonce,
    p_chain_id: 1,
    p_whitelist_bonus_amount: whitelistBonus,
    p_client_timestamp: issuedAt.toISOString(),
    p_user_agent: 'rocket-sim-acceptance',
    p_idempotency_key: faucetKey(player.wallet, nonce),
  };
}
