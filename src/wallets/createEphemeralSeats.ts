/** @module Seats with a fresh, never-stored key per virtual user (sign-in storms on local or staging). */
import { generatePrivateKey } from 'viem/accounts';
import type { Hex } from 'viem';
import { accountFor } from './accountFor.ts';
import type { WalletSeats } from './WalletSeats.ts';

/** Every acquire creates a new wallet; nothing is ever reused or written anywhere. */
export function createEphemeralSeats(): WalletSeats {
  return {
    async acquire() {
      const privateKey = generatePrivateKey();
      return {
        address: accountFor(privateKey).address.toLowerCase() as Hex,
        privateKey,
        source: 'ephemeral',
        profile: undefined,
      };
    },
    release() {},
    capacity: () => undefined,
    async close() {},
  };
}
