/**
 * @module No secret in anything a run writes: a full `rocket-sim run smoke` in supabase mode against a
 * local stack whose pool `rocket-sim pool bootstrap` seeded, then every file of the output directory
 * and both commands' output are searched for every private key, the pool's encryption key, the
 * service key, every refresh token issued and anything shaped like a JWT or a signature; with a
 * PostgreSQL 15 of its own, the run also samples a database through `--database-url` with a password,
 * and neither the URL nor the password may appear.
 */
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { generatePrivateKey } from 'viem/accounts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalStack, type LocalStack } from '../src/local/index.ts';
import { decryptPrivateKey, type SimWalletKeyRow } from '../src/wallets/index.ts';
import { findSecrets } from './support/findSecrets.ts';
import pg from 'pg';
import {
  startStatsPostgres,
  statsPostgresAvailable,
  type StatsPostgres,
} from './support/dbwatch/startStatsPostgres.ts';
import { runCli, type CliResult } from './support/runCli.ts';
import { tempDir, type TempDir } from './support/tempDir.ts';

const RUN_SECONDS = 25;
/** one key written in upper case: the search (like a careless log line) must not depend on case */
const ENV_KEYS = [generatePrivateKey(), `0x${generatePrivateKey().slice(2).toUpperCase()}`];
const ENCRYPTION_KEY = randomBytes(32);
const JWT_SECRET = randomBytes(32).toString('hex');
/**
 * an EIP-191 signature: 65 bytes of hex, standing alone (not a run of letters inside base64, such as
 * the serialised latency sketches of results.json, whose zero counts are long runs of `A`)
 */
const SIGNATURE_SHAPE = /(?<![0-9a-z+/])(0x)?[0-9a-f]{130}(?![0-9a-z+/=])/i;
const WRITTEN_FILES = [
  'artillery-checks.json',
  'artillery.log',
  'database.json',
  'events.jsonl',
  'junit.xml',
  'report.html',
  'results.json',
  'run-meta.json',
];

let work: TempDir;
let stack: LocalStack;
let bootstrap: CliResult;
let run: CliResult;
let out: string;
let database: StatsPostgres | undefined;
/** the sampled database's URL, with a password (trust auth on loopback ignores it, the run must hide it) */
let databaseUrl: string | undefined;
const DATABASE_PASSWORD = `pw-${randomBytes(12).toString('hex')}`;

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? walk(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

beforeAll(async () => {
  work = tempDir('secrets');
  out = join(work.path, 'out');
  stack = await startLocalStack({
    port: 0,
    jwtSecret: JWT_SECRET,
    // a whole round (submissions, bidding, finalization) fits in the run
    auction: { submissionsMs: 8_000, roundMs: 20_000, tickIntervalMs: 1_000 },
  });
  const common = {
    SUPABASE_URL: stack.url,
    SIM_SUPABASE_SERVICE_ROLE_KEY: stack.serviceRoleKey,
    SIM_WALLET_PRIVATE_KEYS: ENV_KEYS.join(','),
  };
  bootstrap = await runCli(['pool', 'bootstrap'], {
    env: {
      ...common,
      SIM_MANAGED_WALLETS_ENCRYPTION_KEY: ENCRYPTION_KEY.toString('hex'),
      SIM_MANAGED_WALLET_TARGET_COUNT: '8',
    },
    cwd: work.path,
  });
  expect(bootstrap.code, bootstrap.stderr).toBe(0);
  if (statsPostgresAvailable()) {
    database = await startStatsPostgres();
    const admin = new pg.Client({ connectionString: database.url });
    await admin.connect();
    await admin.query(`create role rocket_watch login password '${DATABASE_PASSWORD}'`);
    await admin.end();
    const url = new URL(database.url);
    url.username = 'rocket_watch';
    url.password = DATABASE_PASSWORD;
    databaseUrl = url.toString();
  }
  run = await runCli(
    [
      'run',
      'smoke',
      '-e',
      'local',
      '--target',
      stack.url,
      '--duration',
      String(RUN_SECONDS),
      '--junit',
      join(out, 'junit.xml'),
      '--out',
      out,
      '--verbose',
      ...(databaseUrl ? ['--database-url', databaseUrl] : []),
    ],
    {
      env: {
        ...common,
        SUPABASE_ANON_KEY: stack.anonKey,
        SIM_WALLET_SOURCE: 'supabase',
        // the same key in its other accepted spelling
        SIM_MANAGED_WALLETS_ENCRYPTION_KEY: ENCRYPTION_KEY.toString('base64'),
        SIM_SIWE_URI: 'http://localhost:3000/',
        SIM_LOG_LEVEL: 'debug',
        VITE_SPEC_WHITELIST_BONUS_FLUX: '300',
        VITE_SPEC_DAILY_CLAIM_FLUX: '20',
        VITE_SPEC_FAUCET_INTERVAL_SECONDS: '30',
      },
      cwd: work.path,
      timeoutMs: 240_000,
    },
  );
}, 300_000);

afterAll(async () => {
  database?.stop();
  await stack?.stop();
  work?.remove();
});

describe('secret hygiene of a full run in supabase mode', () => {
  it('ran for real: signed in with pool wallets and wrote every output file', () => {
    expect([0, 1], run.stderr.slice(-2000)).toContain(run.code);
    const counters = (
      JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as { aggregate: { counters: Record<string, number> } }
    ).aggregate.counters;
    expect(counters['rocket.wallet_authenticated']).toBeGreaterThan(0);
    expect(readdirSync(out).sort()).toEqual(expect.arrayContaining(WRITTEN_FILES));
  });

  it.skipIf(!statsPostgresAvailable())(
    'sampled the database of --database-url (so its URL went through the run)',
    () => {
      const watch = JSON.parse(readFileSync(join(out, 'database.json'), 'utf8')) as {
        sampled: boolean;
        source: string;
      };
      expect(watch.sampled).toBe(true);
      expect(watch.source).toMatch(/^127\.0\.0\.1:\d+\/postgres$/);
    },
  );

  it('finds no secret in any file the run wrote nor in what the commands printed', async () => {
    const rows = await stack.db.query<SimWalletKeyRow>(
      'select wallet_address, private_key_ciphertext, private_key_iv, private_key_auth_tag, private_key_kid from public.sim_wallet_keys',
    );
    const keys = new Map([['sim-local-v1', ENCRYPTION_KEY]]);
    const poolKeys = rows.map((row) => decryptPrivateKey(row, keys));
    const refreshTokens = (await stack.db.query<{ token: string }>('select token from auth.refresh_tokens')).map(
      (row) => row.token,
    );
    // the env keys were imported, 8 wallets in all; every player session left a refresh token
    expect(poolKeys).toHaveLength(8);
    expect(poolKeys).toEqual(expect.arrayContaining(ENV_KEYS.map((key) => key.toLowerCase())));
    expect(refreshTokens.length).toBeGreaterThan(0);

    const secrets: Record<string, string> = {
      ...Object.fromEntries(ENV_KEYS.map((key, index) => [`SIM_WALLET_PRIVATE_KEYS entry ${index + 1}`, key])),
      ...Object.fromEntries(poolKeys.map((key, index) => [`pool key ${index + 1}`, key])),
      'encryption key (hex)': ENCRYPTION_KEY.toString('hex'),
      'encryption key (base64)': ENCRYPTION_KEY.toString('base64'),
      'encryption key (base64url)': ENCRYPTION_KEY.toString('base64url'),
      'service-role key': stack.serviceRoleKey,
      'sb_secret key': stack.secretKey,
      'JWT secret of the stack': JWT_SECRET,
      ...(databaseUrl ? { '--database-url': databaseUrl, 'database password': DATABASE_PASSWORD } : {}),
      ...Object.fromEntries(refreshTokens.map((token, index) => [`refresh token ${index + 1}`, token])),
    };
    const sources: Record<string, string> = {
      'pool bootstrap stdout': bootstrap.stdout,
      'pool bootstrap stderr': bootstrap.stderr,
      'run stdout': run.stdout,
      'run stderr': run.stderr,
    };
    for (const file of walk(out)) sources[relative(out, file)] = readFileSync(file, 'utf8');
    expect(Object.keys(sources)).toEqual(expect.arrayContaining(WRITTEN_FILES));

    const leaks = Object.entries(sources).flatMap(([source, text]) => [
      ...findSecrets(text, secrets).map((label) => `${label} in ${source}`),
      ...(SIGNATURE_SHAPE.test(text) ? [`a signature in ${source}`] : []),
    ]);
    expect(leaks).toEqual([]);
  });

  it('would notice a leak: a key in another case and without 0x, a JWT, a signature but not base64', () => {
    const key = ENV_KEYS[0]!;
    expect(findSecrets(`wallet ${key.slice(2).toUpperCase()} signed`, { key })).toEqual(['key']);
    expect(findSecrets(`{"authorization":"Bearer ${stack.anonKey}"}`, {})).toEqual(['a JWT']);
    const signature = `0x${'ab'.repeat(65)}`;
    expect(SIGNATURE_SHAPE.test(`{"signature":"${signature}"}`)).toBe(true);
    expect(SIGNATURE_SHAPE.test(`signed ${signature.slice(2).toUpperCase()}.`)).toBe(true);
    expect(SIGNATURE_SHAPE.test(`{"sketch":"ChQJ${'A'.repeat(300)}QAAB"}`)).toBe(false);
  });
});
