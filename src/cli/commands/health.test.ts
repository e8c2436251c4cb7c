import { createServer } from 'node:net';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, TargetUnreachableError, UsageError, exitCodeOf } from '../../errors/index.ts';
import { startPlayedStack, type PlayedStack } from '../../../test/support/health/playedStack.ts';
import { parseCommandArgs } from '../command.ts';
import { createHealthCommand } from './health.ts';

let played: PlayedStack;
let dir: string;

beforeAll(async () => {
  played = await startPlayedStack();
  dir = await mkdtemp(join(tmpdir(), 'rocket-sim-health-'));
});

afterAll(async () => {
  await played?.stack.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** Runs `rocket-sim health` with the given environment; resolves to the exit code and what it printed. */
async function health(env: Record<string, string>, ...argv: string[]): Promise<{ code: number; out: string }> {
  let out = '';
  const command = createHealthCommand({
    env,
    print: (text) => {
      out += text;
    },
  });
  const code = await command.run(parseCommandArgs(command, argv));
  return { code, out };
}

const targetEnv = () => ({
  SUPABASE_URL: played.stack.url,
  SIM_SUPABASE_SERVICE_ROLE_KEY: played.stack.serviceRoleKey,
});

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('rocket-sim health', () => {
  it('prints a table of passing checks, exits 0 and writes JUnit when asked', async () => {
    const junitPath = join(dir, 'ci', 'health.xml');
    const { code, out } = await health(targetEnv(), '--tick-interval', '1s', '--junit', junitPath);
    expect(code).toBe(0);
    const host = new URL(played.stack.url).host;
    expect(out).toContain(`health checks of ${host}`);
    for (const name of [
      'ledger_reconciliation',
      'scheduler_health',
      'auction_single_live_bid',
      'auction_escrow',
      'auction_finalized_rounds',
      'row_counts',
    ]) {
      expect(out).toMatch(new RegExp(`^  pass +${name} +\\S`, 'm'));
    }
    expect(out).toContain('verdict: passed (6 checks: 0 failed, 0 skipped)');
    expect(out).not.toContain(played.stack.serviceRoleKey);
    const xml = await readFile(junitPath, 'utf8');
    expect(xml).toContain('<testsuite name="rocket-sim.checks" tests="6" failures="0" errors="0" skipped="0">');
    expect(xml).toContain('<testcase classname="rocket-sim.checks" name="auction_escrow"/>');
  });

  it('prints JSON that parses, with the same verdicts', async () => {
    const { code, out } = await health(targetEnv(), '--json', '--tick-interval', '1s', '--read-only');
    expect(code).toBe(0);
    const document = JSON.parse(out) as {
      target: string;
      verdict: string;
      checks: { name: string; verdict: string; summary: string }[];
    };
    expect(document.target).toBe(new URL(played.stack.url).host);
    expect(document.verdict).toBe('pass');
    expect(document.checks.map((check) => check.verdict)).toEqual(['pass', 'pass', 'pass', 'pass', 'pass', 'pass']);
    expect(document.checks[0]?.summary).toContain('run_flux_reconciliation not called (read-only)');
  });

  it('exits 1 naming the wallet when a balance no longer matches its ledger', async () => {
    const { wallet } = played.users.bidder2;
    const corrupt =
      'update public.wallet_flux_balances set available_balance = available_balance + $2 where wallet_address = $1';
    await played.stack.db.query(corrupt, [wallet, 5]);
    try {
      const table = await health(targetEnv(), '--tick-interval', '1s');
      expect(table.code).toBe(1);
      expect(table.out).toMatch(
        new RegExp(
          `^  FAIL +ledger_reconciliation +1 wallet\\(s\\) with has_drift in flux_ledger_reconciliation: ${wallet}`,
          'm',
        ),
      );
      expect(table.out).toContain(`- wallet=${wallet} recorded_balance=`);
      expect(table.out).toContain('verdict: failed (6 checks: 1 failed, 0 skipped)');
      const json = await health(targetEnv(), '--json', '--tick-interval', '1s', '--read-only');
      expect(json.code).toBe(1);
      const document = JSON.parse(json.out) as {
        verdict: string;
        checks: { name: string; offendingRows?: { wallet: string }[] }[];
      };
      expect(document.verdict).toBe('fail');
      expect(document.checks[0]?.offendingRows?.[0]?.wallet).toBe(wallet);
    } finally {
      await played.stack.db.query(corrupt, [wallet, -5]);
    }
  });

  it('--target overrides SUPABASE_URL', async () => {
    const env = { SUPABASE_URL: 'http://127.0.0.1:9', SIM_SUPABASE_SERVICE_ROLE_KEY: played.stack.serviceRoleKey };
    expect((await health(env, '--target', played.stack.url, '--tick-interval', '1s', '--read-only')).code).toBe(0);
  });

  it('is a configuration error (exit 2) without the service key, naming SIM_SUPABASE_SERVICE_ROLE_KEY', async () => {
    const error = await health({ SUPABASE_URL: played.stack.url }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).variable).toBe('SIM_SUPABASE_SERVICE_ROLE_KEY');
    expect(exitCodeOf(error)).toBe(2);
    await expect(health({ SIM_SUPABASE_SERVICE_ROLE_KEY: 'x'.repeat(40) })).rejects.toThrow(
      /^SUPABASE_URL: is required/,
    );
  });

  it('rejects malformed flags with usage errors naming the flag', async () => {
    await expect(health(targetEnv(), '--target', 'ftp://example.com')).rejects.toThrow(UsageError);
    await expect(health(targetEnv(), '--tick-interval', 'soon')).rejects.toThrow(/--tick-interval must be a duration/);
    await expect(health(targetEnv(), '--max-rows', 'all')).rejects.toThrow(
      /--max-rows must be an integer between 0 and 1000/,
    );
  });

  it('is exit 3 when the target does not answer, without printing the key', async () => {
    const key = 'service-key-that-must-not-leak-0123456789';
    for (const url of ['http://127.0.0.1:9', `http://127.0.0.1:${await closedPort()}`]) {
      const error = await health({ SIM_SUPABASE_SERVICE_ROLE_KEY: key }, '--target', url).catch(
        (caught: unknown) => caught,
      );
      expect(error).toBeInstanceOf(TargetUnreachableError);
      expect(exitCodeOf(error)).toBe(3);
      expect((error as Error).message).toContain(`${new URL(url).host} did not answer`);
      expect((error as Error).message).not.toContain(key);
    }
  });
});
