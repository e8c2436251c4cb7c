/**
 * @module The production guard end to end through `rocket-sim run`: refusals before anything is sent
 * (exit 2, zero requests at a counting proxy in front of a local stack), confirmation by flag and by
 * SIM_CONFIRM_TARGET, SIM_ALLOWED_TARGETS for staging only, and the production arrival-rate cap.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generatePrivateKey } from 'viem/accounts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PRODUCTION_MAX_RATE } from '../src/cli/run/runScenario.ts';
import { startLocalStack, type LocalStack } from '../src/local/index.ts';
import { closedPort } from './support/closedPort.ts';
import { runCli, type CliResult } from './support/runCli.ts';
import { startCountingProxy, type CountingProxy } from './support/startCountingProxy.ts';
import { tempDir, type TempDir } from './support/tempDir.ts';

/** Seconds of the confirmed runs: short, and long enough that the cap shows in the arrival count. */
const RUN_SECONDS = 6;
/** auth-storm's peak rate is scaled to this; far above the production cap */
const RATE = 50;
/**
 * A non-loopback spelling of 127.0.0.1 (IPv4-mapped IPv6): the guard treats it as a remote host,
 * yet a request to it never leaves the machine and needs no DNS.
 */
const MAPPED_HOST = '[::ffff:7f00:1]';

let work: TempDir;
let stack: LocalStack;
let proxy: CountingProxy;
let env: Record<string, string>;
let runs = 0;

/** Runs `rocket-sim run <args> --out <fresh dir>` and returns the result with the directory. */
async function run(args: string[], extraEnv: Record<string, string> = {}): Promise<CliResult & { out: string }> {
  runs += 1;
  const out = join(work.path, `run-${runs}`);
  const result = await runCli(['run', ...args, '--out', out], {
    env: { ...env, ...extraEnv },
    cwd: work.path,
    timeoutMs: 150_000,
  });
  return { ...result, out };
}

function counters(out: string): Record<string, number> {
  const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as {
    aggregate: { counters: Record<string, number> };
  };
  return results.aggregate.counters;
}

const events = (stdout: string) =>
  stdout
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as { event?: string; maxRate?: number });

beforeAll(async () => {
  work = tempDir('guard');
  stack = await startLocalStack({ port: 0, jwtSecret: randomBytes(32).toString('hex'), auction: false });
  proxy = await startCountingProxy(stack.url);
  env = {
    SUPABASE_ANON_KEY: stack.anonKey,
    SIM_WALLET_SOURCE: 'env',
    SIM_WALLET_PRIVATE_KEYS: [generatePrivateKey(), generatePrivateKey(), generatePrivateKey()].join(','),
    // the stack's default Auth allow list: http://localhost:*
    SIM_SIWE_URI: 'http://localhost:3000/',
    // the stack above runs without Auth limits (startLocalStack's default): the pre-flight, strict
    // under -e production, must plan against that, not against hosted limits
    SIM_AUTH_RATE_LIMITS: 'off',
  };
}, 120_000);

afterAll(async () => {
  await proxy?.close();
  await stack?.stop();
  work?.remove();
});

describe('refusals: exit 2 before anything is sent', () => {
  it('refuses a non-loopback target that is neither listed nor confirmed (-e staging), before any DNS lookup', async () => {
    const result = await run(['once', '-e', 'staging', '--target', 'https://example.invalid']);
    expect(result.code).toBe(2);
    // the guard's own error: it runs before the reachability probe, so example.invalid was never resolved
    expect(result.stderr).toMatch(
      /SIM_CONFIRM_TARGET: refusing to send load to example\.invalid because it is neither loopback nor listed in SIM_ALLOWED_TARGETS; confirm by typing the host out/,
    );
    expect(result.stderr).toMatch(/--confirm-target example\.invalid/);
    expect(result.stderr).not.toMatch(/unreachable/);
    expect(existsSync(result.out)).toBe(false);
  });

  it('refuses -e production against loopback without a confirmation; zero requests reach the stack', async () => {
    const before = proxy.requests();
    const result = await run(['once', '-e', 'production', '--target', proxy.url]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /refusing to send load to 127\.0\.0\.1 because it runs with -e production; confirm by typing the host out: --confirm-target 127\.0\.0\.1/,
    );
    expect(proxy.requests() - before).toBe(0);
    expect(existsSync(result.out)).toBe(false);
  });

  it.each([
    ['--confirm-target', ['--confirm-target', 'staging.example.com'], {}],
    ['SIM_CONFIRM_TARGET', [], { SIM_CONFIRM_TARGET: 'staging.example.com' }],
  ] as const)('refuses a confirmation (%s) naming another host, naming both', async (_how, flags, extraEnv) => {
    const before = proxy.requests();
    const result = await run(['once', '-e', 'production', '--target', proxy.url, ...flags], extraEnv);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/refusing to send load to 127\.0\.0\.1/);
    expect(result.stderr).toMatch(/is "staging\.example\.com", not the target host/);
    expect(proxy.requests() - before).toBe(0);
    expect(existsSync(result.out)).toBe(false);
  });

  it('SIM_ALLOWED_TARGETS lets a listed host pass for staging, not for production', async () => {
    const target = `http://${MAPPED_HOST}:${await closedPort()}`;
    const listed = { SIM_ALLOWED_TARGETS: `other.example.com, ${MAPPED_HOST}` };

    const unlisted = await run(['once', '-e', 'staging', '--target', target]);
    expect(unlisted.code).toBe(2);
    expect(unlisted.stderr).toMatch(/is neither loopback nor listed in SIM_ALLOWED_TARGETS/);

    // past the guard: the next step, the reachability probe, finds the closed port
    const staging = await run(['once', '-e', 'staging', '--target', target], listed);
    expect(staging.code).toBe(3);
    expect(staging.stderr).toMatch(/is unreachable/);
    expect(staging.stderr).not.toMatch(/refusing/);

    const production = await run(['once', '-e', 'production', '--target', target], listed);
    expect(production.code).toBe(2);
    expect(production.stderr).toMatch(
      /refusing to send load to \[::ffff:7f00:1\] because it runs with -e production; confirm by typing the host out/,
    );
    for (const result of [unlisted, staging, production]) expect(existsSync(result.out)).toBe(false);
  });
});

describe('confirmed production runs', () => {
  it(`runs with --confirm-target 127.0.0.1 and caps the arrival rate at ${PRODUCTION_MAX_RATE}/s`, async () => {
    const before = proxy.requests();
    const result = await run([
      'auth-storm',
      '-e',
      'production',
      '--target',
      proxy.url,
      '--confirm-target',
      '127.0.0.1',
      '--rate',
      String(RATE),
      '--duration',
      String(RUN_SECONDS),
    ]);
    expect([0, 1], result.stderr).toContain(result.code);
    expect(proxy.requests() - before).toBeGreaterThan(0);

    const capped = events(result.stdout).filter((event) => event.event === 'arrival_rate_capped');
    expect(capped).toEqual([expect.objectContaining({ maxRate: PRODUCTION_MAX_RATE })]);
    const counted = counters(result.out);
    // the players accepted the confirmation too (their own guard check would fail every user with E_CONFIG)
    expect(counted['errors.E_CONFIG']).toBeUndefined();
    expect(counted['rocket.wallet_authenticated']).toBeGreaterThan(0);
    // at most the cap over the whole run, and not far below it
    expect(counted['vusers.created']).toBeLessThanOrEqual(PRODUCTION_MAX_RATE * RUN_SECONDS);
    expect(counted['vusers.created']).toBeGreaterThanOrEqual(PRODUCTION_MAX_RATE * RUN_SECONDS * 0.8);
  }, 180_000);

  it('runs with SIM_CONFIRM_TARGET, and --max-rate lifts the cap', async () => {
    const before = proxy.requests();
    const result = await run(
      [
        'auth-storm',
        '-e',
        'production',
        '--target',
        proxy.url,
        '--rate',
        String(RATE),
        '--max-rate',
        String(RATE),
        '--duration',
        String(RUN_SECONDS),
      ],
      { SIM_CONFIRM_TARGET: '127.0.0.1' },
    );
    expect([0, 1], result.stderr).toContain(result.code);
    expect(proxy.requests() - before).toBeGreaterThan(0);
    expect(events(result.stdout).filter((event) => event.event === 'arrival_rate_capped')).toEqual([]);
    const counted = counters(result.out);
    expect(counted['errors.E_CONFIG']).toBeUndefined();
    expect(counted['rocket.wallet_authenticated']).toBeGreaterThan(0);
    // auth-storm scaled to a 50/s peak plans about 110 arrivals in 6 s: well above the cap's 30
    expect(counted['vusers.created']).toBeGreaterThan(PRODUCTION_MAX_RATE * RUN_SECONDS * 2);
  }, 180_000);
});
