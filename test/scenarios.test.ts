/**
 * Every scenario runs against the embedded local stack for a short, bounded time through the real
 * CLI, with its own expected counters, a passing gate and clean post-run health checks.
 * (smoke runs at full length in test/start.test.ts; chaos in test/chaos.test.ts.)
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './support/runCli.ts';
import { counters, events } from './support/runResults.ts';

const work = mkdtempSync(join(tmpdir(), 'rocket-sim-scenarios-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

async function run(scenario: string, flags: string[], env: Record<string, string> = {}) {
  const out = join(work, scenario);
  const result = await runCli(['run', scenario, '--out', out, '--seed', '42', ...flags], { env, timeoutMs: 240_000 });
  if (!existsSync(join(out, 'run-meta.json')))
    throw new Error(`${scenario} wrote no run-meta.json (exit ${result.code}):\n${result.stdout}\n${result.stderr}`);
  const meta = JSON.parse(readFileSync(join(out, 'run-meta.json'), 'utf8')) as {
    checks: { name: string; verdict: string; summary: string }[];
  };
  return { result, out, c: counters(out), meta };
}

function expectCleanRun({ result, out, c, meta }: Awaited<ReturnType<typeof run>>) {
  expect(result.code, `${result.stdout}\n${result.stderr}`).toBe(0);
  expect(existsSync(join(out, 'report.html'))).toBe(true);
  expect(c['rocket.cycle_error']).toBe(0);
  expect(c['vusers.failed']).toBe(0);
  expect(meta.checks.filter((check) => check.verdict === 'fail')).toEqual([]);
}

describe('scenarios against the embedded stack', { timeout: 240_000 }, () => {
  it('gameplay: steady players complete cycles, claim the faucet and open boxes', async () => {
    const run_ = await run('gameplay', ['--duration', '20', '--players', '4']);
    expectCleanRun(run_);
    expect(run_.c['rocket.wallet_authenticated']).toBe(4);
    expect(run_.c['rocket.faucet_claimed']).toBeGreaterThanOrEqual(4);
    expect(run_.c['rocket.cycle_complete']).toBeGreaterThan(4);
    expect(run_.c['plugins.metrics-by-endpoint.rpc_sync_wallet_flux_balance.codes.200']).toBeGreaterThan(4);
  });

  it('once: every wallet plays exactly one cycle', async () => {
    const run_ = await run('once', ['--players', '5']);
    expectCleanRun(run_);
    expect(run_.c['rocket.wallet_authenticated']).toBe(5);
    expect(run_.c['rocket.cycle_complete']).toBe(5);
    const wallets = events(run_.out)
      .filter((event) => event.event === 'cycle_complete')
      .map((event) => event.wallet);
    expect(new Set(wallets).size).toBe(5);
  });

  it('auth-storm: every virtual user signs in with a fresh key and writes once', async () => {
    const run_ = await run('auth-storm', ['--duration', '10', '--rate', '6']);
    expectCleanRun(run_);
    expect(run_.c['rocket.wallet_authenticated']).toBe(run_.c['vusers.created']);
    expect(run_.c['rocket.wallet_authenticated']).toBeGreaterThanOrEqual(20);
    expect(run_.c['plugins.metrics-by-endpoint.auth_user.codes.200']).toBe(run_.c['vusers.created']);
  });

  it('soak: players run the legacy 45 s cycle, spread over the start', async () => {
    const run_ = await run('soak', ['--duration', '15', '--players', '3']);
    expectCleanRun(run_);
    expect(run_.c['rocket.wallet_authenticated']).toBe(3);
    expect(run_.c['rocket.cycle_complete']).toBe(3);
  });

  it('auction-rush: a crowd bids on the round in bidding', async () => {
    const run_ = await run('auction-rush', ['--duration', '45', '--players', '12']);
    expectCleanRun(run_);
    expect(run_.c['rocket.auction_submitted']).toBeGreaterThan(0);
    expect(run_.c['rocket.auction_bid']).toBeGreaterThan(0);
  });
});
