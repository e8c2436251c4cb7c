/** @module Parses the `SIM_WALLET_PRIVATE_KEYS` list; errors name the list position, never the key. */
import type { Hex } from 'viem';
import { ConfigError } from '../errors/index.ts';

/** secp256k1 group order n: a private key must be in [1, n-1]. */
const CURVE_ORDER = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;
const KEY_FORMAT = /^0x[0-9a-f]{64}$/;

/**
 * Splits a comma- or newline-separated list of private keys and validates each one:
 * `0x` + 64 hex characters (case-insensitive, surrounding whitespace ignored), within the curve
 * order. Returns lower-case keys, duplicates removed (first occurrence wins).
 * @param variable the variable named in error messages
 */
export function parsePrivateKeys(raw: string | undefined, variable = 'SIM_WALLET_PRIVATE_KEYS'): Hex[] {
  if (raw === undefined) return [];
  const entries = raw
    .split(/[,\n\r]+/)
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  const keys: Hex[] = [];
  const seen = new Set<string>();
  entries.forEach((entry, index) => {
    const key = entry.toLowerCase();
    const position = `entry ${index + 1} of ${entries.length}`;
    if (!KEY_FORMAT.test(key)) {
      const digits = key.slice(2);
      const notHex = digits.search(/[^0-9a-f]/);
      // the position of the first bad character, never the character: it is part of a secret
      const hint = !key.startsWith('0x')
        ? 'no 0x prefix'
        : notHex >= 0
          ? `character ${notHex + 3} is not a hex digit`
          : `${digits.length} hex characters`;
      throw new ConfigError(
        variable,
        `${position} is not a private key: expected 0x followed by 64 hex characters (found ${hint})`,
      );
    }
    const value = BigInt(key);
    if (value === 0n || value >= CURVE_ORDER) {
      throw new ConfigError(variable, `${position} is outside the secp256k1 curve order (must be between 1 and n-1)`);
    }
    if (!seen.has(key)) {
      seen.add(key);
      keys.push(key as Hex);
    }
  });
  return keys;
}
