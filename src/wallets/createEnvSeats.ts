/** @module Seats over the `SIM_WALLET_PRIVATE_KEYS` list (the legacy `env` wallet source). */
import type { Hex } from 'viem';
import { accountFor } from './accountFor.ts';
import { createSeatLock, type SeatLock } from './createSeatLock.ts';
import type { WalletSeat, WalletSeats } from './WalletSeats.ts';

/**
 * Hands out the listed keys round-robin, each to at most one virtual user of the process at a
 * time (see {@link createSeatLock}). `lock` is injectable for tests.
 */
export function createEnvSeats(privateKeys: readonly Hex[], lock: SeatLock = createSeatLock('env')): WalletSeats {
  const seats: WalletSeat[] = privateKeys.map((privateKey) => ({
    address: accountFor(privateKey).address.toLowerCase() as Hex,
    privateKey,
    source: 'env',
    profile: undefined,
  }));
  const held = new Set<WalletSeat>();
  let cursor = 0;
  return {
    async acquire(exclude) {
      for (let i = 0; i < seats.length; i++) {
        const seat = seats[(cursor + i) % seats.length]!;
        if (held.has(seat) || exclude?.has(seat.address) || !lock.tryClaim(seat.address)) continue;
        cursor = (cursor + i + 1) % seats.length;
        held.add(seat);
        return seat;
      }
      return undefined;
    },
    release(seat) {
      if (held.delete(seat)) lock.release(seat.address);
    },
    capacity: () => seats.length,
    async close() {
      for (const seat of held) lock.release(seat.address);
      held.clear();
    },
  };
}
