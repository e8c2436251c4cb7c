import type { Hex } from 'viem';
import { describe, expect, it } from 'vitest';
import { accountFor } from './accountFor.ts';

const PRIVATE_KEY: Hex = '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80';

describe('accountFor', () => {
  it('derives the address of a known key', () => {
    expect(accountFor(PRIVATE_KEY).address).toBe('0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266');
  });

  it('returns the same cached account for the same key in any case', () => {
    const first = accountFor(PRIVATE_KEY);
    expect(accountFor(PRIVATE_KEY)).toBe(first);
    expect(accountFor(`0x${PRIVATE_KEY.slice(2).toUpperCase()}` as Hex)).toBe(first);
  });

  it('derives different accounts for different keys', () => {
    const other = accountFor('0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d');
    expect(other.address).toBe('0x70997970C51812dc3A010C7d01b50e0d17dc79C8');
  });
});

describe('accountFor signing', () => {
  it('signs exactly like viem (the native binding and the fallback agree)', async () => {
    const { privateKeyToAccount } = await import('viem/accounts');
    const { recoverMessageAddress } = await import('viem');
    for (const message of ['hello', 'localhost:3000 wants you to sign in with your Ethereum account:\n0xabc', '']) {
      const signature = await accountFor(PRIVATE_KEY).signMessage({ message });
      expect(signature).toBe(await privateKeyToAccount(PRIVATE_KEY).signMessage({ message }));
      expect(signature).toMatch(/^0x[0-9a-f]{128}(1b|1c)$/);
      expect(await recoverMessageAddress({ message, signature })).toBe('0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266');
    }
  });

  it('uses libsecp256k1 here (the prebuilt binding for this platform loads)', async () => {
    const { nativeSecp256k1 } = await import('./nativeSecp256k1.ts');
    expect(nativeSecp256k1()).toBeDefined();
  });
});
