/** @module One-shot pool bootstrap (`rocket-sim pool bootstrap`, SIM_BOOTSTRAP_ONLY): import env keys, generate up to the target. */
import type { Hex } from 'viem';
import type { PoolClient } from './createPoolClient.ts';
import { generateWallets } from './generateWallets.ts';
import { importEnvWallets, type ImportResult } from './importEnvWallets.ts';
import { poolStatus } from './poolStatus.ts';
import { verifyEncryptionKey } from './verifyEncryptionKey.ts';

export interface BootstrapOptions {
  /** current encryption key and its id */
  key: Buffer;
  kid: string;
  /** SIM_WALLET_PRIVATE_KEYS */
  privateKeys: readonly Hex[];
  /** SIM_IMPORT_ENV_WALLETS_TO_SUPABASE */
  importEnvWallets: boolean;
  /** SIM_MANAGED_WALLET_TARGET_COUNT: active wallets wanted */
  targetCount: number;
  batchSize?: number;
  onBatch?: (progress: { stored: number; count: number }) => void;
}

export interface BootstrapResult {
  importedCount: number;
  alreadyPresentCount: number;
  /** imported keys whose rows are retired/compromised/inactive and were left so */
  notActive: ImportResult['notActive'];
  generatedCount: number;
  /** active wallets after the bootstrap */
  availableWalletCount: number;
  targetCount: number;
  generateMs: number;
  storeMs: number;
}

/**
 * Checks the encryption key against stored rows (nothing is written if it is wrong), imports the
 * env keys when asked, then generates wallets until the pool holds `targetCount` active ones.
 */
export async function bootstrapPool(client: PoolClient, options: BootstrapOptions): Promise<BootstrapResult> {
  await verifyEncryptionKey(client, options.key, options.kid);
  const imported = options.importEnvWallets
    ? await importEnvWallets(client, options.privateKeys, options.key, options.kid)
    : { imported: [], alreadyPresent: [], notActive: [] };
  const before = await poolStatus(client);
  const missing = Math.max(0, options.targetCount - before.active);
  const generated = await generateWallets(client, {
    count: missing,
    key: options.key,
    kid: options.kid,
    ...(options.batchSize ? { batchSize: options.batchSize } : {}),
    ...(options.onBatch ? { onBatch: options.onBatch } : {}),
  });
  return {
    importedCount: imported.imported.length,
    alreadyPresentCount: imported.alreadyPresent.length,
    notActive: imported.notActive,
    generatedCount: generated.wallets.length,
    availableWalletCount: before.active + generated.wallets.length,
    targetCount: options.targetCount,
    generateMs: generated.generateMs,
    storeMs: generated.storeMs,
  };
}
