/** @module Decrypts pool rows one by one, collecting undecryptable rows instead of failing on the first. */
import type { Hex } from 'viem';
import { decryptPrivateKey, PoolDecryptError, type SimWalletKeyRow } from '../wallets/index.ts';
import type { WalletKeySource } from './PoolDatabase.ts';

/** A usable pool wallet. `privateKey` is a secret: never log it (the logger redacts the field name). */
export interface PoolWallet {
  /** lower-case 0x address */
  address: Hex;
  privateKey: Hex;
  kid: string;
  source: WalletKeySource;
}

export interface DecryptedRows<T> {
  wallets: (PoolWallet & { row: T })[];
  /** one error per row that did not decrypt, naming wallet, key id and reason */
  failures: PoolDecryptError[];
}

/**
 * Decrypts each row with the key registered under its key id. Rows that do not decrypt (unknown
 * kid, wrong key, tampered, key of another wallet) are reported, not thrown.
 */
export function decryptRows<T extends SimWalletKeyRow & { source: WalletKeySource }>(
  rows: readonly T[],
  keys: ReadonlyMap<string, Buffer>,
): DecryptedRows<T> {
  const wallets: DecryptedRows<T>['wallets'] = [];
  const failures: PoolDecryptError[] = [];
  for (const row of rows) {
    try {
      const privateKey = decryptPrivateKey(row, keys);
      wallets.push({
        address: row.wallet_address.toLowerCase() as Hex,
        privateKey,
        kid: row.private_key_kid,
        source: row.source,
        row,
      });
    } catch (error) {
      if (!(error instanceof PoolDecryptError)) throw error;
      failures.push(error);
    }
  }
  return { wallets, failures };
}

/** One error summarising undecryptable rows (for strict mode), carrying the first row's wallet and kid. */
export function undecryptableRowsError(failures: readonly PoolDecryptError[], what: string): PoolDecryptError {
  const [first] = failures;
  if (first === undefined) throw new RangeError('undecryptableRowsError needs at least one failure');
  const more = failures.length > 1 ? ` and ${failures.length - 1} more` : '';
  return new PoolDecryptError(
    first.walletAddress,
    first.kid,
    first.reason,
    `${failures.length} ${what} do not decrypt (strict mode): ${first.message}${more}`,
    { cause: first },
  );
}
