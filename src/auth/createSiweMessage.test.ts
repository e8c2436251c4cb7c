import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createSiweMessage } from './createSiweMessage.ts';

describe('createSiweMessage', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-03-01T12:34:56.789Z'));
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('writes the legacy text with a lower-case address and millisecond ISO time', () => {
    const message = createSiweMessage({
      domain: 'o.finality.dev',
      address: '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266',
      uri: 'https://o.finality.dev/',
      chainId: 1,
      nonce: '0123456789abcdef0123456789abcdef',
      issuedAt: new Date(),
    });
    expect(message).toMatchInlineSnapshot(`
      "o.finality.dev wants you to sign in with your Ethereum account:
      0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266

      Sign in to Entropy Network.

      URI: https://o.finality.dev/
      Version: 1
      Chain ID: 1
      Nonce: 0123456789abcdef0123456789abcdef
      Issued At: 2026-03-01T12:34:56.789Z"
    `);
    expect(message.endsWith('\n')).toBe(false);
    expect(message.includes('\r')).toBe(false);
  });

  it('uses the given domain, URI and chain id', () => {
    const lines = createSiweMessage({
      domain: '127.0.0.1:54321',
      address: '0x70997970c51812dc3a010c7d01b50e0d17dc79c8',
      uri: 'http://127.0.0.1:54321/',
      chainId: 31337,
      nonce: 'ffffffffffffffffffffffffffffffff',
      issuedAt: new Date(),
    }).split('\n');
    expect(lines).toHaveLength(10);
    expect(lines[0]).toBe('127.0.0.1:54321 wants you to sign in with your Ethereum account:');
    expect(lines[5]).toBe('URI: http://127.0.0.1:54321/');
    expect(lines[7]).toBe('Chain ID: 31337');
  });
});
