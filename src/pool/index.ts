/** @module The managed wallet pool: service-role client, import/generate/rotate/retire, leases, growth, ETH-lock rows. */
export { bootstrapPool, type BootstrapOptions, type BootstrapResult } from './bootstrapPool.ts';
export { claimWallets, type ClaimedWallets, type ClaimWalletsOptions, type LeasedWallet } from './claimWallets.ts';
export { createPoolClient, poolTargetFromConfig, type PoolClient, type PoolTarget } from './createPoolClient.ts';
export { decryptRows, undecryptableRowsError, type DecryptedRows, type PoolWallet } from './decryptRows.ts';
export { PoolAccessError, PoolEmptyError, PoolRequestError, PoolSchemaError, PoolWrongKeyError } from './errors.ts';
export { ethLockRow, type EthLockRowInput } from './ethLockRow.ts';
export { generateWallets, type GenerateOptions, type GenerateResult } from './generateWallets.ts';
export { importEnvWallets, type ImportResult } from './importEnvWallets.ts';
export { keyRow, type KeyInsert } from './keyRow.ts';
export { leaseSeconds } from './leaseSeconds.ts';
export { loadActiveWallets, type LoadActiveWalletsOptions, type LoadedWallets } from './loadActiveWallets.ts';
export {
  ManagedWalletGrowth,
  poolGrowthSource,
  type GeneratedWalletEvent,
  type GenerationFailedEvent,
  type ManagedWalletGrowthEvents,
  type ManagedWalletGrowthOptions,
} from './ManagedWalletGrowth.ts';
export type {
  ClaimedWalletRow,
  EthLockInsert,
  PoolDatabase,
  PoolStatusJson,
  ReencryptedRow,
  SimWalletKeysRow,
  SimWalletProfilesRow,
  WalletKeySource,
  WalletKeyStatus,
  WalletRegistryInsert,
} from './PoolDatabase.ts';
export { poolStatus, type PoolStatus } from './poolStatus.ts';
export { personaName, profileRow } from './profileRow.ts';
export { releaseAllLeases, releaseLeases } from './releaseLeases.ts';
export { renewLeases } from './renewLeases.ts';
export { retireWallets, type RetireResult } from './retireWallets.ts';
export { rotatePoolKey, type RotateOptions, type RotateResult } from './rotatePoolKey.ts';
export { seedEthLock } from './seedEthLock.ts';
export { touchLastUsed } from './touchLastUsed.ts';
export { POOL_MIGRATIONS, unwrap, type PostgrestResult } from './unwrap.ts';
export { verifyEncryptionKey } from './verifyEncryptionKey.ts';
export { walletRegistryRow } from './walletRegistryRow.ts';
