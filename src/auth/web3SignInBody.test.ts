import { recoverMessageAddress } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { web3SignInBody } from './web3SignInBody.ts';

const account = privateKeyToAccount('0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80');

describe('web3SignInBody', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-03-01T00:00:00.000Z'));
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('signs the legacy SIWE message with EIP-191 as a lower-case 65-byte signature', async () => {
    const body = await web3SignInBody(account, {
      domain: 'o.finality.dev',
      uri: 'https://o.finality.dev/',
      chainId: 1,
      nonce: '0123456789abcdef0123456789abcdef',
      issuedAt: new Date(),
    });
    expect(body.chain).toBe('ethereum');
    expect(body.message.split('\n')[1]).toBe('0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266');
    expect(body.message.endsWith('Issued At: 2026-03-01T00:00:00.000Z')).toBe(true);
    expect(body.signature).toMatch(/^0x[0-9a-f]{130}$/);
    expect(['1b', '1c']).toContain(body.signature.slice(-2));
    await expect(recoverMessageAddress({ message: body.message, signature: body.signature })).resolves.toBe(
      account.address,
    );
  });

  it('is deterministic for the same message (RFC 6979)', async () => {
    const params = { domain: 'd', uri: 'https://d/', chainId: 1, nonce: 'a'.repeat(32), issuedAt: new Date() };
    const [a, b] = await Promise.all([web3SignInBody(account, params), web3SignInBody(account, params)]);
    expect(a).toEqual(b);
  });
});
