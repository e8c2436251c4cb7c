import { describe, expect, it } from 'vitest';
import { decodeUtf8Lossy } from './decodeUtf8Lossy.ts';

describe('decodeUtf8Lossy', () => {
  it('replaces each invalid byte, like utf8.DecodeRune', () => {
    expect(decodeUtf8Lossy(Buffer.from('héllo 😀'))).toBe('héllo 😀');
    expect(decodeUtf8Lossy(Uint8Array.from([0xc0, 0x80, 0x41]))).toBe('\uFFFD\uFFFDA');
    expect(decodeUtf8Lossy(Uint8Array.from([0xf4, 0x90, 0x80, 0x80]))).toBe('\uFFFD'.repeat(4));
    expect(decodeUtf8Lossy(Uint8Array.from([0xf0, 0x9f, 0x98]))).toBe('\uFFFD'.repeat(3));
  });
});
