import { describe, expect, it } from 'vitest';
import { knownBalanceOf } from './knownBalanceOf.ts';

describe('knownBalanceOf', () => {
  it('reads the balance object and the balance inside box and bid results (numbers or numeric strings)', () => {
    expect(knownBalanceOf({ wallet_address: '0xab', available_balance: 12.5 })).toBe(12.5);
    expect(knownBalanceOf({ available_balance: '30.000000000000000000', ledger_entry_id: 4 })).toBe(30);
    expect(knownBalanceOf({ part: { id: 'p' }, balance: { available_balance: 3 }, ledger_entry_id: 9 })).toBe(3);
    expect(knownBalanceOf({ bid_id: 1, amount: 10, balance: { available_balance: '0' } })).toBe(0);
  });

  it('is undefined when the body holds no balance', () => {
    for (const body of [
      undefined,
      null,
      [],
      'x',
      { balance: null },
      { available_balance: 'n/a' },
      { status: 'bidding' },
    ])
      expect(knownBalanceOf(body)).toBeUndefined();
  });
});
