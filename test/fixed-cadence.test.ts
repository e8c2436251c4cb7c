/**
 * A project's own schema on the embedded stack (`--schema none --migrations ...`): its cadence is
 * hard-coded in its functions (test/fixtures/fixed-cadence-migrations) and it defines
 * run_auction_tick(). The stack ticks it (or the function --tick-function names; --tick-interval 0
 * turns the ticker off) and /_rocket/status says so with the cadence `fixed`; a gameplay run against
 * it passes its health checks; smoke warns at start that its round gates cannot pass.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './support/runCli.ts';
import { ROOT } from './support/runResults.ts';
import { startCli, type RunningCli } from './support/startCli.ts';
import { stopClis } from './support/stopClis.ts';
import { tempDir } from './support/tempDir.ts';

const PROJECT = [
  '--schema',
  'none',
  '--migrations',
  join(ROOT, 'src', 'local', 'schema'),
  '--migrations',
  join(ROOT, 'test', 'fixtures', 'fixed-cadence-migrations'),
];
const work = tempDir('fixed-cadence');
const running: RunningCli[] = [];

afterAll(async () => {
  await stopClis(running);
  work.remove();
}, 60_000);

async function startLocal(extra: string[]) {
  const cli = startCli(['local', '--port', '0', ...PROJECT, ...extra], {
    cwd: work.path,
    env: { DATABASE_URL: '' },
    timeoutMs: 300_000,
  });
  running.push(cli);
  await cli.waitFor(/"event":"local_stack_ready".*\n/, 120_000);
  const ready = JSON.parse(
    cli
      .output()
      .split('\n')
      .find((line) => line.includes('local_stack_ready'))!,
  ) as { url: string; serviceRoleKey: string };
  const status = async () => {
    const response = await fetch(`${ready.url}/_rocket/status`, {
      headers: { apikey: ready.serviceRoleKey, authorization: `Bearer ${ready.serviceRoleKey}` },
    });
    return ((await response.json()) as { ticker: Record<string, unknown> | null }).ticker;
  };
  return { cli, status };
}

const events = (text: string) =>
  text
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);

describe('rocket-sim local --schema none with a project that defines run_auction_tick()', () => {
  it('ticks it, reports it in /_rocket/status with a fixed cadence, and says the round flags do not apply', async () => {
    const { cli, status } = await startLocal([
      '--tick-interval',
      '1s',
      '--auction-round',
      '90s',
      '--auction-submissions',
      '30s',
    ]);
    let ticker = await status();
    for (let i = 0; i < 50 && Number(ticker?.ticks ?? 0) < 2; i++) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      ticker = await status();
    }
    expect(ticker).toMatchObject({
      running: true,
      tickFunction: 'run_auction_tick',
      cadence: 'fixed',
      intervalMs: 1000,
    });
    expect(Number(ticker?.ticks)).toBeGreaterThanOrEqual(2);
    expect(ticker?.lastError).toBeUndefined();
    expect(cli.output()).toContain('"event":"auction_cadence_fixed"');
  }, 180_000);

  it('--tick-function names another function; --tick-interval 0 turns the ticker off', async () => {
    const named = await startLocal(['--tick-function', 'tick_game', '--tick-interval', '1s']);
    expect(await named.status()).toMatchObject({ tickFunction: 'tick_game', cadence: 'fixed' });
    const off = await startLocal(['--tick-interval', '0']);
    expect(await off.status()).toBeNull();
  }, 240_000);

  it('--tick-function naming a function the database lacks: exit 2 with one line', async () => {
    const result = await runCli(['local', '--port', '0', ...PROJECT, '--tick-function', 'no_such_tick'], {
      cwd: work.path,
      env: { DATABASE_URL: '' },
      timeoutMs: 120_000,
    });
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toBe('rocket-sim: --tick-function: the database defines no public.no_such_tick()');
  }, 150_000);
});

describe('rocket-sim run on that schema', () => {
  it('smoke warns at start which round gates cannot pass, and run_starting says the cadence is fixed', async () => {
    const out = join(work.path, 'smoke');
    const result = await runCli(['run', 'smoke', '--duration', '15', '--out', out, ...PROJECT], {
      env: { SIM_SEED: '7' },
      timeoutMs: 240_000,
    });
    expect([0, 1], result.stderr).toContain(result.code);
    const lines = events(result.stdout);
    const names = lines.map((line) => line.event);
    const warning = lines.find((line) => line.event === 'round_gates_at_risk')!;
    expect(warning).toMatchObject({ level: 'warn', cadence: 'fixed', scenario: 'smoke' });
    expect(warning.gates).toEqual(['rocket.auction_submitted > 0 and rocket.auction_bid > 0']);
    expect(String(warning.message)).toContain('hard-codes its auction cadence');
    expect(lines.find((line) => line.event === 'run_starting')).toMatchObject({ auctionCadence: 'fixed' });
    // at start: right after run_starting, before any player event
    expect(names.indexOf('round_gates_at_risk')).toBe(names.indexOf('run_starting') + 1);
  }, 300_000);

  it('a gameplay run against it passes its health checks (the stack ticks the schema)', async () => {
    const out = join(work.path, 'gameplay');
    const result = await runCli(['run', 'gameplay', '--duration', '20', '--players', '2', '--out', out, ...PROJECT], {
      env: { SIM_SEED: '7' },
      timeoutMs: 240_000,
    });
    const meta = JSON.parse(readFileSync(join(out, 'run-meta.json'), 'utf8')) as {
      checks: { name: string; verdict: string; summary: string }[];
    };
    expect(meta.checks.filter((check) => check.verdict === 'fail')).toEqual([]);
    expect(meta.checks.find((check) => check.name === 'scheduler_health')).toMatchObject({ verdict: 'pass' });
    expect(result.code, result.stderr).toBe(0);
  }, 300_000);
});
