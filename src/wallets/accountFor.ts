/** @module Derives viem accounts from private keys once: public-key derivation costs ~1 ms, signing runs per request. */
import type { Hex } from 'viem';
import { privateKeyToAccount, type PrivateKeyAccount } from 'viem/accounts';

/** Bounds the cache for ephemeral wallets (a fresh key per virtual user); evicts the oldest entry. */
const MAX_CACHED_ACCOUNTS = 10_000;
const cache = new Map<string, PrivateKeyAccount>();

/** The viem account of a private key, derived on first use and cached (case-insensitive key). */
export function accountFor(privateKey: Hex): PrivateKeyAccount {
  const normalised = privateKey.toLowerCase() as Hex;
  let account = cache.get(normalised);
  if (account === undefined) {
    account = privateKeyToAccount(normalised);
    if (cache.size >= MAX_CACHED_ACCOUNTS) {
      const oldest = cache.keys().next().value;
      if (oldest !== undefined) cache.delete(oldest);
    }
    cache.set(normalised, account);
  }
  return account;
}
