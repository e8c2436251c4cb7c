/** @module `rocket-sim local`: runs the embedded Supabase-compatible stack in the foreground. */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  formatAuthRateLimits,
  HOSTED_AUTH_RATE_LIMITS,
  parseAuthRateLimits,
  readVariable,
} from '../../config/index.ts';
import { ExitCode, UsageError } from '../../errors/index.ts';
import { createLogger } from '../../log/index.ts';
import { parseFaultSpec, startLocalStack, type AuctionCadence, type LocalStackOptions } from '../../local/index.ts';
import { explainStartupError } from '../explainStartupError.ts';
import { durationFlagMs, integerFlag, stringFlag, stringListFlag, type Command, type ParsedArgs } from '../command.ts';

/**
 * Reads the stack flags shared by `local` and `run` into LocalStackOptions. Only `local` falls back
 * to DATABASE_URL: a project's `.env` often holds its application database there, and a load run
 * must not migrate that by accident (`run` needs an explicit --database-url).
 */
export function localStackOptionsFromArgs(
  args: ParsedArgs,
  { databaseUrlFromEnv }: { databaseUrlFromEnv: boolean },
): LocalStackOptions {
  const schema = stringFlag(args, 'schema') ?? 'reference';
  if (schema !== 'reference' && schema !== 'none')
    throw new UsageError(`--schema must be reference or none (got "${schema}")`);
  const databaseUrl =
    stringFlag(args, 'database-url') ?? (databaseUrlFromEnv ? readVariable('DATABASE_URL') : undefined);
  if (databaseUrl !== undefined && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new UsageError(`--database-url must be a postgres:// or postgresql:// URL`);
  }
  const dataDir = stringFlag(args, 'data-dir');
  if (databaseUrl && dataDir)
    throw new UsageError('--data-dir is for the embedded PGlite database; it cannot be combined with --database-url');
  const roundMs = durationFlagMs(args, 'auction-round');
  const submissionsMs = durationFlagMs(args, 'auction-submissions');
  // --tick-interval 0 turns the ticker off
  const tickIntervalMs = stringFlag(args, 'tick-interval') === '0' ? 0 : durationFlagMs(args, 'tick-interval');
  let auction: AuctionCadence | undefined;
  if (roundMs !== undefined || submissionsMs !== undefined || tickIntervalMs !== undefined) {
    auction = {
      roundMs: roundMs ?? 3_600_000,
      submissionsMs: submissionsMs ?? 900_000,
      tickIntervalMs: tickIntervalMs ?? 60_000,
    };
    if (auction.submissionsMs >= auction.roundMs) {
      throw new UsageError('--auction-submissions must be shorter than --auction-round (bidding needs time too)');
    }
  }
  const siteUrl = stringFlag(args, 'site-url');
  if (siteUrl !== undefined && !/^https?:\/\/[^/]+/.test(siteUrl))
    throw new UsageError(`--site-url must be an http(s) URL (got "${siteUrl}")`);
  const allowList = stringFlag(args, 'uri-allow-list');
  const faults = stringFlag(args, 'faults');
  const options: LocalStackOptions = {
    schema,
    migrations: stringListFlag(args, 'migrations'),
    databaseUrl,
    dataDir,
    auction,
  };
  const rateLimits = stringFlag(args, 'auth-rate-limits');
  if (rateLimits !== undefined) {
    const parsed = parseAuthRateLimits(rateLimits);
    if ('error' in parsed) throw new UsageError(`--auth-rate-limits: ${parsed.error}`);
    options.authRateLimits = parsed.limits;
  }
  if (args.values['trust-proxy'] === true) options.trustProxy = true;
  const tickFunction = stringFlag(args, 'tick-function');
  if (tickFunction !== undefined) options.tickFunction = tickFunction;
  const dbPool = integerFlag(args, 'db-pool', 1, 1000);
  if (dbPool !== undefined) {
    if (!databaseUrl)
      throw new UsageError('--db-pool sizes the PostgreSQL pool: it needs --database-url (PGlite has one connection)');
    options.dbPool = dbPool;
  }
  if (siteUrl) options.siteUrl = siteUrl;
  if (allowList)
    options.uriAllowList = allowList
      .split(',')
      .map((entry) => entry.trim())
      .filter(Boolean);
  const jwtSecret = stringFlag(args, 'jwt-secret');
  if (jwtSecret !== undefined) {
    if (jwtSecret.length < 32)
      throw new UsageError('--jwt-secret must be at least 32 characters (like PostgREST v13+)');
    options.jwtSecret = jwtSecret;
  }
  if (faults !== undefined) options.faults = parseFaultSpec(faults);
  return options;
}

/** Flags of the local stack, shared with `rocket-sim run`. */
export const localStackFlags = {
  'database-url': { type: 'string' },
  'data-dir': { type: 'string' },
  'db-pool': { type: 'string' },
  migrations: { type: 'string', multiple: true },
  schema: { type: 'string' },
  'jwt-secret': { type: 'string' },
  'site-url': { type: 'string' },
  'uri-allow-list': { type: 'string' },
  'auth-rate-limits': { type: 'string' },
  'trust-proxy': { type: 'boolean' },
  'auction-round': { type: 'string' },
  'auction-submissions': { type: 'string' },
  'tick-interval': { type: 'string' },
  'tick-function': { type: 'string' },
  faults: { type: 'string' },
} as const;

export const localCommand: Command = {
  name: 'local',
  summary: 'Run the embedded Supabase-compatible stack (Auth web3, PostgREST subset, reference game) in the foreground',
  usage: `rocket-sim local [--host 127.0.0.1] [--port 54321] [--database-url URL [--db-pool 10]] [--data-dir DIR]
       [--migrations DIR]... [--schema reference|none] [--jwt-secret S] [--site-url URL]
       [--uri-allow-list a,b] [--auth-rate-limits hosted|off|web3=30/5m,refresh=150/5m,burst=30]
       [--trust-proxy] [--auction-round 90s] [--auction-submissions 30s] [--tick-interval 2s|0]
       [--tick-function run_auction_tick]
       [--faults 5xx=0.05,reset=0.02,latency=200ms@0.1]

Prints {"event":"local_stack_ready","url",...,"anonKey","serviceRoleKey"} once it accepts
requests and writes the same to .rocket-sim/local.json. Stops cleanly on SIGINT/SIGTERM.
Defaults mirror \`supabase start\`: well-known JWT secret and keys, site URL http://localhost:3000,
and hosted Auth rate limits per client IP (web3 30 and refresh 150 per 5 minutes, bucket of 30).`,
  options: { host: { type: 'string' }, port: { type: 'string' }, ...localStackFlags },
  async run(args) {
    const options = localStackOptionsFromArgs(args, { databaseUrlFromEnv: true });
    const log = createLogger({ destination: 'stderr' });
    options.host = stringFlag(args, 'host') ?? '127.0.0.1';
    options.port = integerFlag(args, 'port', 0, 65_535) ?? 54321;
    options.log = log;
    options.authRateLimits ??= HOSTED_AUTH_RATE_LIMITS;
    const stack = await startLocalStack(options).catch((error: unknown) => {
      throw explainStartupError(error, {
        host: options.host,
        port: options.port,
        databaseUrl: options.databaseUrl,
        databaseFlag: stringFlag(args, 'database-url') === undefined ? 'DATABASE_URL' : '--database-url',
      });
    });
    const ready = {
      ts: new Date().toISOString(),
      event: 'local_stack_ready',
      url: stack.url,
      anonKey: stack.anonKey,
      serviceRoleKey: stack.serviceRoleKey,
      publishableKey: stack.publishableKey,
      secretKey: stack.secretKey,
      backend: stack.db.kind,
      authRateLimits: formatAuthRateLimits(stack.authRateLimits),
      // the roles' statement_timeout (anon 3 s, authenticated 8 s) needs a server: PGlite cannot cancel a running statement
      statementTimeouts: stack.db.kind === 'postgres' ? 'enforced' : 'not enforced on PGlite',
      ...(stack.db.kind === 'postgres' ? { dbPool: options.dbPool ?? 10 } : {}),
    };
    // the keys of a local stack are meant to be shown, like `supabase start` does
    const line = JSON.stringify(ready);
    mkdirSync('.rocket-sim', { recursive: true });
    const file = join('.rocket-sim', 'local.json');
    writeFileSync(`${file}.tmp`, `${line}\n`);
    renameSync(`${file}.tmp`, file);
    process.stdout.write(`${line}\n`);
    await new Promise<void>((resolve) => {
      const stop = (signal: string) => {
        log.info({ event: 'local_stack_stopping', signal });
        resolve();
      };
      process.once('SIGINT', () => stop('SIGINT'));
      process.once('SIGTERM', () => stop('SIGTERM'));
    });
    await stack.stop();
    log.info({ event: 'local_stack_stopped' });
    return ExitCode.ok;
  },
};
