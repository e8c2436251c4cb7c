/** @module `rocket-sim pool ...` end to end against the local stack over HTTP: summaries, exit codes, no secrets in output. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exitCodeOf, SimError } from '../../errors/index.ts';
import { redactString } from '../../log/index.ts';
import { startPoolStack, type PoolStack } from '../../../test/support/pool/startPoolStack.ts';
import { decryptPrivateKey } from '../../wallets/index.ts';
import { parseCommandArgs } from '../command.ts';
import { createPoolCommands } from './pool.ts';

const KEY_HEX = '7f'.repeat(32);
const NEW_KEY_HEX = '3c'.repeat(32);
const ENV_KEYS = [
  '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80',
  '0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d',
];

let stack: PoolStack;
let env: Record<string, string>;
/** everything every command printed, to scan for secrets */
const transcript: string[] = [];

beforeAll(async () => {
  stack = await startPoolStack();
  env = {
    SUPABASE_URL: stack.url,
    SIM_SUPABASE_SERVICE_ROLE_KEY: stack.serviceRoleKey,
    SIM_WALLET_SOURCE: 'supabase',
    SIM_MANAGED_WALLETS_ENCRYPTION_KEY: KEY_HEX,
    SIM_MANAGED_WALLET_TARGET_COUNT: '200',
    SIM_WALLET_PRIVATE_KEYS: ENV_KEYS.join(','),
  };
});
afterAll(async () => {
  await stack?.stop();
});

interface Outcome {
  code: number;
  events: Record<string, unknown>[];
  stderr: string[];
  printed: string;
}

/** Runs one pool command like `rocket-sim` does: errors become a redacted stderr line and an exit code. */
async function pool(argv: string[], overrides: Record<string, string | undefined> = {}): Promise<Outcome> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  let printed = '';
  const commands = createPoolCommands({
    env: { ...env, ...overrides },
    stdout: (line) => void stdout.push(line),
    stderr: { write: (line: string) => void stderr.push(line) },
    print: (text) => {
      printed += text;
    },
  });
  const name = `pool ${argv[0]}`;
  const command = commands.find((candidate) => candidate.name === name);
  if (!command) throw new Error(`no command ${name}`);
  let code: number;
  try {
    code = await command.run(parseCommandArgs(command, argv.slice(1)));
  } catch (error) {
    if (!(error instanceof SimError)) throw error;
    code = exitCodeOf(error);
    stderr.push(`rocket-sim: ${redactString(error.message)}`);
  }
  transcript.push(...stdout, ...stderr, printed);
  return { code, events: stdout.map((line) => JSON.parse(line) as Record<string, unknown>), stderr, printed };
}

const rowsSnapshot = () => stack.db.query('select * from sim_wallet_keys order by id');

describe('rocket-sim pool', () => {
  it('bootstrap prints managed_wallet_bootstrap_complete and status reports 200 active', async () => {
    const bootstrap = await pool(['bootstrap']);
    expect(bootstrap.code).toBe(0);
    expect(bootstrap.events).toHaveLength(1);
    expect(bootstrap.events[0]).toMatchObject({
      event: 'managed_wallet_bootstrap_complete',
      importedCount: 2,
      generatedCount: 198,
      availableWalletCount: 200,
      targetCount: 200,
      keyKid: 'sim-local-v1',
    });
    const status = await pool(['status', '--json']);
    expect(status.events).toEqual([
      expect.objectContaining({
        event: 'managed_wallet_pool_status',
        total: 200,
        active: 200,
        leasedNow: 0,
        notUnderCurrentKid: 0,
        byKid: { 'sim-local-v1': 200 },
      }),
    ]);
    const text = await pool(['status']);
    expect(text.printed).toContain('managed wallet pool: 200 wallets, 200 active (target 200)');
    // docs/wallets.md tells operators to check this after a rotation: the text shows it too
    expect(text.printed).toContain('notUnderCurrentKid: 0');
    expect(text.events).toEqual([]);
  });

  it('refuses a wrong encryption key: exit 2, error naming the key id, nothing written', async () => {
    const before = await rowsSnapshot();
    for (const argv of [['bootstrap'], ['import'], ['generate', '5'], ['rotate-key']]) {
      const outcome = await pool(argv, {
        SIM_MANAGED_WALLETS_ENCRYPTION_KEY: 'ab'.repeat(32),
        SIM_MANAGED_WALLET_TARGET_COUNT: '300',
      });
      expect(outcome.code, argv.join(' ')).toBe(2);
      expect(outcome.events).toEqual([]);
      expect(outcome.stderr.at(-1)).toMatch(
        /does not decrypt the pool rows stored under key id sim-local-v1 .*nothing was written/,
      );
    }
    expect(await rowsSnapshot()).toEqual(before);
  });

  it('generate, import, retire and release-leases print their summaries', async () => {
    const one = await pool(['generate', '1']);
    expect(one.events[0]).toMatchObject({
      event: 'managed_wallet_generated',
      generatedCount: 1,
      source: 'simulator_generated',
      keyKid: 'sim-local-v1',
    });
    const wallet = one.events[0]!.wallet as string;
    expect(wallet).toMatch(/^0x[0-9a-f]{40}$/);
    expect((await pool(['generate', '3'])).events[0]).toMatchObject({ generatedCount: 3 });
    expect((await pool(['generate', 'many'])).code).toBe(2);
    expect((await pool(['generate'])).code).toBe(2);

    expect((await pool(['import'])).events[0]).toMatchObject({
      event: 'managed_wallet_import_complete',
      importedCount: 0,
      alreadyPresentCount: 2,
    });
    expect((await pool(['import'], { SIM_WALLET_PRIVATE_KEYS: undefined })).code).toBe(2);

    const retire = await pool(['retire', wallet, '--compromised']);
    expect(retire.events[0]).toMatchObject({
      event: 'managed_wallet_retired',
      status: 'compromised',
      retiredCount: 1,
      wallets: [wallet],
      missing: [],
    });
    expect((await pool(['retire', 'not-an-address'])).code).toBe(2);

    await stack.db.query(`select * from claim_sim_wallets('run-a', 5, 60)`);
    await stack.db.query(`select * from claim_sim_wallets('run-b', 7, 60)`);
    expect((await pool(['release-leases', '--owner', 'run-a'])).events[0]).toMatchObject({
      event: 'managed_wallet_leases_released',
      owner: 'run-a',
      releasedCount: 5,
    });
    expect((await pool(['release-leases'])).events[0]).toMatchObject({ owner: null, releasedCount: 7 });
  });

  it('rotate-key moves the pool to the new key id', async () => {
    const rotate = await pool(['rotate-key', '--strict'], {
      SIM_MANAGED_WALLETS_ENCRYPTION_KEY: NEW_KEY_HEX,
      SIM_MANAGED_WALLET_KID: 'sim-2026-12',
      SIM_MANAGED_WALLETS_DECRYPTION_KEYS: `sim-local-v1:${KEY_HEX}`,
    });
    expect(rotate.code).toBe(0);
    expect(rotate.events[0]).toMatchObject({
      event: 'managed_wallet_key_rotated',
      keyKid: 'sim-2026-12',
      rotatedCount: 204,
      skippedCount: 0,
      remainingCount: 0,
    });
    const status = await pool(['status', '--json'], {
      SIM_MANAGED_WALLETS_ENCRYPTION_KEY: NEW_KEY_HEX,
      SIM_MANAGED_WALLET_KID: 'sim-2026-12',
    });
    expect(status.events[0]).toMatchObject({ byKid: { 'sim-2026-12': 204 }, notUnderCurrentKid: 0 });
  });

  it('needs the service-role key and says which variable', async () => {
    const outcome = await pool(['status'], { SIM_SUPABASE_SERVICE_ROLE_KEY: undefined });
    expect(outcome.code).toBe(2);
    expect(outcome.stderr.at(-1)).toMatch(/^rocket-sim: SIM_SUPABASE_SERVICE_ROLE_KEY: is required/);
    const anon = await pool(['status'], { SIM_SUPABASE_SERVICE_ROLE_KEY: stack.anonKey });
    expect(anon.code).toBe(2);
    expect(anon.stderr.at(-1)).toMatch(/SIM_SUPABASE_SERVICE_ROLE_KEY: rpc sim_wallet_pool_status was refused/);
  });

  it('never prints a private key or the encryption keys', async () => {
    const rows = await stack.db.query<{
      wallet_address: string;
      private_key_ciphertext: string;
      private_key_iv: string;
      private_key_auth_tag: string;
      private_key_kid: string;
    }>(
      'select wallet_address, private_key_ciphertext, private_key_iv, private_key_auth_tag, private_key_kid from sim_wallet_keys',
    );
    const keys = new Map([['sim-2026-12', Buffer.from(NEW_KEY_HEX, 'hex')]]);
    const secrets = [
      ...rows.map((row) => decryptPrivateKey(row, keys).slice(2)),
      KEY_HEX,
      NEW_KEY_HEX,
      ...ENV_KEYS.map((key) => key.slice(2)),
    ];
    expect(secrets.length).toBeGreaterThan(200);
    const output = transcript.join('\n').toLowerCase();
    expect(transcript.length).toBeGreaterThan(20);
    expect(secrets.filter((secret) => output.includes(secret))).toEqual([]);
  });
});
