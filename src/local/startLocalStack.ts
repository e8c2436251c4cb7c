/**
 * @module The embedded Supabase-compatible stack: database (PGlite or PostgreSQL), Auth web3 grant,
 * PostgREST subset, the reference game backend and its auction scheduler, behind one HTTP port.
 */
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { AUTH_RATE_LIMITS_OFF, type AuthRateLimits } from '../config/parseAuthRateLimits.ts';
import type { Logger } from '../log/index.ts';
import { packageRoot } from '../packageRoot.ts';
import { createAuthHandler } from './auth/index.ts';
import { ConfigError } from '../errors/index.ts';
import { createAuctionTicker, type AuctionCadence, type AuctionTicker } from './createAuctionTicker.ts';
import { createAdminHandler } from './createAdminHandler.ts';
import { createFunctionsHandler } from './createFunctionsHandler.ts';
import { listMigrations, openDatabase, type Db } from './db/index.ts';
import { NO_FAULTS, type FaultKind, type FaultSpec } from './faults.ts';
import { createLocalServer } from './http/createLocalServer.ts';
import { createJwtService } from './jwt.ts';
import { createApiKeys, DEFAULT_JWT_SECRET, type ApiKeys } from './keys.ts';
import { createRestHandler } from './rest/index.ts';
import type { ServerTimes } from './rest/ServerTimes.ts';

export interface LocalStackOptions {
  /** default 127.0.0.1 */
  host?: string;
  /** default 54321 like `supabase start`; 0 picks a free port */
  port?: number;
  /** PostgreSQL URL; embedded PGlite when absent */
  databaseUrl?: string | undefined;
  /** persistent PGlite data directory; in memory when absent */
  dataDir?: string | undefined;
  /** PostgreSQL backend: connections in the pool, like PostgREST's `db-pool` (default 10) */
  dbPool?: number | undefined;
  /** `reference` (default): the reference game backend; `none`: only the Supabase bootstrap */
  schema?: 'reference' | 'none';
  /** extra migration folders (a real project's `supabase/migrations`) */
  migrations?: readonly string[];
  /** default: the well-known `supabase start` secret */
  jwtSecret?: string;
  /** Auth SITE_URL, default http://localhost:3000 */
  siteUrl?: string;
  /** Auth URI allow list, default http://localhost:*, http://127.0.0.1:* and their sub-paths */
  uriAllowList?: readonly string[];
  /**
   * Auth's per-IP limiters (web3 sign-ins, refreshes). Absent = off: the CLI passes `hosted` unless
   * told otherwise (`--auth-rate-limits`); tests and benches that sign in many wallets rely on off.
   */
  authRateLimits?: AuthRateLimits | undefined;
  /** key the limiters on `X-Forwarded-For` when the peer is loopback (a proxy in front of the stack) */
  trustProxy?: boolean | undefined;
  /** access token lifetime, default 3600 s */
  accessTokenTtlSeconds?: number;
  /**
   * auction cadence; production defaults (15 min / 1 h, a tick a minute) when absent; false or a
   * tick interval of 0: no ticker. The ticker runs whenever the database defines the tick function.
   */
  auction?: AuctionCadence | false | undefined;
  /** the tick function, `public.<name>()` (default `run_auction_tick`); must exist when given */
  tickFunction?: string | undefined;
  faults?: FaultSpec;
  /** wall clock of the Auth service, for tests that pin SIWE times */
  now?: () => Date;
  /** reuse the PGlite snapshot cache (default true) */
  snapshotCache?: boolean;
  log?: Logger;
}

export interface LocalStack {
  url: string;
  anonKey: string;
  serviceRoleKey: string;
  publishableKey: string;
  secretKey: string;
  db: Db;
  /** runs one auction tick now and returns its result */
  tick(): Promise<unknown>;
  ticker: AuctionTicker | undefined;
  /** the Auth limiters in force */
  authRateLimits: AuthRateLimits;
  setFaults(spec: FaultSpec): void;
  faultCounts(): Readonly<Record<FaultKind, number>>;
  /** time the embedded PostgREST spent per endpoint so far (the database view PGlite can offer) */
  serverTimes(): ServerTimes;
  stop(): Promise<void>;
}

/** The repository's own migration folders for a schema choice (reference backend, then the pool schema). */
function stackMigrationFolders(schema: 'reference' | 'none', extra: readonly string[] = []): string[] {
  const root = packageRoot();
  // project folders first: a file name they share with ours is applied from theirs
  return [
    ...extra,
    join(root, 'supabase', 'migrations'),
    ...(schema === 'reference' ? [join(root, 'src', 'local', 'schema')] : []),
  ];
}

/** Starts the stack and resolves once it accepts requests. */
export async function startLocalStack(options: LocalStackOptions = {}): Promise<LocalStack> {
  const host = options.host ?? '127.0.0.1';
  const schema = options.schema ?? 'reference';
  const jwtSecret = options.jwtSecret ?? DEFAULT_JWT_SECRET;
  const authRateLimits = options.authRateLimits ?? AUTH_RATE_LIMITS_OFF;
  const migrations = listMigrations(stackMigrationFolders(schema, options.migrations ?? []));
  const { db } = await openDatabase({
    databaseUrl: options.databaseUrl,
    dataDir: options.dataDir,
    poolSize: options.dbPool,
    migrations,
    snapshotCache: options.snapshotCache ?? true,
  });
  try {
    const jwt = await createJwtService(jwtSecret);
    const keys: ApiKeys = await createApiKeys(jwtSecret, jwt);
    const rest = await createRestHandler({ db, jwt, keys, enforceStatementTimeouts: db.kind === 'postgres' });

    let faults = options.faults ?? NO_FAULTS;
    const counts: Record<FaultKind, number> = { http5xx: 0, reset: 0, latency: 0 };
    const tickFunction = options.tickFunction ?? 'run_auction_tick';
    if (!/^[a-z_][a-z0-9_]{0,62}$/.test(tickFunction))
      throw new ConfigError('--tick-function', `must be a plain function name in public (got "${tickFunction}")`);
    const [defined] = await db.query<{ ok: boolean }>(`select to_regprocedure($1) is not null as ok`, [
      `public.${tickFunction}()`,
    ]);
    if (options.tickFunction !== undefined && !defined?.ok)
      throw new ConfigError('--tick-function', `the database defines no public.${tickFunction}()`);
    const ticker =
      defined?.ok && options.auction !== false && options.auction?.tickIntervalMs !== 0
        ? await createAuctionTicker(db, options.auction, options.log, tickFunction)
        : undefined;

    let url = '';
    const auth = createAuthHandler({
      db,
      jwt,
      options: {
        siteUrl: options.siteUrl ?? 'http://localhost:3000',
        uriAllowList: [
          ...(options.uriAllowList ?? [
            'http://localhost:*',
            'http://localhost:*/**',
            'http://127.0.0.1:*',
            'http://127.0.0.1:*/**',
          ]),
        ],
        accessTokenTtlSeconds: options.accessTokenTtlSeconds ?? 3600,
        get issuer() {
          return `${url}/auth/v1`;
        },
        rateLimits: authRateLimits,
        maxValidityMs: 10 * 60 * 1000,
        ...(options.now ? { now: options.now } : {}),
      },
    });
    const server = createLocalServer({
      keys,
      auth,
      rest: rest.handle,
      functions: createFunctionsHandler({ keys, tick: () => runTick() }),
      admin: createAdminHandler({
        getFaults: () => faults,
        setFaults: (spec) => {
          faults = spec;
        },
        faultCounts: () => ({ ...counts }),
        tick: () => runTick(),
        ticker,
        reloadSchemaCache: () => rest.reloadSchemaCache(),
      }),
      faults: () => faults,
      onFault: (kind) => {
        counts[kind] += 1;
      },
      random: () => randomBytes(4).readUInt32BE() / 0x1_0000_0000,
      trustProxy: options.trustProxy === true,
    });
    const runTick = () =>
      ticker
        ? ticker.tickNow()
        : db.query<{ result: unknown }>(`select public.${tickFunction}() as result`).then((rows) => rows[0]?.result);

    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 54321, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    const { port } = server.address() as AddressInfo;
    url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
    ticker?.start();

    let stopped = false;
    return {
      url,
      anonKey: keys.anonKey,
      serviceRoleKey: keys.serviceRoleKey,
      publishableKey: keys.publishableKey,
      secretKey: keys.secretKey,
      db,
      tick: runTick,
      ticker,
      authRateLimits,
      setFaults(spec) {
        faults = spec;
      },
      faultCounts: () => ({ ...counts }),
      serverTimes: () => rest.serverTimes(),
      async stop() {
        if (stopped) return;
        stopped = true;
        await ticker?.stop();
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
        await db.close();
      },
    };
  } catch (error) {
    await db.close();
    throw error;
  }
}
