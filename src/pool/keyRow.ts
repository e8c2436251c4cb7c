/** @module Builds an encrypted `sim_wallet_keys` insert row from a private key. */
import type { Hex } from 'viem';
import { privateKeyToAddress } from 'viem/accounts';
import { encryptPrivateKey } from '../wallets/index.ts';
import type { PoolDatabase, WalletKeySource } from './PoolDatabase.ts';

export type KeyInsert = PoolDatabase['public']['Tables']['sim_wallet_keys']['Insert'];

/**
 * Derives the wallet of `privateKey` and encrypts the key under `kid`. Deriving the address
 * (secp256k1 + keccak, ~1 ms) is the only noticeable cost; AES-GCM takes microseconds.
 */
export function keyRow(privateKey: Hex, key: Buffer, kid: string, source: WalletKeySource): KeyInsert {
  return {
    wallet_address: privateKeyToAddress(privateKey).toLowerCase(),
    ...encryptPrivateKey(privateKey, key, kid),
    source,
    status: 'active',
  };
}
