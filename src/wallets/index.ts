/** @module The wallets capability: private-key parsing, pool-key encryption, cached viem accounts. */
export { accountFor, type WalletAccount } from './accountFor.ts';
export { nativeSecp256k1, type NativeSecp256k1 } from './nativeSecp256k1.ts';
export { decryptPrivateKey, encryptPrivateKey, type EncryptedPrivateKey, type SimWalletKeyRow } from './encryption.ts';
export { parseEncryptionKey } from './parseEncryptionKey.ts';
export { parsePrivateKeys } from './parsePrivateKeys.ts';
export { PoolDecryptError, PoolKeyMismatchError, type PoolDecryptReason } from './PoolDecryptError.ts';
export { createEnvSeats } from './createEnvSeats.ts';
export { createEphemeralSeats } from './createEphemeralSeats.ts';
export { createSeatLock, type SeatLock } from './createSeatLock.ts';
export type { WalletSeat, WalletSeats } from './WalletSeats.ts';
