import { describe, expect, it } from 'vitest';
import { ConfigError } from '../errors/index.ts';
import { parseEncryptionKey } from './parseEncryptionKey.ts';

const BYTES = Buffer.from(Array.from({ length: 32 }, (_, i) => i * 7 + 3));
const HEX = BYTES.toString('hex');

describe('parseEncryptionKey', () => {
  it('decodes 64 hex characters, with or without 0x, in any case', () => {
    expect(parseEncryptionKey(HEX)).toEqual(BYTES);
    expect(parseEncryptionKey(`0x${HEX.toUpperCase()}`)).toEqual(BYTES);
    expect(parseEncryptionKey(`  ${HEX}\n`)).toEqual(BYTES);
  });

  it('decodes standard and URL-safe base64 of 32 bytes', () => {
    const bytes = Buffer.alloc(32, 0xfb); // encodes with + and / in standard base64
    expect(parseEncryptionKey(bytes.toString('base64'))).toEqual(bytes);
    expect(parseEncryptionKey(bytes.toString('base64url'))).toEqual(bytes);
  });

  it('rejects an empty value', () => {
    expect(() => parseEncryptionKey('  ')).toThrow('SIM_MANAGED_WALLETS_ENCRYPTION_KEY: is empty');
  });

  it('rejects hex of the wrong length, naming the length but not the value', () => {
    const short = HEX.slice(0, 62);
    let error: unknown;
    try {
      parseEncryptionKey(short, 'MY_KEY');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toBe('MY_KEY: has 62 hex characters; expected 64 (32 bytes)');
  });

  it('rejects base64 that does not decode to 32 bytes', () => {
    expect(() => parseEncryptionKey(Buffer.alloc(16, 1).toString('base64'))).toThrow(
      'decodes to 16 bytes; expected 32',
    );
  });

  it('rejects text that is neither hex nor base64', () => {
    expect(() => parseEncryptionKey('not a key!')).toThrow('is neither hex nor base64');
  });
});
