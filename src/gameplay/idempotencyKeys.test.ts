import { describe, expect, it } from 'vitest';
import { bidKey, boxKey, faucetKey } from './idempotencyKeys.ts';

const W = '0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266';
const UUID = '3b241101-e2bb-4255-8caf-4136c566a962';

describe('idempotency keys', () => {
  it('formats the faucet key', () => {
    expect(faucetKey(W, UUID)).toBe(`sim-faucet:${W}:${UUID}`);
  });

  it('formats the box key', () => {
    expect(boxKey(W, 'rare', UUID)).toBe(`sim-box:${W}:rare:${UUID}`);
  });

  it('formats the bid key with a 0-based attempt and two decimals', () => {
    expect(bidKey(W, 42, 0, 1.05)).toBe(`sim-bid:${W}:42:0:1.05`);
    expect(bidKey(W, '1234567890123', 2, 126)).toBe(`sim-bid:${W}:1234567890123:2:126.00`);
    expect(bidKey(W, 7, 1, 10.5)).toBe(`sim-bid:${W}:7:1:10.50`);
  });
});
