/** @module The managed wallet pool: service-role client, import/generate/rotate/retire, leases, growth, ETH-lock rows. */
export { bootstrapPool } from './bootstrapPool.ts';
export { claimWallets } from './claimWallets.ts';
export { createPoolClient, poolTargetFromConfig, type PoolClient, type PoolTarget } from './createPoolClient.ts';
export { ethLockRow } from './ethLockRow.ts';
export { generateWallets } from './generateWallets.ts';
export { importEnvWallets } from './importEnvWallets.ts';
export { loadActiveWallets } from './loadActiveWallets.ts';
export { ManagedWalletGrowth, poolGrowthSource } from './ManagedWalletGrowth.ts';
export { poolStatus, type PoolStatus } from './poolStatus.ts';
export { releaseAllLeases, releaseLeases } from './releaseLeases.ts';
export { renewLeases } from './renewLeases.ts';
export { retireWallets } from './retireWallets.ts';
export { rotatePoolKey } from './rotatePoolKey.ts';
export { verifyEncryptionKey } from './verifyEncryptionKey.ts';
export { walletRegistryRow } from './walletRegistryRow.ts';
