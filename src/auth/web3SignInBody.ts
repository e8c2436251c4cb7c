/** @module The request body of Supabase Auth's `POST /auth/v1/token?grant_type=web3` for an Ethereum wallet. */
import type { Hex } from 'viem';
import type { WalletAccount } from '../wallets/accountFor.ts';
import { createSiweMessage, type SiweMessageParams } from './createSiweMessage.ts';

/** JSON body of a web3 sign-in. */
export interface Web3SignInBody {
  chain: 'ethereum';
  message: string;
  /** EIP-191 `personal_sign` signature: lower-case `0x` + 130 hex (r‖s‖v, v ∈ {27, 28}) */
  signature: Hex;
}

/**
 * Builds and signs the legacy SIWE message for `account` (its address fills the message).
 * @param params everything else in the message; `issuedAt` is usually `new Date()`
 */
export async function web3SignInBody(
  account: WalletAccount,
  params: Omit<SiweMessageParams, 'address'>,
): Promise<Web3SignInBody> {
  const message = createSiweMessage({ ...params, address: account.address });
  const signature = await account.signMessage({ message });
  return { chain: 'ethereum', message, signature };
}
