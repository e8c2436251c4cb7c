/**
 * @module The signing account of a private key, derived once: public-key derivation costs about a
 * millisecond in JavaScript, and signing runs on every sign-in and faucet claim.
 */
import { bytesToHex, getAddress, hashMessage, hexToBytes, keccak256, type Hex } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { nativeSecp256k1, type NativeSecp256k1 } from './nativeSecp256k1.ts';

/** What the suite needs of a wallet: its checksummed address and EIP-191 `personal_sign`. */
export interface WalletAccount {
  address: Hex;
  /** EIP-191 signature: lower-case `0x` + r‖s‖v (130 hex), low-s, v ∈ {27, 28} (RFC 6979, like viem) */
  signMessage(args: { message: string }): Promise<Hex>;
}

/** Bounds the cache for ephemeral wallets (a fresh key per virtual user); evicts the oldest entry. */
const MAX_CACHED_ACCOUNTS = 10_000;
const cache = new Map<string, WalletAccount>();

function nativeAccount(privateKey: Hex, native: NativeSecp256k1): WalletAccount {
  const secret = hexToBytes(privateKey);
  const publicKey = native.publicKeyCreate(secret, false);
  const address = getAddress(`0x${keccak256(publicKey.subarray(1)).slice(-40)}`);
  return {
    address,
    async signMessage({ message }) {
      const { signature, recid } = native.ecdsaSign(hexToBytes(hashMessage(message)), secret);
      return `${bytesToHex(signature)}${(27 + recid).toString(16)}` as Hex;
    },
  };
}

/**
 * The account of a private key, derived on first use and cached (case-insensitive key). Signs
 * with libsecp256k1 when its binding loads, else with viem; both give identical signatures.
 */
export function accountFor(privateKey: Hex): WalletAccount {
  const normalised = privateKey.toLowerCase() as Hex;
  let account = cache.get(normalised);
  if (account === undefined) {
    const native = nativeSecp256k1();
    account = native ? nativeAccount(normalised, native) : privateKeyToAccount(normalised);
    if (cache.size >= MAX_CACHED_ACCOUNTS) {
      const oldest = cache.keys().next().value;
      if (oldest !== undefined) cache.delete(oldest);
    }
    cache.set(normalised, account);
  }
  return account;
}
