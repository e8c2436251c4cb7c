/** @module The pseudo-confirmed `eth_lock_submissions` upsert body of a managed wallet (gameplay-backend.md §5.1). */
import { createHash } from 'node:crypto';
import type { EthLockInsert } from './PoolDatabase.ts';

export interface EthLockRowInput {
  wallet: string;
  /** the wallet's auth user id (from sign-in) */
  authUserId: string;
  /** SIM_CHAIN_ID */
  chainId: number;
  /** SIM_ETH_LOCK_TO_ADDRESS */
  toAddress: string;
  /** SIM_ETH_LOCK_AMOUNT_WEI */
  amountWei: bigint;
  /** SIM_USER_AGENT; the row carries `<userAgent> managed-wallet-bootstrap` */
  userAgent: string;
  now: Date;
  /** 8 random bytes as 16 hex characters (`randomBytes(8).toString('hex')`), so each start writes a new tx hash */
  nonce: string;
}

/**
 * Builds the row the legacy worker upserts on `eth_lock_submissions?on_conflict=wallet_address`
 * (after the `wallet_registry` upsert): a confirmed, active, simulated lock. Pure: the same input
 * gives the same row. `tx_hash` = `0x` + sha256(`synthetic-eth-lock:<wallet>:<epoch ms>:<nonce>`).
 */
export function ethLockRow(input: EthLockRowInput): EthLockInsert {
  if (!/^[0-9a-f]{16}$/.test(input.nonce))
    throw new RangeError('nonce must be 8 bytes as 16 lower-case hex characters');
  const wallet = input.wallet.toLowerCase();
  const at = input.now.toISOString();
  const digest = createHash('sha256')
    .update(`synthetic-eth-lock:${wallet}:${input.now.getTime()}:${input.nonce}`)
    .digest('hex');
  return {
    wallet_address: wallet,
    auth_user_id: input.authUserId,
    tx_hash: `0x${digest}`,
    chain_id: input.chainId,
    block_number: 0,
    from_address: wallet,
    to_address: input.toAddress.toLowerCase(),
    amount_wei: input.amountWei.toString(),
    receipt: { simulated: true, source: 'rocket-sim', kind: 'pseudo_commit' },
    status: 'confirmed',
    is_lock_active: true,
    last_error: null,
    tx_submitted_at: at,
    verifying_started_at: at,
    confirmed_at: at,
    client_timestamp: at,
    verification_attempts: 1,
    user_agent: `${input.userAgent} managed-wallet-bootstrap`,
  };
}
