/** @module GoTrue's legacy refresh tokens: 12 random characters of the lower-case base32 alphabet. */
import { randomBytes } from 'node:crypto';

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';

/** A new 12-character `[a-z2-7]` refresh token (60 random bits). */
export function generateRefreshToken(): string {
  let bits = randomBytes(8).readBigUInt64BE();
  let token = '';
  for (let i = 0; i < 12; i++) {
    token += ALPHABET[Number(bits & 31n)];
    bits >>= 5n;
  }
  return token;
}
