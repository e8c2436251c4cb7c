import { describe, expect, it } from 'vitest';
import { randomNonce } from './randomNonce.ts';

describe('randomNonce', () => {
  it('returns 32 lower-case hex characters', () => {
    expect(randomNonce()).toMatch(/^[0-9a-f]{32}$/);
  });

  it('does not repeat', () => {
    const nonces = new Set(Array.from({ length: 100 }, randomNonce));
    expect(nonces.size).toBe(100);
  });
});
