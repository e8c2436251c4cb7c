/**
 * @module The only reader of `process.env`: validates every variable of the registry at start,
 * then hands a frozen, typed configuration down. Errors name the variable at fault.
 */
import type { Hex } from 'viem';
import { ConfigError } from '../errors/index.ts';
import { registerSecret } from '../log/index.ts';
import { parseEncryptionKey } from '../wallets/parseEncryptionKey.ts';
import { parsePrivateKeys } from '../wallets/parsePrivateKeys.ts';
import type { AuthRateLimits } from './parseAuthRateLimits.ts';
import { variables, type VariableName, type VariableSpec, type VariableValues } from './variables.ts';

export type Env = Readonly<Record<string, string | undefined>>;
export type WalletSource = VariableValues['SIM_WALLET_SOURCE'];

export interface SimConfig {
  target: {
    /** base URL without trailing slash */
    url: string | undefined;
    anonKey: string | undefined;
    serviceRoleKey: string | undefined;
  };
  wallets: {
    source: WalletSource;
    privateKeys: readonly Hex[];
    encryptionKey: Buffer | undefined;
    /** key id → key, including the current key under `kid` */
    decryptionKeys: ReadonlyMap<string, Buffer>;
    kid: string;
    targetCount: number;
    generationIntervalMs: { min: number; max: number };
    importEnvWallets: boolean;
    autoConfirmEthLock: boolean;
    ethLock: { toAddress: Hex; amountWei: bigint };
    leaseTtlMs: number;
  };
  siwe: { chainId: number; uri: string; domain: string };
  gameplay: {
    boxTierIds: readonly string[] | undefined;
    loopIntervalMs: number;
    initialSpreadMs: number;
    maxBoxOpensPerCycle: number;
    boxOpenProbability: number;
    submitProbability: number;
    maxBidAttemptsPerCycle: number;
    bidAttemptProbability: number;
    bidMarkup: { min: number; max: number };
    playerModel: VariableValues['SIM_PLAYER_MODEL'];
    whitelistBonusFlux: number;
    dailyClaimFlux: number;
    faucetIntervalSeconds: number;
    userAgent: string;
  };
  /** undefined: the caller picks one and prints it */
  seed: number | undefined;
  modes: { dryRun: boolean; runOnce: boolean; bootstrapOnly: boolean; selfTest: boolean };
  run: {
    driveAuctionTick: boolean;
    auctionTickIntervalMs: number;
    allowedTargets: readonly string[];
    /** SIM_AUTH_RATE_LIMITS: the remote project's Auth limits the pre-flight plans against */
    authRateLimits: AuthRateLimits;
    confirmTarget: string | undefined;
    eventLog: string;
    logLevel: VariableValues['SIM_LOG_LEVEL'];
    runId: string | undefined;
    runUntil: number | undefined;
    /** SIM_PUBLISH_METRICS: where the run's metrics are also published */
    publishMetrics: VariableValues['SIM_PUBLISH_METRICS'];
    /** SIM_DASHBOARD_PORT: the live dashboard's port (--dashboard wins) */
    dashboardPort: number | undefined;
    /** SIM_DASHBOARD_HOST (--dashboard-host wins) */
    dashboardHost: string | undefined;
  };
  databaseUrl: string | undefined;
  /** the database sampler of `rocket-sim run` (src/dbwatch) */
  dbwatch: { databaseUrl: string | undefined; sampleIntervalMs: number };
  /** canonical names of the variables the user set (directly or through an alias) */
  explicit: ReadonlySet<VariableName>;
}

/** Which variable (canonical or alias) supplied each value: error messages name what the user set. */
export type VariableSources = Partial<Record<VariableName, string>>;

/**
 * Parses every registered variable. Empty strings count as unset (as in the legacy worker);
 * a set but malformed value is an error naming the variable as the user wrote it.
 */
function readVariables(env: Env): { values: VariableValues; sources: VariableSources } {
  const values: Record<string, unknown> = {};
  const sources: VariableSources = {};
  for (const [key, spec] of Object.entries(variables) as [VariableName, VariableSpec<unknown>][]) {
    const names = [spec.name, ...(spec.aliases ?? [])];
    const setName = names.find((name) => env[name] !== undefined && env[name]!.trim() !== '');
    const raw = setName === undefined ? spec.default : env[setName];
    if (raw === undefined) {
      values[key] = undefined;
      continue;
    }
    if (setName !== undefined) sources[key] = setName;
    const parsed = spec.schema.safeParse(raw);
    if (!parsed.success) {
      const reason = parsed.error.issues[0]?.message ?? 'is malformed';
      const shown = spec.secret || raw.length > 80 ? '' : ` (got "${raw}")`;
      throw new ConfigError(setName ?? spec.name, `${reason}${shown}`);
    }
    if (spec.secret && typeof raw === 'string') registerSecret(raw.trim());
    values[key] = parsed.data;
  }
  return { values: values as VariableValues, sources };
}

/**
 * Reads and validates one registered variable (for commands that need only a few, like
 * `rocket-sim local`, so an unrelated malformed SIM_* value does not block them).
 */
export function readVariable<K extends VariableName>(key: K, env: Env = process.env): VariableValues[K] {
  const spec = variables[key] as VariableSpec<unknown>;
  const { values } = readVariables(
    Object.fromEntries([spec.name, ...(spec.aliases ?? [])].map((name) => [name, env[name]])),
  );
  return values[key];
}

function parseDecryptionKeys(raw: string | undefined, variable: string): Map<string, Buffer> {
  const keys = new Map<string, Buffer>();
  if (raw === undefined) return keys;
  const entries = raw
    .split(/[,\n]/)
    .map((entry) => entry.trim())
    .filter(Boolean);
  entries.forEach((entry, index) => {
    const colon = entry.indexOf(':');
    const kid = colon > 0 ? entry.slice(0, colon).trim() : '';
    if (!/^[A-Za-z0-9._-]{1,64}$/.test(kid)) {
      throw new ConfigError(
        variable,
        `entry ${index + 1} must be written kid:key (kid of 1-64 characters of A-Z a-z 0-9 . _ -)`,
      );
    }
    keys.set(kid, parseEncryptionKey(entry.slice(colon + 1), `${variable} (entry ${index + 1}, kid ${kid})`));
  });
  return keys;
}

/**
 * Loads and validates the suite's configuration. Validates formats and cross-field rules of
 * everything that is set; what a command needs on top (target, service key, ...) is checked by
 * the `require*` functions so that, say, `rocket-sim self-test` runs without a target.
 */
export function loadSimConfig(env: Env = process.env): Readonly<SimConfig> {
  const { values: v, sources } = readVariables(env);
  const name = (key: VariableName) => sources[key] ?? key;

  if (v.SIM_BID_MARKUP_MIN > v.SIM_BID_MARKUP_MAX) {
    throw new ConfigError(
      name('SIM_BID_MARKUP_MIN'),
      `must not exceed SIM_BID_MARKUP_MAX (${v.SIM_BID_MARKUP_MIN} > ${v.SIM_BID_MARKUP_MAX})`,
    );
  }
  const genMin = v.SIM_MANAGED_WALLET_GENERATION_MIN_INTERVAL_MS;
  const genMax = v.SIM_MANAGED_WALLET_GENERATION_MAX_INTERVAL_MS;
  if (genMin > genMax) {
    throw new ConfigError(
      name('SIM_MANAGED_WALLET_GENERATION_MIN_INTERVAL_MS'),
      `must not exceed SIM_MANAGED_WALLET_GENERATION_MAX_INTERVAL_MS (${genMin} > ${genMax})`,
    );
  }
  if (v.SIM_DRY_RUN && v.SIM_WALLET_SOURCE === 'supabase') {
    throw new ConfigError(
      name('SIM_DRY_RUN'),
      'SIM_DRY_RUN=true only supports SIM_WALLET_SOURCE=env or ephemeral (the dry run never reads a managed pool)',
    );
  }

  const privateKeys = parsePrivateKeys(v.SIM_WALLET_PRIVATE_KEYS, name('SIM_WALLET_PRIVATE_KEYS'));
  privateKeys.forEach(registerSecret);
  const encryptionKey =
    v.SIM_MANAGED_WALLETS_ENCRYPTION_KEY === undefined
      ? undefined
      : parseEncryptionKey(v.SIM_MANAGED_WALLETS_ENCRYPTION_KEY, name('SIM_MANAGED_WALLETS_ENCRYPTION_KEY'));
  const decryptionKeys = parseDecryptionKeys(
    v.SIM_MANAGED_WALLETS_DECRYPTION_KEYS,
    name('SIM_MANAGED_WALLETS_DECRYPTION_KEYS'),
  );
  if (encryptionKey) decryptionKeys.set(v.SIM_MANAGED_WALLET_KID, encryptionKey);

  const weiPerEth = 10n ** 18n;
  const [whole = '0', fraction = ''] = String(v.VITE_SPEC_WHITELIST_ETH).split('.');
  const defaultWei = BigInt(whole) * weiPerEth + BigInt((fraction + '0'.repeat(18)).slice(0, 18) || '0');

  const config: SimConfig = {
    target: {
      url: v.SUPABASE_URL,
      anonKey: v.SUPABASE_ANON_KEY,
      serviceRoleKey: v.SIM_SUPABASE_SERVICE_ROLE_KEY,
    },
    wallets: {
      source: v.SIM_WALLET_SOURCE,
      privateKeys,
      encryptionKey,
      decryptionKeys,
      kid: v.SIM_MANAGED_WALLET_KID,
      targetCount: v.SIM_MANAGED_WALLET_TARGET_COUNT,
      generationIntervalMs: { min: genMin, max: genMax },
      importEnvWallets: v.SIM_IMPORT_ENV_WALLETS_TO_SUPABASE,
      autoConfirmEthLock: v.SIM_AUTO_CONFIRM_ETH_LOCK,
      ethLock: { toAddress: v.SIM_ETH_LOCK_TO_ADDRESS, amountWei: v.SIM_ETH_LOCK_AMOUNT_WEI ?? defaultWei },
      leaseTtlMs: v.SIM_LEASE_TTL_MS,
    },
    siwe: {
      chainId: v.SIM_CHAIN_ID,
      uri: v.SIM_SIWE_URI,
      domain: v.SIM_SIWE_DOMAIN ?? new URL(v.SIM_SIWE_URI).host,
    },
    gameplay: {
      boxTierIds: v.SIM_BOX_TIER_IDS,
      loopIntervalMs: v.SIM_LOOP_INTERVAL_MS,
      initialSpreadMs: v.SIM_INITIAL_SPREAD_MS,
      maxBoxOpensPerCycle: v.SIM_MAX_BOX_OPENS_PER_CYCLE,
      boxOpenProbability: v.SIM_BOX_OPEN_PROBABILITY,
      submitProbability: v.SIM_SUBMIT_PROBABILITY,
      maxBidAttemptsPerCycle: v.SIM_MAX_BID_ATTEMPTS_PER_CYCLE,
      bidAttemptProbability: v.SIM_BID_ATTEMPT_PROBABILITY,
      bidMarkup: { min: v.SIM_BID_MARKUP_MIN, max: v.SIM_BID_MARKUP_MAX },
      playerModel: v.SIM_PLAYER_MODEL,
      whitelistBonusFlux: v.VITE_SPEC_WHITELIST_BONUS_FLUX,
      dailyClaimFlux: v.VITE_SPEC_DAILY_CLAIM_FLUX,
      faucetIntervalSeconds: v.VITE_SPEC_FAUCET_INTERVAL_SECONDS,
      userAgent: v.SIM_USER_AGENT,
    },
    seed: v.SIM_SEED,
    modes: {
      dryRun: v.SIM_DRY_RUN,
      runOnce: v.SIM_RUN_ONCE,
      bootstrapOnly: v.SIM_BOOTSTRAP_ONLY,
      selfTest: v.SIM_SELF_TEST,
    },
    run: {
      driveAuctionTick: v.SIM_DRIVE_AUCTION_TICK,
      auctionTickIntervalMs: v.SIM_AUCTION_TICK_INTERVAL_MS,
      allowedTargets: v.SIM_ALLOWED_TARGETS ?? [],
      authRateLimits: v.SIM_AUTH_RATE_LIMITS,
      confirmTarget: v.SIM_CONFIRM_TARGET,
      eventLog: v.SIM_EVENT_LOG,
      logLevel: v.SIM_LOG_LEVEL,
      runId: v.SIM_RUN_ID,
      runUntil: v.SIM_RUN_UNTIL,
      publishMetrics: v.SIM_PUBLISH_METRICS,
      dashboardPort: v.SIM_DASHBOARD_PORT,
      dashboardHost: v.SIM_DASHBOARD_HOST,
    },
    databaseUrl: v.DATABASE_URL,
    dbwatch: { databaseUrl: v.SIM_DATABASE_URL, sampleIntervalMs: v.SIM_DB_SAMPLE_INTERVAL_MS },
    explicit: new Set(Object.keys(sources) as VariableName[]),
  };
  return deepFreeze(config);
}

function deepFreeze<T>(value: T): T {
  if (
    value &&
    typeof value === 'object' &&
    !Buffer.isBuffer(value) &&
    !(value instanceof Map) &&
    !(value instanceof Set)
  ) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

/** The target URL and anon key, or a ConfigError naming the missing variable. */
export function requireTarget(config: SimConfig): { url: string; anonKey: string } {
  if (!config.target.url)
    throw new ConfigError('SUPABASE_URL', 'is required (or VITE_SUPABASE_URL): the base URL of the project under test');
  if (!config.target.anonKey) {
    throw new ConfigError(
      'SUPABASE_ANON_KEY',
      'is required (or SUPABASE_PUBLISHABLE_KEY, VITE_SUPABASE_PUBLISHABLE_KEY, VITE_SUPABASE_ANON_KEY)',
    );
  }
  return { url: config.target.url, anonKey: config.target.anonKey };
}

/** The service-role key, or a ConfigError saying why it is needed. */
export function requireServiceKey(config: SimConfig, why: string): string {
  if (!config.target.serviceRoleKey) {
    throw new ConfigError('SIM_SUPABASE_SERVICE_ROLE_KEY', `is required (or SUPABASE_SERVICE_ROLE_KEY) ${why}`);
  }
  return config.target.serviceRoleKey;
}

/** The current encryption key of the managed pool, or a ConfigError. */
export function requireEncryptionKey(config: SimConfig): Buffer {
  if (!config.wallets.encryptionKey) {
    throw new ConfigError(
      'SIM_MANAGED_WALLETS_ENCRYPTION_KEY',
      'is required for the managed wallet pool: 64 hex characters or base64 of 32 bytes',
    );
  }
  return config.wallets.encryptionKey;
}

/** Checks what the configured wallet source needs before any request is sent. */
export function requireWalletSource(config: SimConfig): void {
  const { source, privateKeys } = config.wallets;
  if (source === 'env' && privateKeys.length === 0) {
    throw new ConfigError('SIM_WALLET_PRIVATE_KEYS', 'is empty: the env wallet source needs at least one private key');
  }
  if (source === 'supabase') {
    requireServiceKey(config, 'for SIM_WALLET_SOURCE=supabase (the managed pool tables are service-role only)');
    requireEncryptionKey(config);
  }
}
