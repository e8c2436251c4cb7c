import { describe, expect, it } from 'vitest';
import { personaName, profileRow } from './profileRow.ts';

describe('profileRow', () => {
  it('writes the legacy persona name and scores', () => {
    expect(profileRow('0xF39Fd6e51aad88F6F4ce6aB8827279cffFb92266')).toEqual({
      wallet_address: '0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266',
      persona_name: 'SIM-0XF39F2266',
      aggression_score: 52,
      box_open_bias: 58,
      auction_bid_bias: 61,
      launch_bias: 44,
      active: true,
    });
  });

  it('takes the first 6 and last 4 characters of the lower-case wallet, upper-cased', () => {
    expect(personaName('0xabcdef0000000000000000000000000000001234')).toBe('SIM-0XABCD1234');
  });
});
