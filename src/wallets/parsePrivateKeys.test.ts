import { describe, expect, it } from 'vitest';
import { ConfigError } from '../errors/index.ts';
import { parsePrivateKeys } from './parsePrivateKeys.ts';

const A = '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80';
const B = '0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d';

function errorOf(raw: string): ConfigError {
  try {
    parsePrivateKeys(raw);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected parsePrivateKeys to throw');
}

describe('parsePrivateKeys', () => {
  it('returns [] when unset', () => {
    expect(parsePrivateKeys(undefined)).toEqual([]);
  });

  it('splits on commas and newlines, trims, lower-cases and drops duplicates', () => {
    expect(parsePrivateKeys(` ${A.toUpperCase().replace('0X', '0x')} ,\n${B}\r\n${A},`)).toEqual([A, B]);
  });

  it('names the list position and variable, never the key', () => {
    const error = errorOf(`${A},0x1234`);
    expect(error.variable).toBe('SIM_WALLET_PRIVATE_KEYS');
    expect(error.message).toBe(
      'SIM_WALLET_PRIVATE_KEYS: entry 2 of 2 is not a private key: expected 0x followed by 64 hex characters (found 4 hex characters)',
    );
    expect(error.message).not.toContain(A.slice(2));
  });

  it('points at the first character that is not hex, without showing it', () => {
    const message = errorOf(`0x${'a'.repeat(10)}z${'b'.repeat(53)}`).message;
    expect(message).toContain('(found character 13 is not a hex digit)');
    expect(message).not.toContain('z');
  });

  it('reports a missing 0x prefix', () => {
    expect(errorOf(A.slice(2)).message).toContain('(found no 0x prefix)');
  });

  it('rejects zero and keys at or above the curve order', () => {
    expect(errorOf(`0x${'0'.repeat(64)}`).message).toContain('outside the secp256k1 curve order');
    expect(errorOf('0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141').message).toContain(
      'outside the secp256k1 curve order',
    );
    expect(parsePrivateKeys('0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364140')).toHaveLength(1);
  });

  it('names the variable it is given', () => {
    expect(() => parsePrivateKeys('nope', 'MY_KEYS')).toThrow(/^MY_KEYS: entry 1 of 1/);
  });
});
