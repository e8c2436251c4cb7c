/** @module SIWE nonces: crypto randomness, not the seeded PRNG, because they must never repeat across runs. */
import { randomBytes } from 'node:crypto';

/** 32 lower-case hex characters (16 random bytes), the legacy worker's SIWE nonce format. */
export function randomNonce(): string {
  return randomBytes(16).toString('hex');
}
