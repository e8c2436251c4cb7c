import { describe, expect, it } from 'vitest';
import { exitCodeOf, SimError } from '../errors/index.ts';
import { PoolDecryptError, PoolKeyMismatchError } from './PoolDecryptError.ts';

const WALLET = '0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266';

describe('PoolDecryptError', () => {
  it('is a usage/config SimError with a stable code and the row it is about', () => {
    const error = new PoolDecryptError(WALLET, 'sim-local-v1', 'unknown_kid', 'no decryption key');
    expect(error).toBeInstanceOf(SimError);
    expect(error.code).toBe('E_POOL_DECRYPT');
    expect(exitCodeOf(error)).toBe(2);
    expect(error.name).toBe('PoolDecryptError');
    expect([error.walletAddress, error.kid, error.reason]).toEqual([WALLET, 'sim-local-v1', 'unknown_kid']);
  });

  it('has a distinct code for a key of another wallet', () => {
    const error = new PoolKeyMismatchError(WALLET, 'k', 'address_mismatch', 'mismatch');
    expect(error).toBeInstanceOf(PoolDecryptError);
    expect(error.code).toBe('E_POOL_KEY_MISMATCH');
    expect(error.name).toBe('PoolKeyMismatchError');
    expect(exitCodeOf(error)).toBe(2);
  });
});
