/**
 * @module `rocket-sim pool ...`: operator commands of the managed wallet pool (bootstrap, status,
 * import, generate, rotate-key, retire, release-leases). Each prints one JSON summary line.
 */
import type { DestinationStream } from 'pino';
import { loadSimConfig, requireEncryptionKey, type Env, type SimConfig } from '../../config/index.ts';
import { ConfigError, ExitCode, UsageError } from '../../errors/index.ts';
import { createLogger, redactDeep, type Logger } from '../../log/index.ts';
import {
  bootstrapPool,
  createPoolClient,
  generateWallets,
  importEnvWallets,
  poolStatus,
  poolTargetFromConfig,
  releaseAllLeases,
  releaseLeases,
  retireWallets,
  rotatePoolKey,
  verifyEncryptionKey,
  type PoolClient,
  type PoolStatus,
  type PoolTarget,
} from '../../pool/index.ts';
import type { PoolDecryptError } from '../../wallets/index.ts';
import { stringFlag, type Command, type ParsedArgs } from '../command.ts';

/** Where the commands read configuration and write output; tests replace all of it. */
export interface PoolCommandIo {
  /** environment for loadSimConfig (default: the process environment) */
  env?: Env;
  /** writes one summary line (default: process.stdout) */
  stdout?: (line: string) => void;
  /** warnings and progress (default stderr) */
  stderr?: DestinationStream;
  /** human-readable `pool status` text (default process.stdout) */
  print?: (text: string) => void;
  createClient?: (target: PoolTarget) => PoolClient;
}

interface Context {
  config: Readonly<SimConfig>;
  client: PoolClient;
  out: { info(fields: { event: string } & Record<string, unknown>): void };
  warn: Logger;
}

function contextOf(io: PoolCommandIo): Context {
  const config = loadSimConfig(io.env);
  const client = (io.createClient ?? createPoolClient)(poolTargetFromConfig(config));
  return {
    config,
    client,
    out: summaryWriter(io.stdout ?? ((line) => process.stdout.write(line))),
    warn: createLogger({ destination: io.stderr ?? 'stderr' }),
  };
}

function reportUndecryptable(warn: Logger, failures: readonly PoolDecryptError[]): void {
  for (const failure of failures) {
    warn.warn({
      event: 'managed_wallet_undecryptable',
      wallet: failure.walletAddress,
      kid: failure.kid,
      reason: failure.reason,
      code: failure.code,
    });
  }
}

/**
 * The summary line is the command's result (like `local_stack_ready`), written as one complete
 * JSON object `{"ts","event",...}` with secrets redacted.
 */
function summaryWriter(write: (line: string) => void): Context['out'] {
  return {
    info(fields) {
      write(`${JSON.stringify(redactDeep({ ts: new Date().toISOString(), ...fields }))}\n`);
    },
  };
}

const WALLET = /^0x[0-9a-fA-F]{40}$/;

/** The pool commands, with output and configuration taken from `io`. */
export function createPoolCommands(io: PoolCommandIo = {}): Command[] {
  const bootstrap: Command = {
    name: 'pool bootstrap',
    summary:
      'Seed the managed wallet pool: import SIM_WALLET_PRIVATE_KEYS, generate up to SIM_MANAGED_WALLET_TARGET_COUNT, exit',
    usage: `rocket-sim pool bootstrap

Checks SIM_MANAGED_WALLETS_ENCRYPTION_KEY against rows stored under SIM_MANAGED_WALLET_KID (nothing
is written with a wrong key), imports the env keys when SIM_IMPORT_ENV_WALLETS_TO_SUPABASE=true
(existing rows are never changed or reactivated), then generates wallets until the pool holds
SIM_MANAGED_WALLET_TARGET_COUNT active ones. Prints managed_wallet_bootstrap_complete.`,
    options: {},
    async run() {
      const { config, client, out, warn } = contextOf(io);
      const started = performance.now();
      const result = await bootstrapPool(client, {
        key: requireEncryptionKey(config),
        kid: config.wallets.kid,
        privateKeys: config.wallets.privateKeys,
        importEnvWallets: config.wallets.importEnvWallets,
        targetCount: config.wallets.targetCount,
        onBatch: ({ stored, count }) => warn.info({ event: 'managed_wallet_generation_progress', stored, count }),
      });
      for (const { wallet, status } of result.notActive)
        warn.warn({ event: 'managed_wallet_import_skipped', wallet, status });
      const durationMs = Math.round(performance.now() - started);
      out.info({
        event: 'managed_wallet_bootstrap_complete',
        importedCount: result.importedCount,
        alreadyPresentCount: result.alreadyPresentCount,
        notActiveCount: result.notActive.length,
        generatedCount: result.generatedCount,
        availableWalletCount: result.availableWalletCount,
        targetCount: result.targetCount,
        keyKid: config.wallets.kid,
        durationMs,
        generateMs: Math.round(result.generateMs),
        storeMs: Math.round(result.storeMs),
      });
      return ExitCode.ok;
    },
  };

  const status: Command = {
    name: 'pool status',
    summary: 'Count pool wallets by status, key id and source, and the leases held now',
    usage: 'rocket-sim pool status [--json]',
    options: { json: { type: 'boolean' } },
    async run(args) {
      const { config, client, out } = contextOf(io);
      const counts = await poolStatus(client);
      const summary = {
        event: 'managed_wallet_pool_status',
        ...counts,
        targetCount: config.wallets.targetCount,
        keyKid: config.wallets.kid,
        notUnderCurrentKid: counts.total - (counts.byKid[config.wallets.kid] ?? 0),
      };
      if (args.values.json) out.info(summary);
      else (io.print ?? ((text) => process.stdout.write(text)))(formatStatus(counts, config));
      return ExitCode.ok;
    },
  };

  const importCommand: Command = {
    name: 'pool import',
    summary: 'Import SIM_WALLET_PRIVATE_KEYS into the pool (source env_import); existing rows are left unchanged',
    usage: 'rocket-sim pool import',
    options: {},
    async run() {
      const { config, client, out, warn } = contextOf(io);
      if (config.wallets.privateKeys.length === 0) {
        throw new ConfigError('SIM_WALLET_PRIVATE_KEYS', 'is empty: there is nothing to import');
      }
      const key = requireEncryptionKey(config);
      await verifyEncryptionKey(client, key, config.wallets.kid);
      const result = await importEnvWallets(client, config.wallets.privateKeys, key, config.wallets.kid);
      for (const { wallet, status: rowStatus } of result.notActive)
        warn.warn({ event: 'managed_wallet_import_skipped', wallet, status: rowStatus });
      out.info({
        event: 'managed_wallet_import_complete',
        importedCount: result.imported.length,
        alreadyPresentCount: result.alreadyPresent.length,
        notActiveCount: result.notActive.length,
        keyKid: config.wallets.kid,
      });
      return ExitCode.ok;
    },
  };

  const generate: Command = {
    name: 'pool generate',
    summary: 'Generate N new wallets into the pool (source simulator_generated)',
    usage: 'rocket-sim pool generate <n>   (1 to 1000000)',
    options: {},
    positionals: true,
    async run(args) {
      const [raw, ...extra] = args.positionals;
      if (raw === undefined || extra.length > 0 || !/^\d+$/.test(raw) || Number(raw) < 1 || Number(raw) > 1_000_000) {
        throw new UsageError(
          `pool generate needs one count between 1 and 1000000 (got ${args.positionals.length === 0 ? 'none' : `"${args.positionals.join(' ')}"`})`,
        );
      }
      const { config, client, out, warn } = contextOf(io);
      const key = requireEncryptionKey(config);
      await verifyEncryptionKey(client, key, config.wallets.kid);
      const started = performance.now();
      const result = await generateWallets(client, {
        count: Number(raw),
        key,
        kid: config.wallets.kid,
        onBatch: ({ stored, count }) => warn.info({ event: 'managed_wallet_generation_progress', stored, count }),
      });
      out.info({
        event: 'managed_wallet_generated',
        generatedCount: result.wallets.length,
        ...(result.wallets.length === 1 ? { wallet: result.wallets[0] } : {}),
        source: 'simulator_generated',
        keyKid: config.wallets.kid,
        durationMs: Math.round(performance.now() - started),
      });
      return ExitCode.ok;
    },
  };

  const rotate: Command = {
    name: 'pool rotate-key',
    summary:
      'Re-encrypt every pool row under SIM_MANAGED_WALLET_KID with SIM_MANAGED_WALLETS_ENCRYPTION_KEY (resumable)',
    usage: `rocket-sim pool rotate-key [--strict]

Set the new key in SIM_MANAGED_WALLETS_ENCRYPTION_KEY, a new id in SIM_MANAGED_WALLET_KID and the
old ones in SIM_MANAGED_WALLETS_DECRYPTION_KEYS=old-kid:old-key. Rows that do not decrypt are
reported by wallet and key id and left as they are; --strict checks every row first and writes
nothing if any fails. Safe to interrupt and run again.`,
    options: { strict: { type: 'boolean' } },
    async run(args) {
      const { config, client, out, warn } = contextOf(io);
      const result = await rotatePoolKey(client, {
        key: requireEncryptionKey(config),
        kid: config.wallets.kid,
        decryptionKeys: config.wallets.decryptionKeys,
        strict: args.values.strict === true,
        onBatch: ({ batch, rotated }) => warn.info({ event: 'managed_wallet_rotation_progress', batch, rotated }),
      });
      reportUndecryptable(warn, result.failures);
      out.info({
        event: 'managed_wallet_key_rotated',
        keyKid: config.wallets.kid,
        rotatedCount: result.rotated,
        skippedCount: result.failures.length,
        changedConcurrentlyCount: result.changedConcurrently,
        remainingCount: result.remaining,
      });
      return ExitCode.ok;
    },
  };

  const retire: Command = {
    name: 'pool retire',
    summary: 'Retire wallets (or mark them compromised): never claimed or loaded again, leases cleared',
    usage: 'rocket-sim pool retire <address>... [--compromised]',
    options: { compromised: { type: 'boolean' } },
    positionals: true,
    async run(args) {
      if (args.positionals.length === 0) throw new UsageError('pool retire needs at least one wallet address');
      const malformed = args.positionals.find((address) => !WALLET.test(address));
      if (malformed !== undefined)
        throw new UsageError(`pool retire: "${malformed}" is not a wallet address (0x followed by 40 hex characters)`);
      const { client, out, warn } = contextOf(io);
      const compromised = args.values.compromised === true;
      const result = await retireWallets(client, args.positionals, { compromised });
      for (const wallet of result.missing) warn.warn({ event: 'managed_wallet_not_found', wallet });
      out.info({
        event: 'managed_wallet_retired',
        status: compromised ? 'compromised' : 'retired',
        retiredCount: result.retired.length,
        wallets: result.retired,
        missing: result.missing,
      });
      return ExitCode.ok;
    },
  };

  const releaseCommand: Command = {
    name: 'pool release-leases',
    summary: 'Free the leases of one owner (--owner) or of every owner, e.g. after a crashed run',
    usage: 'rocket-sim pool release-leases [--owner <lease owner>]',
    options: { owner: { type: 'string' } },
    async run(args: ParsedArgs) {
      const owner = stringFlag(args, 'owner');
      if (owner !== undefined && owner.trim() === '') throw new UsageError('--owner must not be blank');
      const { client, out } = contextOf(io);
      const released = owner === undefined ? await releaseAllLeases(client) : await releaseLeases(client, owner);
      out.info({ event: 'managed_wallet_leases_released', owner: owner ?? null, releasedCount: released });
      return ExitCode.ok;
    },
  };

  return [bootstrap, status, importCommand, generate, rotate, retire, releaseCommand];
}

function formatStatus(counts: PoolStatus, config: Readonly<SimConfig>): string {
  const list = (record: Record<string, number>) =>
    Object.entries(record)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([name, n]) => `${name} ${n}`)
      .join(', ') || 'none';
  const kid = config.wallets.kid;
  const notUnderCurrentKid = counts.total - (counts.byKid[kid] ?? 0);
  return [
    `managed wallet pool: ${counts.total} wallets, ${counts.active} active (target ${config.wallets.targetCount})`,
    `  by status:  ${list(counts.byStatus)}`,
    `  by key id:  ${list(counts.byKid)}  (current: ${kid})`,
    `  notUnderCurrentKid: ${notUnderCurrentKid}${notUnderCurrentKid > 0 ? ' (run `rocket-sim pool rotate-key`)' : ''}`,
    `  by source:  ${list(counts.bySource)}`,
    `  leased now: ${counts.leasedNow}${counts.leasedNow > 0 ? ` (${list(counts.leaseOwners)})` : ''}; active and free: ${counts.activeFree}`,
    '',
  ].join('\n');
}

/** The pool commands of the CLI, registered in `commands/index.ts`. */
export const poolCommands: Command[] = createPoolCommands();
