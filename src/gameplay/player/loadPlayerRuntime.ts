/**
 * @module Loads the players' runtime of one Artillery worker thread from the environment and the
 * target Artillery resolved: configuration, production guard, event log, wallet seats, seed.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { checkTargetGuard, loadSimConfig, requireWalletSource, type SimConfig } from '../../config/index.ts';
import { createLogger, type Logger } from '../../log/index.ts';
import type { WalletSeats } from '../../wallets/WalletSeats.ts';
import { createPlayerRuntime, type PlayerRuntime } from './createPlayerRuntime.ts';
import { resolveTarget } from './resolveTarget.ts';
import type { EthLockRows } from './steps.ts';

/** Seat provider and ETH-lock row builders for the configured wallet source. */
export interface SourceFactory {
  seats(config: SimConfig, log: Logger, runId: string): Promise<WalletSeats>;
  ethLockRows(config: SimConfig): EthLockRows;
}

/**
 * Loads the runtime of a worker thread from the environment and Artillery's resolved target
 * (`-t`, `-e`, `config.target`; `SUPABASE_URL` only without one): validates the configuration and
 * the production guard before anything is sent, opens the event log, prints the seed.
 */
export async function loadPlayerRuntime(options: {
  targetFromArtillery: string | undefined;
  environment: string | undefined;
  sources: SourceFactory;
}): Promise<PlayerRuntime> {
  const loaded = loadSimConfig();
  const { baseUrl } = resolveTarget(loaded, options.targetFromArtillery);
  // the target Artillery resolved is the target of everything this worker does (pool leases too)
  const config: SimConfig = { ...loaded, target: { ...loaded.target, url: baseUrl } };
  checkTargetGuard({
    targetUrl: baseUrl,
    environment: options.environment,
    allowedTargets: config.run.allowedTargets,
    confirmTarget: config.run.confirmTarget,
  });
  requireWalletSource(config);
  const runId = config.run.runId ?? `artillery-${randomUUID().slice(0, 8)}`;
  const seed = config.seed ?? randomBytes(4).readUInt32BE();
  const log = createLogger({
    destination: config.run.eventLog === '-' ? 'stdout' : config.run.eventLog,
    level: config.run.logLevel,
    bindings: { runId },
  });
  const seats = await options.sources.seats(config, log, runId);
  log.info({
    event: 'simulator_starting',
    target: new URL(baseUrl).host,
    environment: options.environment,
    walletSource: config.wallets.source,
    wallets: seats.capacity() ?? 'unbounded',
    seed,
    chainId: config.siwe.chainId,
    siweDomain: config.siwe.domain,
  });
  return createPlayerRuntime({ config, seats, ethLockRows: options.sources.ethLockRows(config), log, baseUrl, seed });
}
