import { createCipheriv, randomBytes } from 'node:crypto';
import type { Hex } from 'viem';
import { describe, expect, it } from 'vitest';
import { decryptPrivateKey, encryptPrivateKey, type SimWalletKeyRow } from './encryption.ts';
import { PoolDecryptError, PoolKeyMismatchError } from './PoolDecryptError.ts';

// Well-known development key (Hardhat/Anvil account #0), never funded on a real chain.
const PRIVATE_KEY: Hex = '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80';
const WALLET = '0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266';
const OTHER_WALLET = '0x70997970c51812dc3a010c7d01b50e0d17dc79c8';
const KEY = Buffer.alloc(32, 7);
const OTHER_KEY = Buffer.alloc(32, 9);
const KID = 'sim-local-v1';

/** The legacy worker's construction, written independently with raw node:crypto. */
function legacyEncrypt(privateKey: string, key: Buffer, kid: string): Omit<SimWalletKeyRow, 'wallet_address'> {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const encrypted = Buffer.concat([cipher.update(privateKey, 'utf8'), cipher.final()]);
  return {
    private_key_ciphertext: encrypted.toString('base64'),
    private_key_iv: iv.toString('base64'),
    private_key_auth_tag: cipher.getAuthTag().toString('base64'),
    private_key_kid: kid,
  };
}

const keys = new Map([[KID, KEY]]);

function decryptError(row: SimWalletKeyRow, keyMap: ReadonlyMap<string, Buffer> = keys): PoolDecryptError {
  try {
    decryptPrivateKey(row, keyMap);
  } catch (error) {
    if (error instanceof PoolDecryptError) return error;
    throw error;
  }
  throw new Error('expected decryptPrivateKey to throw');
}

describe('encryptPrivateKey / decryptPrivateKey', () => {
  it('round-trips a key and stores base64 columns of the legacy sizes', () => {
    const encrypted = encryptPrivateKey(PRIVATE_KEY, KEY, KID);
    expect(Buffer.from(encrypted.private_key_iv, 'base64')).toHaveLength(12);
    expect(Buffer.from(encrypted.private_key_auth_tag, 'base64')).toHaveLength(16);
    // 66 characters of utf8 plaintext, GCM adds no padding
    expect(Buffer.from(encrypted.private_key_ciphertext, 'base64')).toHaveLength(66);
    expect(encrypted.private_key_kid).toBe(KID);
    expect(decryptPrivateKey({ wallet_address: WALLET, ...encrypted }, keys)).toBe(PRIVATE_KEY);
  });

  it('uses a fresh IV each time', () => {
    const a = encryptPrivateKey(PRIVATE_KEY, KEY, KID);
    const b = encryptPrivateKey(PRIVATE_KEY, KEY, KID);
    expect(a.private_key_iv).not.toBe(b.private_key_iv);
    expect(a.private_key_ciphertext).not.toBe(b.private_key_ciphertext);
  });

  it('encrypts the lower-case key string', () => {
    const upper = `0x${PRIVATE_KEY.slice(2).toUpperCase()}` as Hex;
    const encrypted = encryptPrivateKey(upper, KEY, KID);
    expect(decryptPrivateKey({ wallet_address: WALLET, ...encrypted }, keys)).toBe(PRIVATE_KEY);
  });

  it('decrypts a row written by the legacy construction', () => {
    const row = { wallet_address: WALLET, ...legacyEncrypt(PRIVATE_KEY, KEY, KID) };
    expect(decryptPrivateKey(row, keys)).toBe(PRIVATE_KEY);
  });

  it('accepts a checksummed wallet_address', () => {
    const row = {
      wallet_address: '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266',
      ...encryptPrivateKey(PRIVATE_KEY, KEY, KID),
    };
    expect(decryptPrivateKey(row, keys)).toBe(PRIVATE_KEY);
  });

  it('picks the key by kid among several', () => {
    const row = { wallet_address: WALLET, ...encryptPrivateKey(PRIVATE_KEY, OTHER_KEY, 'old-v0') };
    expect(
      decryptPrivateKey(
        row,
        new Map([
          [KID, KEY],
          ['old-v0', OTHER_KEY],
        ]),
      ),
    ).toBe(PRIVATE_KEY);
  });

  it('rejects an unknown kid, naming kid and wallet', () => {
    const error = decryptError({ wallet_address: WALLET, ...encryptPrivateKey(PRIVATE_KEY, KEY, 'rotated-v2') });
    expect(error.code).toBe('E_POOL_DECRYPT');
    expect(error.exitCode).toBe(2);
    expect(error.reason).toBe('unknown_kid');
    expect(error.message).toBe(`no decryption key for key id rotated-v2 (wallet ${WALLET})`);
  });

  it('rejects the wrong key without leaking key material', () => {
    const error = decryptError({ wallet_address: WALLET, ...encryptPrivateKey(PRIVATE_KEY, OTHER_KEY, KID) });
    expect(error.code).toBe('E_POOL_DECRYPT');
    expect(error.reason).toBe('wrong_key');
    expect(error.message).toContain(`does not decrypt with the key for key id ${KID}`);
    expect(error.message).toContain(WALLET);
    for (const secret of [
      PRIVATE_KEY.slice(2),
      KEY.toString('hex'),
      KEY.toString('base64'),
      OTHER_KEY.toString('hex'),
    ]) {
      expect(error.message).not.toContain(secret);
    }
  });

  it('rejects a tampered tag, ciphertext or truncated tag', () => {
    const encrypted = encryptPrivateKey(PRIVATE_KEY, KEY, KID);
    const flip = (b64: string) => {
      const bytes = Buffer.from(b64, 'base64');
      bytes[0] = bytes[0]! ^ 1;
      return bytes.toString('base64');
    };
    const truncatedTag = Buffer.from(encrypted.private_key_auth_tag, 'base64').subarray(0, 12).toString('base64');
    for (const row of [
      { ...encrypted, private_key_auth_tag: flip(encrypted.private_key_auth_tag) },
      { ...encrypted, private_key_ciphertext: flip(encrypted.private_key_ciphertext) },
      { ...encrypted, private_key_auth_tag: truncatedTag },
    ]) {
      expect(decryptError({ wallet_address: WALLET, ...row }).reason).toBe('wrong_key');
    }
  });

  it('rejects a row whose key belongs to another wallet', () => {
    const error = decryptError({ wallet_address: OTHER_WALLET, ...encryptPrivateKey(PRIVATE_KEY, KEY, KID) });
    expect(error).toBeInstanceOf(PoolKeyMismatchError);
    expect(error.code).toBe('E_POOL_KEY_MISMATCH');
    expect(error.exitCode).toBe(2);
    expect(error.message).toBe(
      `sim_wallet_keys row of wallet ${OTHER_WALLET} (key id ${KID}) holds the key of wallet ${WALLET}`,
    );
  });

  it('rejects a plaintext that is not a private key', () => {
    const row = { wallet_address: WALLET, ...legacyEncrypt('not a key', KEY, KID) };
    expect(decryptError(row).reason).toBe('not_a_private_key');
  });
});
