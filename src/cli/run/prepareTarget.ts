/**
 * @module The target of a run. `-e local` (the default) starts the embedded stack with a fast
 * auction cadence and a fast economy and seeds a small managed pool; other environments check
 * the production guard and that the target answers, and prepare the managed pool when used.
 */
import { randomBytes } from 'node:crypto';
import {
  AUTH_RATE_LIMITS_OFF,
  checkTargetGuard,
  formatAuthRateLimits,
  HOSTED_AUTH_RATE_LIMITS,
  requireEncryptionKey,
  requireServiceKey,
  requireTarget,
  requireWalletSource,
  type AuthRateLimits,
  type SimConfig,
} from '../../config/index.ts';
import { ConfigError, TargetUnreachableError } from '../../errors/index.ts';
import { explainStartupError } from '../explainStartupError.ts';
import { startLocalStack, type AuctionCadence, type LocalStack, type LocalStackOptions } from '../../local/index.ts';
import type { Logger } from '../../log/index.ts';
import {
  bootstrapPool,
  createPoolClient,
  ManagedWalletGrowth,
  poolGrowthSource,
  poolStatus,
  type PoolClient,
} from '../../pool/index.ts';
import type { PlatformLimits } from '../../report/platformLimits.ts';

export interface PreparedTarget {
  url: string;
  /** host[:port] shown in reports */
  host: string;
  serviceRoleKey: string | undefined;
  /** variables for the Artillery child on top of the user's environment */
  env: Record<string, string>;
  /** wallets the source can hand out (undefined: unbounded) */
  walletCapacity: number | undefined;
  walletSource: SimConfig['wallets']['source'];
  local: LocalStack | undefined;
  /** pool client when the managed pool is used (leases are freed through it after the run) */
  pool: PoolClient | undefined;
  /** the Auth limits the run meets (run-meta `platformLimits`) */
  platformLimits: PlatformLimits | undefined;
  /** stops everything this preparation started */
  close(): Promise<void>;
}

/** Auction cadence of the embedded stack per scenario: a whole round fits in the run. */
const LOCAL_CADENCE: Record<string, AuctionCadence> = {
  default: { submissionsMs: 20_000, roundMs: 50_000, tickIntervalMs: 1_000 },
  'auction-rush': { submissionsMs: 25_000, roundMs: 80_000, tickIntervalMs: 1_000 },
  soak: { submissionsMs: 60_000, roundMs: 240_000, tickIntervalMs: 5_000 },
};

/**
 * Auth limiters of the embedded stack per scenario: hosted, like the project the run stands for,
 * except where the scenario's subject is not the limiter: auth-storm measures the web3 grant
 * itself, once, auction-rush and chaos sign in more wallets from the one loopback IP than a hosted
 * bucket holds (30). The run's meta and report say which limits were off; `--auth-rate-limits`
 * overrides.
 */
const LOCAL_AUTH_RATE_LIMITS: Record<string, AuthRateLimits> = {
  'auth-storm': AUTH_RATE_LIMITS_OFF,
  once: AUTH_RATE_LIMITS_OFF,
  'auction-rush': AUTH_RATE_LIMITS_OFF,
  chaos: AUTH_RATE_LIMITS_OFF,
};

/** The dev economy of the frontend (VITE_SPEC_DEV_FAST_ECONOMY), with a faucet window under the 30-claims/15-min limit. */
const FAST_ECONOMY: Record<string, string> = {
  VITE_SPEC_WHITELIST_BONUS_FLUX: '300',
  VITE_SPEC_DAILY_CLAIM_FLUX: '20',
  VITE_SPEC_FAUCET_INTERVAL_SECONDS: '30',
};

const hostOf = (url: string) => new URL(url).host;

/** Starts the embedded stack for a run and seeds its managed pool. */
export async function prepareLocalTarget(options: {
  config: SimConfig;
  scenario: string;
  stack: LocalStackOptions;
  /** wallets to seed in the local pool */
  wallets: number;
  log: Logger;
}): Promise<PreparedTarget> {
  const { config, scenario, log } = options;
  const explicitSource = config.explicit.has('SIM_WALLET_SOURCE');
  const walletSource = explicitSource ? config.wallets.source : scenario === 'auth-storm' ? 'ephemeral' : 'supabase';
  if (walletSource === 'env' && config.wallets.privateKeys.length === 0) requireWalletSource(config);
  let siteUrl: string;
  try {
    siteUrl = new URL(config.siwe.uri).origin;
  } catch {
    throw new ConfigError('SIM_SIWE_URI', 'must be an absolute URI');
  }
  // injected faults are switched on by runScenario only while Artillery runs: the pool bootstrap here
  // and the post-run health checks must not fail on them
  const given = Object.fromEntries(
    Object.entries(options.stack).filter(([key, value]) => value !== undefined && key !== 'faults'),
  );
  const stack = await startLocalStack({
    port: 0,
    jwtSecret: randomBytes(32).toString('hex'),
    siteUrl,
    auction: LOCAL_CADENCE[scenario] ?? LOCAL_CADENCE.default,
    authRateLimits: LOCAL_AUTH_RATE_LIMITS[scenario] ?? HOSTED_AUTH_RATE_LIMITS,
    ...given,
    log,
  }).catch((error: unknown) => {
    throw explainStartupError(error, { databaseUrl: options.stack.databaseUrl });
  });
  try {
    const env: Record<string, string> = {
      SUPABASE_URL: stack.url,
      SUPABASE_ANON_KEY: stack.anonKey,
      SIM_SUPABASE_SERVICE_ROLE_KEY: stack.serviceRoleKey,
      SIM_WALLET_SOURCE: walletSource,
    };
    // SIM_DRY_RUN=true has done its part (this embedded stack): the workers must not read it again and
    // refuse the stack's own managed pool, which is offline like the rest of the stack (empty = unset)
    if (config.modes.dryRun) env.SIM_DRY_RUN = '';
    for (const [name, value] of Object.entries(FAST_ECONOMY)) {
      if (!config.explicit.has(name as never)) env[name] = value;
    }
    let pool: PoolClient | undefined;
    let walletCapacity: number | undefined = walletSource === 'env' ? config.wallets.privateKeys.length : undefined;
    if (walletSource === 'supabase') {
      const key = config.wallets.encryptionKey ?? randomBytes(32);
      env.SIM_MANAGED_WALLETS_ENCRYPTION_KEY = key.toString('hex');
      pool = createPoolClient({ url: stack.url, serviceRoleKey: stack.serviceRoleKey });
      const result = await bootstrapPool(pool, {
        key,
        kid: config.wallets.kid,
        privateKeys: config.wallets.privateKeys,
        importEnvWallets: config.wallets.importEnvWallets,
        targetCount: Math.max(options.wallets, config.wallets.targetCount),
      });
      walletCapacity = result.availableWalletCount;
      log.info({
        event: 'managed_wallet_pool_ready',
        importedCount: result.importedCount,
        availableWalletCount: result.availableWalletCount,
        targetCount: result.targetCount,
        autoConfirmEthLock: config.wallets.autoConfirmEthLock,
      });
    }
    return {
      url: stack.url,
      host: hostOf(stack.url),
      serviceRoleKey: stack.serviceRoleKey,
      env,
      walletCapacity,
      walletSource,
      local: stack,
      pool,
      platformLimits: { source: 'embedded stack', authRateLimits: formatAuthRateLimits(stack.authRateLimits) },
      close: () => stack.stop(),
    };
  } catch (error) {
    await stack.stop();
    throw error;
  }
}

/** Answers within 5 s, or a TargetUnreachableError (exit code 3) naming the host. */
async function probeTarget(url: string, anonKey: string): Promise<void> {
  try {
    await fetch(`${url}/auth/v1/health`, { headers: { apikey: anonKey }, signal: AbortSignal.timeout(5000) });
  } catch (error) {
    // ECONNREFUSED, ENOTFOUND, TimeoutError, or undici's reason ("bad port") when there is no code
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    const reason = cause?.code ?? cause?.message ?? (error instanceof Error ? error.name : String(error));
    throw new TargetUnreachableError(
      `target ${hostOf(url)} is unreachable (${reason}; GET /auth/v1/health got no answer, limit 5 s)`,
    );
  }
}

/** Checks a remote target and prepares the managed pool when it is the wallet source. */
export async function prepareRemoteTarget(options: {
  config: SimConfig;
  targetUrl: string | undefined;
  environment: string;
  confirmTarget: string | undefined;
  /** draws of the run's seeded PRNG, for the pool growth pauses */
  random: () => number;
  log: Logger;
  /** the pre-flight, run after the guard and before the first request (throws to refuse) */
  preflight?: () => PlatformLimits;
}): Promise<PreparedTarget> {
  const { config, log } = options;
  const { anonKey } = requireTarget({
    ...config,
    target: { ...config.target, url: options.targetUrl ?? config.target.url },
  });
  // both are normalised already (--target by the CLI, SUPABASE_URL by the registry)
  const url = (options.targetUrl ?? config.target.url)!;
  checkTargetGuard({
    targetUrl: url,
    environment: options.environment,
    allowedTargets: config.run.allowedTargets,
    confirmTarget: options.confirmTarget ?? config.run.confirmTarget,
    confirmHint: `--confirm-target ${new URL(url).hostname} (or SIM_CONFIRM_TARGET)`,
  });
  requireWalletSource(config);
  const platformLimits = options.preflight?.();
  await probeTarget(url, anonKey);
  const env: Record<string, string> = { SUPABASE_URL: url };
  let pool: PoolClient | undefined;
  let growth: ManagedWalletGrowth | undefined;
  let walletCapacity: number | undefined =
    config.wallets.source === 'env' ? config.wallets.privateKeys.length : undefined;
  if (config.wallets.source === 'supabase') {
    const serviceRoleKey = requireServiceKey(config, 'for SIM_WALLET_SOURCE=supabase');
    const key = requireEncryptionKey(config);
    pool = createPoolClient({ url, serviceRoleKey });
    // like the legacy worker: import env keys, make sure one wallet exists, grow toward the target during the run
    const result = await bootstrapPool(pool, {
      key,
      kid: config.wallets.kid,
      privateKeys: config.wallets.privateKeys,
      importEnvWallets: config.wallets.importEnvWallets,
      targetCount: Math.min(1, config.wallets.targetCount),
    });
    walletCapacity = (await poolStatus(pool)).active;
    log.info({
      event: 'managed_wallet_pool_ready',
      importedCount: result.importedCount,
      availableWalletCount: walletCapacity,
      targetCount: config.wallets.targetCount,
      autoConfirmEthLock: config.wallets.autoConfirmEthLock,
    });
    if (walletCapacity === 0)
      throw new ConfigError(
        'SIM_MANAGED_WALLET_TARGET_COUNT',
        'No active managed simulator wallets are available: set a target count or import keys',
      );
    if (config.wallets.targetCount > walletCapacity) {
      growth = new ManagedWalletGrowth({
        targetCount: config.wallets.targetCount,
        intervalMs: config.wallets.generationIntervalMs,
        random: options.random,
        log,
        ...poolGrowthSource(pool, key, config.wallets.kid),
      });
      growth.start();
    }
  }
  return {
    url,
    host: hostOf(url),
    serviceRoleKey: config.target.serviceRoleKey,
    env,
    walletCapacity,
    walletSource: config.wallets.source,
    local: undefined,
    pool,
    platformLimits,
    close: async () => {
      await growth?.stop();
    },
  };
}
