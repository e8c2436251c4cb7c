/**
 * @module Where players' wallets come from: the env list, fresh ephemeral keys, or leases on the
 * managed pool (claimed in batches as players arrive, renewed while held, released at the end).
 */
import { randomBytes } from 'node:crypto';
import { threadId } from 'node:worker_threads';
import type { Hex } from 'viem';
import type { SimConfig } from '../../config/index.ts';
import type { Logger } from '../../log/index.ts';
import {
  claimWallets,
  createPoolClient,
  ethLockRow,
  poolTargetFromConfig,
  releaseLeases,
  renewLeases,
  walletRegistryRow,
  type PoolClient,
} from '../../pool/index.ts';
import { createEnvSeats, createEphemeralSeats, type WalletSeat, type WalletSeats } from '../../wallets/index.ts';
import type { SourceFactory } from './loadPlayerRuntime.ts';
import type { EthLockRows } from './steps.ts';

/** Wallets claimed per lease request: small enough to leave the rest to other workers. */
const CLAIM_BATCH = 10;

/**
 * Seats over managed-pool leases. All threads of a run lease under the run id (the CLI frees them
 * with one call at the end); claims are disjoint across threads and processes (SKIP LOCKED).
 */
function createPoolSeats(client: PoolClient, config: SimConfig, owner: string, log: Logger): WalletSeats {
  const free: WalletSeat[] = [];
  const held = new Map<string, WalletSeat>();
  let exhausted = false;
  let claiming: Promise<void> | undefined;

  const claimMore = async () => {
    const { wallets, failures } = await claimWallets(client, {
      owner,
      count: CLAIM_BATCH,
      leaseMs: config.wallets.leaseTtlMs,
      keys: config.wallets.decryptionKeys,
    });
    for (const failure of failures) log.warn({ event: 'managed_wallet_undecryptable', message: failure.message });
    if (wallets.length === 0) exhausted = true;
    for (const wallet of wallets) {
      const seat: WalletSeat = {
        address: wallet.address,
        privateKey: wallet.privateKey,
        source: 'supabase',
        profile: wallet.profile,
      };
      held.set(seat.address, seat);
      free.push(seat);
    }
  };

  const renewEvery = Math.max(1000, Math.floor(config.wallets.leaseTtlMs / 3));
  const renewTimer = setInterval(() => {
    if (held.size === 0) return;
    renewLeases(client, owner, config.wallets.leaseTtlMs).catch((error: unknown) => {
      log.warn({
        event: 'managed_wallet_lease_renew_failed',
        message: error instanceof Error ? error.message : String(error),
      });
    });
  }, renewEvery);
  renewTimer.unref();

  return {
    async acquire(exclude) {
      for (;;) {
        const index = free.findIndex((seat) => !exclude?.has(seat.address));
        if (index >= 0) return free.splice(index, 1)[0];
        if (exhausted) return undefined;
        claiming ??= claimMore().finally(() => {
          claiming = undefined;
        });
        await claiming;
      }
    },
    release(seat) {
      if (held.has(seat.address) && !free.includes(seat)) free.push(seat);
    },
    capacity: () => undefined,
    async close() {
      clearInterval(renewTimer);
      const wallets = [...held.keys()];
      held.clear();
      free.length = 0;
      if (wallets.length > 0) await releaseLeases(client, owner, wallets);
    },
  };
}

/** The ETH-lock upsert bodies a managed wallet's player sends after its first sign-in. */
function poolEthLockRows(config: SimConfig): EthLockRows {
  return {
    walletRegistry: (wallet) => walletRegistryRow(wallet, new Date()),
    ethLock: (wallet, authUserId) =>
      ethLockRow({
        wallet,
        authUserId,
        chainId: config.siwe.chainId,
        toAddress: config.wallets.ethLock.toAddress as Hex,
        amountWei: config.wallets.ethLock.amountWei,
        userAgent: config.gameplay.userAgent,
        now: new Date(),
        nonce: randomBytes(8).toString('hex'),
      }),
  };
}

/** The wallet source of the configuration (`SIM_WALLET_SOURCE`). */
export const walletSources: SourceFactory = {
  async seats(config, log, runId) {
    switch (config.wallets.source) {
      case 'env':
        return createEnvSeats(config.wallets.privateKeys);
      case 'ephemeral':
        return createEphemeralSeats();
      case 'supabase':
        log.debug({ event: 'managed_wallet_leasing', owner: runId, thread: threadId });
        return createPoolSeats(createPoolClient(poolTargetFromConfig(config)), config, runId, log);
    }
  },
  ethLockRows: poolEthLockRows,
};
