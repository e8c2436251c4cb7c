/** @module The wallets capability: private-key parsing, pool-key encryption, cached viem accounts. */
export { accountFor } from './accountFor.ts';
export { decryptPrivateKey, encryptPrivateKey, type SimWalletKeyRow } from './encryption.ts';
export { PoolDecryptError } from './PoolDecryptError.ts';
export { createEnvSeats } from './createEnvSeats.ts';
export { createEphemeralSeats } from './createEphemeralSeats.ts';
export type { WalletProfile } from './WalletProfile.ts';
export type { WalletSeat, WalletSeats } from './WalletSeats.ts';
