/**
 * @module Bad input to `rocket-sim` (run and pool commands), one case per row: the exact exit code, an
 * error naming the variable, flag or row at fault, no secret in the output, and nothing written
 * (no output directory, an untouched working directory and wallet pool).
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generatePrivateKey } from 'viem/accounts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { variables, type VariableSpec } from '../src/config/index.ts';
import { startLocalStack, type LocalStack } from '../src/local/index.ts';
import { bootstrapPool, createPoolClient } from '../src/pool/index.ts';
import { decryptPrivateKey, type SimWalletKeyRow } from '../src/wallets/index.ts';
import { closedPort } from './support/closedPort.ts';
import { findSecrets } from './support/findSecrets.ts';
import { runCli } from './support/runCli.ts';
import { tempDir, type TempDir } from './support/tempDir.ts';

/** What the rows need from the set-up: a stack holding a pool encrypted under POOL_KEY, and a closed port. */
interface Setup {
  stack: LocalStack;
  closedUrl: string;
  /** a file that is not an Artillery results file */
  notResults: string;
  /** a plain file, to put paths below it */
  aFile: string;
}

interface Row {
  name: string;
  /** arguments after `rocket-sim`; `OUT` stands for the row's --out directory */
  args: (setup: Setup) => string[];
  env: (setup: Setup) => Record<string, string>;
  code: number;
  /** stderr must match every pattern: the variable, flag or row at fault */
  names: (setup: Setup) => RegExp[];
  /** values of this row that must not appear in the output (on top of every key and service key) */
  secrets?: Record<string, string>;
  /** the row talks to the stack's pool: its rows must be unchanged afterwards */
  pool?: boolean;
  /** the row fails before the load: no stack started, no run announced (nothing was sent) */
  beforeLoad?: boolean;
}

const ENV_KEYS = [generatePrivateKey(), generatePrivateKey(), generatePrivateKey()] as const;
const POOL_KID = 'bad-input-kid';
const POOL_KEY = randomBytes(32).toString('hex');
const WRONG_KEY = randomBytes(32).toString('hex');
const NEW_KEY = randomBytes(32).toString('hex');
/** 0x + 63 hex: a key with one character missing, the typical paste error */
const SHORT_KEY = ENV_KEYS[1].slice(0, -1);
const secretOf = (value: string) => ({ [`row value ${value.length} chars`]: value });

const run =
  (...extra: string[]) =>
  () => ['run', 'smoke', '--out', 'OUT', ...extra];
const none = () => ({});
const named =
  (...patterns: RegExp[]) =>
  () =>
    patterns;
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The stack's pool, read by a command with another key than the pool's. */
const wrongKeyEnv = ({ stack }: Setup, extra: Record<string, string> = {}) => ({
  SUPABASE_URL: stack.url,
  SUPABASE_ANON_KEY: stack.anonKey,
  SIM_SUPABASE_SERVICE_ROLE_KEY: stack.serviceRoleKey,
  SIM_MANAGED_WALLET_KID: POOL_KID,
  SIM_MANAGED_WALLETS_ENCRYPTION_KEY: WRONG_KEY,
  ...extra,
});
const wrongKeyNames = named(
  new RegExp(`key id ${POOL_KID}`),
  /SIM_MANAGED_WALLETS_ENCRYPTION_KEY|decrypt/,
  /\(E_POOL_WRONG_KEY\)$/m,
);

/** A value just outside a numeric variable's range, from the bounds its own error text states. */
function outOfRange(message: string): { what: string; value: string } | undefined {
  const integer = /^must be an integer between (-?\d+) and (-?\d+)$/.exec(message);
  if (integer) {
    // below a non-zero minimum (the likelier slip, e.g. a lease of 4999 ms), else above the maximum
    return integer[1] !== '0'
      ? { what: 'below its minimum', value: String(BigInt(integer[1]!) - 1n) }
      : { what: 'above its maximum', value: String(BigInt(integer[2]!) + 1n) };
  }
  const decimal = /^must be a number between (-?[\d.]+) and (-?[\d.]+)$/.exec(message);
  if (decimal) {
    return Number(decimal[1]) !== 0
      ? { what: 'below its minimum', value: String(Number(decimal[1]) - 0.5) }
      : { what: 'above its maximum', value: `${decimal[2]}.5` };
  }
  const exclusive = /^must be a number greater than (-?[\d.]+) and at most (-?[\d.]+)$/.exec(message);
  if (exclusive) {
    return { what: 'equal to its exclusive minimum', value: exclusive[1]! };
  }
  if (message === 'must be a positive integer number of wei') return { what: 'below its minimum', value: '0' };
  return undefined;
}

/**
 * Two rows for every numeric variable of the registry: a value just outside its range and a
 * value that is not a number. A numeric variable whose bounds cannot be read fails the collection.
 */
function numericRows(): Row[] {
  const rows: Row[] = [];
  for (const spec of Object.values(variables) as VariableSpec<unknown>[]) {
    const probe = spec.schema.safeParse('12abc');
    const message = probe.success ? '' : (probe.error.issues[0]?.message ?? '');
    if (!/integer|number/.test(message)) continue;
    const outside = outOfRange(message);
    if (!outside) throw new Error(`${spec.name}: a numeric variable whose bounds this test cannot read: "${message}"`);
    for (const { what, value } of [outside, { what: 'not a number', value: '12abc' }]) {
      rows.push({
        name: `${spec.name} ${what} (${value})`,
        args: run(),
        env: () => ({ [spec.name]: value }),
        code: 2,
        names: named(
          new RegExp(`^rocket-sim: ${spec.name}: must be`, 'm'),
          new RegExp(escapeRegExp(`(got "${value}")`)),
        ),
      });
    }
  }
  return rows;
}

const rows: Row[] = [
  // --- private keys -----------------------------------------------------------------------
  {
    name: 'malformed private key in SIM_WALLET_PRIVATE_KEYS (entry 2 of 3, 63 hex characters)',
    args: run(),
    env: () => ({ SIM_WALLET_PRIVATE_KEYS: [ENV_KEYS[0], SHORT_KEY, ENV_KEYS[2]].join(',') }),
    code: 2,
    names: named(/SIM_WALLET_PRIVATE_KEYS: entry 2 of 3 is not a private key/, /63 hex characters/),
    secrets: secretOf(SHORT_KEY),
  },
  {
    name: 'private key without 0x in SIM_WALLET_PRIVATE_KEYS',
    args: run(),
    env: () => ({ SIM_WALLET_PRIVATE_KEYS: `${ENV_KEYS[0]}\n${ENV_KEYS[1].slice(2)}` }),
    code: 2,
    names: named(/SIM_WALLET_PRIVATE_KEYS: entry 2 of 2 is not a private key/, /no 0x prefix/),
  },
  {
    name: 'private key outside the curve order in SIM_WALLET_PRIVATE_KEYS',
    args: run(),
    env: () => ({ SIM_WALLET_PRIVATE_KEYS: `0x${'f'.repeat(64)}` }),
    code: 2,
    names: named(/SIM_WALLET_PRIVATE_KEYS: entry 1 of 1 is outside the secp256k1 curve order/),
    secrets: secretOf(`0x${'f'.repeat(64)}`),
  },
  {
    name: 'private key with non-hex characters in SIM_WALLET_PRIVATE_KEYS',
    args: run(),
    env: () => ({ SIM_WALLET_PRIVATE_KEYS: `${ENV_KEYS[0]}, 0x${'g'.repeat(64)}` }),
    code: 2,
    names: named(
      /SIM_WALLET_PRIVATE_KEYS: entry 2 of 2 is not a private key.*\(found character 3 is not a hex digit\)/,
    ),
    secrets: secretOf(`0x${'g'.repeat(64)}`),
  },
  {
    name: 'empty key list in env mode (embedded stack)',
    args: run(),
    env: () => ({ SIM_WALLET_SOURCE: 'env' }),
    code: 2,
    names: named(/SIM_WALLET_PRIVATE_KEYS: is empty/),
  },
  {
    name: 'key list of separators only in env mode, remote target (config error wins over the unreachable target)',
    args: ({ closedUrl }) => ['run', 'smoke', '-e', 'staging', '--target', closedUrl, '--out', 'OUT'],
    env: () => ({
      SIM_WALLET_SOURCE: 'env',
      SIM_WALLET_PRIVATE_KEYS: ' , ,\n, ',
      SUPABASE_ANON_KEY: 'anon-key-for-bad-input',
    }),
    code: 2,
    names: named(/SIM_WALLET_PRIVATE_KEYS: is empty/),
  },
  // --- encryption keys --------------------------------------------------------------------
  {
    name: 'encryption key of the wrong length (62 hex characters)',
    args: run(),
    env: () => ({ SIM_MANAGED_WALLETS_ENCRYPTION_KEY: POOL_KEY.slice(0, 62) }),
    code: 2,
    names: named(/SIM_MANAGED_WALLETS_ENCRYPTION_KEY: has 62 hex characters; expected 64/),
    secrets: secretOf(POOL_KEY.slice(0, 62)),
  },
  {
    name: 'encryption key neither hex nor base64',
    args: run(),
    env: () => ({ SIM_MANAGED_WALLETS_ENCRYPTION_KEY: 'correct horse battery staple!' }),
    code: 2,
    names: named(/SIM_MANAGED_WALLETS_ENCRYPTION_KEY: is neither hex nor base64/),
    secrets: secretOf('correct horse battery staple!'),
  },
  {
    name: 'encryption key in base64 of 16 bytes',
    args: run(),
    env: () => ({
      SIM_MANAGED_WALLETS_ENCRYPTION_KEY: Buffer.from(POOL_KEY, 'hex').subarray(0, 16).toString('base64'),
    }),
    code: 2,
    names: named(/SIM_MANAGED_WALLETS_ENCRYPTION_KEY: decodes to 16 bytes; expected 32/),
    secrets: secretOf(Buffer.from(POOL_KEY, 'hex').subarray(0, 16).toString('base64')),
  },
  {
    name: 'decryption key of the wrong length in SIM_MANAGED_WALLETS_DECRYPTION_KEYS',
    args: run(),
    env: () => ({ SIM_MANAGED_WALLETS_DECRYPTION_KEYS: `old-kid:${WRONG_KEY.slice(0, 62)}` }),
    code: 2,
    names: named(/SIM_MANAGED_WALLETS_DECRYPTION_KEYS \(entry 1, kid old-kid\): has 62 hex characters/),
    secrets: secretOf(WRONG_KEY.slice(0, 62)),
  },
  {
    name: 'decryption key entry without a key id',
    args: run(),
    env: () => ({ SIM_MANAGED_WALLETS_DECRYPTION_KEYS: `${POOL_KID}:${POOL_KEY},${WRONG_KEY}` }),
    code: 2,
    names: named(/SIM_MANAGED_WALLETS_DECRYPTION_KEYS: entry 2 must be written kid:key/),
  },
  // --- the wrong key against an existing pool -----------------------------------------------
  {
    name: 'pool bootstrap with another key than the pool rows',
    args: () => ['pool', 'bootstrap'],
    env: (setup) => wrongKeyEnv(setup, { SIM_MANAGED_WALLET_TARGET_COUNT: '8', SIM_WALLET_PRIVATE_KEYS: ENV_KEYS[2] }),
    code: 2,
    names: wrongKeyNames,
    pool: true,
  },
  {
    name: 'pool import with another key than the pool rows',
    args: () => ['pool', 'import'],
    env: (setup) => wrongKeyEnv(setup, { SIM_WALLET_PRIVATE_KEYS: ENV_KEYS[2] }),
    code: 2,
    names: wrongKeyNames,
    pool: true,
  },
  {
    name: 'pool generate with another key than the pool rows',
    args: () => ['pool', 'generate', '3'],
    env: (setup) => wrongKeyEnv(setup),
    code: 2,
    names: wrongKeyNames,
    pool: true,
  },
  {
    name: 'pool rotate-key --strict with a wrong old key',
    args: () => ['pool', 'rotate-key', '--strict'],
    env: (setup) =>
      wrongKeyEnv(setup, {
        SIM_MANAGED_WALLET_KID: 'bad-input-new-kid',
        SIM_MANAGED_WALLETS_ENCRYPTION_KEY: NEW_KEY,
        SIM_MANAGED_WALLETS_DECRYPTION_KEYS: `${POOL_KID}:${WRONG_KEY}`,
      }),
    code: 2,
    names: named(new RegExp(`key id ${POOL_KID}`), /strict mode/),
    pool: true,
  },
  {
    name: 'run in supabase mode with another key than the pool rows',
    args: ({ stack }) => ['run', 'once', '-e', 'local', '--target', stack.url, '--out', 'OUT'],
    env: (setup) => wrongKeyEnv(setup, { SIM_WALLET_SOURCE: 'supabase' }),
    code: 2,
    names: wrongKeyNames,
    pool: true,
  },
  // --- scenario, environment, target --------------------------------------------------------
  {
    name: 'unknown scenario',
    args: () => ['run', 'smokey', '--out', 'OUT'],
    env: none,
    code: 2,
    names: named(/unknown scenario "smokey"; choose one of: .*smoke/),
  },
  {
    name: 'scenario name that is a path',
    args: () => ['run', '../artillery', '--out', 'OUT'],
    env: none,
    code: 2,
    names: named(/unknown scenario "\.\.\/artillery"/),
  },
  {
    name: 'unknown environment',
    args: run('-e', 'prod'),
    env: none,
    code: 2,
    names: named(/-e\/--environment: unknown environment "prod"; choose one of: local, staging, production/),
  },
  {
    name: '--target that is not a URL',
    args: run('-e', 'staging', '--target', 'notaurl'),
    env: () => ({ SIM_WALLET_PRIVATE_KEYS: ENV_KEYS[0], SUPABASE_ANON_KEY: 'anon-key-for-bad-input' }),
    code: 2,
    names: named(/--target must be an http\(s\) URL .*\(got "notaurl"\)/),
  },
  {
    name: '--target with another scheme',
    args: run('-e', 'staging', '--target', 'ftp://127.0.0.1/'),
    env: () => ({ SIM_WALLET_PRIVATE_KEYS: ENV_KEYS[0], SUPABASE_ANON_KEY: 'anon-key-for-bad-input' }),
    code: 2,
    names: named(/--target must be an http\(s\) URL/),
  },
  {
    name: 'SUPABASE_URL that is not a URL (-e staging)',
    args: run('-e', 'staging'),
    env: () => ({
      SUPABASE_URL: 'notaurl',
      SIM_WALLET_PRIVATE_KEYS: ENV_KEYS[0],
      SUPABASE_ANON_KEY: 'anon-key-for-bad-input',
    }),
    code: 2,
    names: named(/SUPABASE_URL: must be an http\(s\) URL .*\(got "notaurl"\)/),
  },
  {
    name: 'unreachable target (-e staging, closed loopback port)',
    args: ({ closedUrl }) => ['run', 'smoke', '-e', 'staging', '--target', closedUrl, '--out', 'OUT'],
    env: () => ({ SIM_WALLET_PRIVATE_KEYS: ENV_KEYS[0], SUPABASE_ANON_KEY: 'anon-key-for-bad-input' }),
    code: 3,
    names: ({ closedUrl }) => [
      new RegExp(`target ${escapeRegExp(new URL(closedUrl).host)} is unreachable \\(ECONNREFUSED`),
    ],
    beforeLoad: true,
  },
  // --- modes and wallet sources ---------------------------------------------------------------
  {
    name: 'SIM_DRY_RUN=true with SIM_WALLET_SOURCE=supabase',
    args: run(),
    env: () => ({ SIM_DRY_RUN: 'true', SIM_WALLET_SOURCE: 'supabase' }),
    code: 2,
    names: named(/SIM_DRY_RUN: SIM_DRY_RUN=true only supports SIM_WALLET_SOURCE=env or ephemeral/),
  },
  {
    name: 'SIM_DRY_RUN=true against a remote target',
    args: run('-e', 'staging'),
    env: () => ({ SIM_DRY_RUN: 'true', SIM_WALLET_PRIVATE_KEYS: ENV_KEYS[0] }),
    code: 2,
    names: named(/SIM_DRY_RUN=true runs against the embedded local stack/),
  },
  {
    name: 'service key missing in supabase mode (-e staging, running stack)',
    args: ({ stack }) => ['run', 'smoke', '-e', 'staging', '--target', stack.url, '--out', 'OUT'],
    env: ({ stack }) => ({
      SIM_WALLET_SOURCE: 'supabase',
      SUPABASE_ANON_KEY: stack.anonKey,
      SIM_MANAGED_WALLETS_ENCRYPTION_KEY: POOL_KEY,
      SIM_MANAGED_WALLET_KID: POOL_KID,
    }),
    code: 2,
    names: named(/SIM_SUPABASE_SERVICE_ROLE_KEY: is required .*SIM_WALLET_SOURCE=supabase/),
    pool: true,
  },
  {
    name: 'unknown wallet source',
    args: run(),
    env: () => ({ SIM_WALLET_SOURCE: 'vault' }),
    code: 2,
    names: named(/SIM_WALLET_SOURCE: must be one of env, supabase, ephemeral \(got "vault"\)/),
  },
  // --- flags ------------------------------------------------------------------------------------
  {
    name: 'unknown flag',
    args: run('--durration', '5'),
    env: none,
    code: 2,
    names: named(/--durration/),
  },
  {
    name: '--duration of zero',
    args: run('--duration', '0'),
    env: none,
    code: 2,
    names: named(/--duration must be seconds .*\(got "0"\)/),
  },
  {
    name: '--rate that is not a number',
    args: run('--rate', 'fast'),
    env: none,
    code: 2,
    names: named(/--rate must be an integer between 1 and 100000 \(got "fast"\)/),
  },
  {
    name: '--faults with a probability above 1',
    args: () => ['run', 'chaos', '--out', 'OUT', '--faults', '5xx=1.5'],
    env: none,
    code: 2,
    names: named(/--faults: 5xx=1\.5: probability must be a number between 0 and 1/),
  },
  {
    name: '--auth-rate-limits with a limit of zero',
    args: run('--auth-rate-limits', 'web3=0/5m'),
    env: none,
    code: 2,
    names: named(/^rocket-sim: --auth-rate-limits: web3=0\/5m must be off or N\/period with N ≥ 1/m),
  },
  {
    name: 'SIM_AUTH_RATE_LIMITS with an unknown key',
    args: run(),
    env: () => ({ SIM_AUTH_RATE_LIMITS: 'signup=30/5m' }),
    code: 2,
    names: named(/SIM_AUTH_RATE_LIMITS.*unknown key "signup"/),
  },
  {
    name: '--db-pool without a PostgreSQL backend',
    args: run('--db-pool', '5'),
    env: none,
    code: 2,
    names: named(/^rocket-sim: --db-pool sizes the PostgreSQL pool: it needs --database-url/m),
  },
  // --- files and paths: checked before anything starts (issue 17 row 5) -------------------------
  {
    name: '--baseline that does not exist (before the load, not after it)',
    args: run('--baseline', 'missing.json'),
    env: none,
    code: 2,
    names: named(/^rocket-sim: --baseline: missing\.json: file not found$/m),
    beforeLoad: true,
  },
  {
    name: '--baseline that is not an Artillery results file',
    args: ({ notResults }) => [...run()(), '--baseline', notResults],
    env: none,
    code: 2,
    names: ({ notResults }) => [new RegExp(`${escape(notResults)}: not an Artillery results file`)],
  },
  {
    name: '--junit below a file',
    args: ({ aFile }) => [...run()(), '--junit', join(aFile, 'junit.xml')],
    env: none,
    code: 2,
    names: ({ aFile }) => [new RegExp(`--junit: .*${escape(aFile)} is a file, not a directory`)],
  },
  {
    name: '--out inside a file',
    args: ({ aFile }) => ['run', 'smoke', '--out', join(aFile, 'run')],
    env: none,
    code: 2,
    names: ({ aFile }) => [new RegExp(`^rocket-sim: --out: .*${escape(aFile)} is a file, not a directory$`, 'm')],
  },
  // --- the environment (issue 17 row 9): one line, no stack trace ---------------------------------
  {
    name: 'local on a port in use',
    args: ({ stack }) => ['local', '--port', new URL(stack.url).port],
    env: none,
    code: 2,
    names: ({ stack }) => [
      new RegExp(`^rocket-sim: --port: 127\\.0\\.0\\.1:${new URL(stack.url).port} is already in use`, 'm'),
    ],
  },
  {
    name: 'run with an unreachable --database-url',
    args: ({ closedUrl }) => [...run()(), '--database-url', `postgres://postgres@${new URL(closedUrl).host}/test`],
    env: none,
    code: 3,
    names: named(/^rocket-sim: --database-url: no PostgreSQL server answers at 127\.0\.0\.1:\d+ \(ECONNREFUSED\)/m),
  },
  ...(process.env.DATABASE_URL
    ? [
        {
          name: 'local with a --database-url whose database does not exist',
          args: () => [
            'local',
            '--port',
            '0',
            '--database-url',
            `${process.env.DATABASE_URL!.replace(/\/[^/]*$/, '')}/rocket_sim_no_such_db`,
          ],
          env: none,
          code: 2,
          names: named(
            /^rocket-sim: --database-url: database "rocket_sim_no_such_db" does not exist on .*: create it/m,
          ),
        } satisfies Row,
      ]
    : []),
  // --- the command line (issue 17 row 12) -----------------------------------------------------------
  {
    name: 'help for an unknown command',
    args: () => ['help', 'frobnicate'],
    env: none,
    code: 2,
    names: named(/unknown command "frobnicate"/),
  },
  {
    name: 'pool without a subcommand',
    args: () => ['pool'],
    env: none,
    code: 2,
    names: named(/usage: rocket-sim pool <command>/, /pool status/),
  },
  ...numericRows(),
];

let work: TempDir;
let setup: Setup;
/** every key and credential of the set-up: none may appear in any output */
let secrets: Record<string, string>;
let rowIndex = 0;

const poolSnapshot = async () => ({
  keys: await setup.stack.db.query('select * from public.sim_wallet_keys order by id'),
  profiles: await setup.stack.db.query('select * from public.sim_wallet_profiles order by wallet_address'),
});

beforeAll(async () => {
  work = tempDir('bad-input');
  const stack = await startLocalStack({ port: 0, jwtSecret: randomBytes(32).toString('hex'), auction: false });
  const notResults = join(work.path, 'not-results.json');
  const aFile = join(work.path, 'a-file');
  writeFileSync(notResults, '{"hello": "world"}');
  writeFileSync(aFile, 'not a directory');
  setup = { stack, closedUrl: `http://127.0.0.1:${await closedPort()}`, notResults, aFile };
  const pool = createPoolClient({ url: stack.url, serviceRoleKey: stack.serviceRoleKey });
  await bootstrapPool(pool, {
    key: Buffer.from(POOL_KEY, 'hex'),
    kid: POOL_KID,
    privateKeys: [ENV_KEYS[0]],
    importEnvWallets: true,
    targetCount: 4,
  });
  const stored = await stack.db.query<SimWalletKeyRow>(
    'select wallet_address, private_key_ciphertext, private_key_iv, private_key_auth_tag, private_key_kid from public.sim_wallet_keys',
  );
  expect(stored).toHaveLength(4);
  const keys = new Map([[POOL_KID, Buffer.from(POOL_KEY, 'hex')]]);
  secrets = {
    ...Object.fromEntries(ENV_KEYS.map((key, index) => [`env key ${index + 1}`, key])),
    ...Object.fromEntries(stored.map((row) => [`pool key of ${row.wallet_address}`, decryptPrivateKey(row, keys)])),
    'pool encryption key (hex)': POOL_KEY,
    'pool encryption key (base64)': Buffer.from(POOL_KEY, 'hex').toString('base64'),
    'wrong encryption key (hex)': WRONG_KEY,
    'new encryption key (hex)': NEW_KEY,
    'service-role key': stack.serviceRoleKey,
    'secret key': stack.secretKey,
  };
}, 120_000);

afterAll(async () => {
  await setup?.stack.stop();
  work?.remove();
});

describe('rocket-sim rejects bad input before writing anything', () => {
  it('covers every numeric variable of the registry', () => {
    const numeric = Object.values(variables as Record<string, VariableSpec<unknown>>).filter((spec) => {
      const probe = spec.schema.safeParse('12abc');
      return !probe.success && /integer|number/.test(probe.error.issues[0]?.message ?? '');
    });
    // the registry has integer, decimal and wei variables; each got its two rows
    expect(numeric.length).toBeGreaterThanOrEqual(20);
    for (const spec of numeric) expect(rows.filter((row) => row.name.startsWith(`${spec.name} `))).toHaveLength(2);
  });

  it.concurrent.for(rows)('$name', { timeout: 90_000 }, async (row, { expect }) => {
    rowIndex += 1;
    const cwd = join(work.path, `row-${rowIndex}`);
    mkdirSync(cwd);
    const out = join(cwd, 'OUT');
    const before = row.pool ? await poolSnapshot() : undefined;

    const result = await runCli(row.args(setup), { env: row.env(setup), cwd, timeoutMs: 60_000 });

    const output = `${result.stdout}\n${result.stderr}`;
    expect({ code: result.code, stderr: result.stderr }).toMatchObject({ code: row.code });
    for (const pattern of row.names(setup)) expect(result.stderr).toMatch(pattern);
    expect(findSecrets(output, { ...secrets, ...row.secrets })).toEqual([]);
    // one line, never a Node stack trace
    expect(result.stderr).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(cwd)).toEqual([]);
    if (before) expect(await poolSnapshot()).toEqual(before);
    if (row.beforeLoad) expect(output).not.toMatch(/"event":"(local_stack_ready|run_starting|run_progress)"/);
  });
});
