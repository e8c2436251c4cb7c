/**
 * @module AES-256-GCM encryption of managed-pool private keys, byte-compatible with the legacy
 * worker: random 12-byte IV, plaintext = the lower-case `0x…` key (utf8), 16-byte tag, all base64.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Hex } from 'viem';
import { accountFor } from './accountFor.ts';
import { PoolDecryptError, PoolKeyMismatchError } from './PoolDecryptError.ts';

const ALGORITHM = 'aes-256-gcm';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const PRIVATE_KEY = /^(0x)?[0-9a-f]{64}$/;

/** The encrypted columns of a `sim_wallet_keys` row. */
export interface EncryptedPrivateKey {
  private_key_ciphertext: string;
  private_key_iv: string;
  private_key_auth_tag: string;
  private_key_kid: string;
}

/** What `decryptPrivateKey` reads from a `sim_wallet_keys` row. */
export interface SimWalletKeyRow extends EncryptedPrivateKey {
  wallet_address: string;
}

/**
 * Encrypts a private key for `sim_wallet_keys` with a fresh random IV.
 * @param key the 32-byte key (from `parseEncryptionKey`)
 * @param kid the key id stored beside the ciphertext so that keys can be rotated
 */
export function encryptPrivateKey(privateKey: Hex, key: Buffer, kid: string): EncryptedPrivateKey {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
  const ciphertext = Buffer.concat([cipher.update(privateKey.toLowerCase(), 'utf8'), cipher.final()]);
  return {
    private_key_ciphertext: ciphertext.toString('base64'),
    private_key_iv: iv.toString('base64'),
    private_key_auth_tag: cipher.getAuthTag().toString('base64'),
    private_key_kid: kid,
  };
}

/**
 * Decrypts a `sim_wallet_keys` row with the key registered under its key id and checks that the
 * key belongs to the row's wallet. Returns the lower-case `0x…` private key.
 * @throws PoolDecryptError unknown key id, wrong key, tampered data or a plaintext that is not a key
 * @throws PoolKeyMismatchError the key derives another wallet than `wallet_address`
 */
export function decryptPrivateKey(row: SimWalletKeyRow, keys: ReadonlyMap<string, Buffer>): Hex {
  const wallet = row.wallet_address.toLowerCase();
  const kid = row.private_key_kid;
  const key = keys.get(kid);
  if (key === undefined) {
    throw new PoolDecryptError(wallet, kid, 'unknown_kid', `no decryption key for key id ${kid} (wallet ${wallet})`);
  }
  let plaintext: string;
  try {
    const decipher = createDecipheriv(ALGORITHM, key, Buffer.from(row.private_key_iv, 'base64'), {
      authTagLength: TAG_BYTES,
    });
    decipher.setAuthTag(Buffer.from(row.private_key_auth_tag, 'base64'));
    const ciphertext = Buffer.from(row.private_key_ciphertext, 'base64');
    plaintext = Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
  } catch (cause) {
    throw new PoolDecryptError(
      wallet,
      kid,
      'wrong_key',
      `sim_wallet_keys row of wallet ${wallet} does not decrypt with the key for key id ${kid} (wrong key or tampered row)`,
      { cause },
    );
  }
  const normalised = plaintext.trim().toLowerCase();
  if (!PRIVATE_KEY.test(normalised)) {
    throw new PoolDecryptError(
      wallet,
      kid,
      'not_a_private_key',
      `sim_wallet_keys row of wallet ${wallet} (key id ${kid}) does not hold a private key`,
    );
  }
  const privateKey = (normalised.startsWith('0x') ? normalised : `0x${normalised}`) as Hex;
  const derived = accountFor(privateKey).address.toLowerCase();
  if (derived !== wallet) {
    throw new PoolKeyMismatchError(
      wallet,
      kid,
      'address_mismatch',
      `sim_wallet_keys row of wallet ${wallet} (key id ${kid}) holds the key of wallet ${derived}`,
    );
  }
  return privateKey;
}
