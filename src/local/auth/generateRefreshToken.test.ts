import { describe, expect, it } from 'vitest';
import { generateRefreshToken } from './generateRefreshToken.ts';

describe('generateRefreshToken', () => {
  it('makes 12-character lower-case base32 tokens', () => {
    const tokens = Array.from({ length: 200 }, generateRefreshToken);
    for (const token of tokens) expect(token).toMatch(/^[a-z2-7]{12}$/);
    expect(new Set(tokens).size).toBe(tokens.length);
  });
});
