/** @module runHealthChecks against the real local stack over HTTP: clean gameplay passes, each corruption fails its check. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TargetUnreachableError } from '../errors/index.ts';
import { startLocalStack } from '../local/index.ts';
import type { HealthCheckResult } from './healthCheckResult.ts';
import { runHealthChecks, type HealthCheckOptions } from './runHealthChecks.ts';
import { PLAYED_TICK_MS, startPlayedStack, type PlayedStack } from '../../test/support/health/playedStack.ts';

let played: PlayedStack;

beforeAll(async () => {
  played = await startPlayedStack();
});

afterAll(async () => {
  await played?.stack.stop();
});

const run = (options: Partial<HealthCheckOptions> = {}) =>
  runHealthChecks({
    url: played.stack.url,
    serviceRoleKey: played.stack.serviceRoleKey,
    tickIntervalMs: PLAYED_TICK_MS,
    ...options,
  });

function check(results: HealthCheckResult[], name: string): HealthCheckResult {
  const found = results.find((result) => result.name === name);
  if (!found) throw new Error(`no ${name} in ${results.map((result) => result.name).join(', ')}`);
  return found;
}

describe('runHealthChecks on the local stack', () => {
  it('passes every check after clean gameplay, with the row deltas against the baseline', async () => {
    const results = await run({ baseline: played.baseline });
    expect(results.map((result) => [result.name, result.verdict, result.summary])).toEqual([
      ['ledger_reconciliation', 'pass', expect.stringMatching(/no wallet with has_drift.*wallets_with_drift 0 of 4/)],
      ['scheduler_health', 'pass', expect.stringContaining(`round ${played.round2.id} bidding`)],
      ['auction_single_live_bid', 'pass', '3 live bid(s) in 2 round(s), at most one per wallet and round'],
      [
        'auction_escrow',
        'pass',
        expect.stringContaining(
          `round ${played.round2.id}: 2 wallet(s), escrow 13 FLUX; outstanding escrow 13 FLUX = live non-winning bids 13 FLUX`,
        ),
      ],
      [
        'auction_finalized_rounds',
        'pass',
        expect.stringContaining('1 completed round(s) with bids, 0 without; auction ledger rows summed for 1 of them'),
      ],
      [
        'row_counts',
        'pass',
        expect.stringContaining(
          'auction_bids 6 (+6), eth_lock_submissions 0 (+0), auction_rounds 2 (+1), inventory_parts 2 (+2)',
        ),
      ],
    ]);
    expect(results.every((result) => result.offendingRows === undefined)).toBe(true);
  });

  it('fails ledger_reconciliation naming the wallet whose balance was changed behind the ledger', async () => {
    const { wallet } = played.users.bidder1;
    const corrupt =
      'update public.wallet_flux_balances set available_balance = available_balance + $2 where wallet_address = $1';
    await played.stack.db.query(corrupt, [wallet, 5]);
    try {
      const ledger = check(await run(), 'ledger_reconciliation');
      expect(ledger.verdict).toBe('fail');
      expect(ledger.summary).toContain(`1 wallet(s) with has_drift in flux_ledger_reconciliation: ${wallet}`);
      expect(ledger.summary).toMatch(/wallets_with_drift 1 of 4, max_absolute_drift 5/);
      // 100 claimed, 30 paid for round 1's part, 5 escrowed in round 2
      expect(ledger.offendingRows).toEqual([{ wallet, recorded_balance: '70', ledger_sum: '65', drift: '5' }]);
      const capped = check(await run({ maxRows: 0, reconcile: false }), 'ledger_reconciliation');
      expect(capped.offendingRows).toBeUndefined();
      expect(capped.summary).toMatch(/\(showing 0 of 1\)$/);
    } finally {
      await played.stack.db.query(corrupt, [wallet, -5]);
    }
    expect(check(await run(), 'ledger_reconciliation').verdict).toBe('pass');
  });

  it('fails ledger_reconciliation on drift below the view tolerance that run_flux_reconciliation counts', async () => {
    const { wallet } = played.users.seller2;
    const corrupt =
      'update public.wallet_flux_balances set available_balance = available_balance + $2 where wallet_address = $1';
    await played.stack.db.query(corrupt, [wallet, '0.0005']);
    try {
      const ledger = check(await run(), 'ledger_reconciliation');
      expect(ledger.verdict).toBe('fail');
      expect(ledger.summary).toContain('no wallet with has_drift');
      expect(ledger.offendingRows).toEqual([expect.objectContaining({ wallet, drift: '0.0005' })]);
    } finally {
      await played.stack.db.query(corrupt, [wallet, '-0.0005']);
    }
  });

  it('fails scheduler_health when the ticker stops and a bidding round is an hour past its end', async () => {
    const { stack, round2 } = played;
    stack.ticker?.pause();
    await stack.tick(); // lets a tick in flight finish before the clock is moved
    const [saved] = await stack.db.query<{ starts_at: string; submission_ends_at: string; ends_at: string }>(
      'select starts_at::text, submission_ends_at::text, ends_at::text from public.auction_rounds where id = $1',
      [round2.id],
    );
    await stack.db.query(
      `update public.auction_rounds set starts_at = now() - interval '2 hours', submission_ends_at = now() - interval '90 minutes',
              ends_at = now() - interval '1 hour' where id = $1`,
      [round2.id],
    );
    try {
      const scheduler = check(await run(), 'scheduler_health');
      expect(scheduler.verdict).toBe('fail');
      expect(scheduler.summary).toMatch(
        new RegExp(`^round ${round2.id} not finalized \\d+ s after .*overdue_rounds 1`),
      );
      expect(scheduler.offendingRows).toEqual([
        expect.objectContaining({
          round_id: round2.id,
          status: 'bidding',
          problem: 'late_finalize',
          late_by_s: expect.any(Number),
        }),
      ]);
      expect(check(await run({ tickIntervalMs: 2 * 3_600_000 }), 'scheduler_health').verdict).toBe('pass');
    } finally {
      await stack.db.query(
        'update public.auction_rounds set starts_at = $2, submission_ends_at = $3, ends_at = $4 where id = $1',
        [round2.id, saved?.starts_at, saved?.submission_ends_at, saved?.ends_at],
      );
      stack.ticker?.resume();
    }
    expect(check(await run(), 'scheduler_health').verdict).toBe('pass');
  });

  it('fails auction_single_live_bid and auction_escrow on a second live bid inserted behind the RPC', async () => {
    const { stack, round2, users } = played;
    const [inserted] = await stack.db.query<{ id: number }>(
      'insert into public.auction_bids (round_id, wallet_address, auth_user_id, amount) values ($1, $2, $3, 7) returning id::int as id',
      [round2.id, users.bidder1.wallet, users.bidder1.id],
    );
    try {
      const results = await run();
      const single = check(results, 'auction_single_live_bid');
      expect(single.verdict).toBe('fail');
      expect(single.offendingRows).toEqual([
        {
          round_id: round2.id,
          wallet: users.bidder1.wallet,
          live_bids: 2,
          bid_ids: [expect.any(Number), inserted?.id],
          amounts: ['5', '7'],
        },
      ]);
      const escrow = check(results, 'auction_escrow');
      expect(escrow.verdict).toBe('fail');
      expect(escrow.offendingRows).toEqual([
        {
          round_id: round2.id,
          wallet: users.bidder1.wallet,
          live_bid: '12',
          live_bids: 2,
          escrowed: '5',
          difference: '-7',
        },
      ]);
      expect(check(results, 'ledger_reconciliation').verdict).toBe('pass');
    } finally {
      await stack.db.query('delete from public.auction_bids where id = $1', [inserted?.id]);
    }
  });

  it('fails auction_finalized_rounds when the sold part does not record the auction', async () => {
    const { stack, round1 } = played;
    await stack.db.query("update public.inventory_parts set source = 'mystery_box' where id = $1", [round1.partId]);
    try {
      const finalized = check(await run(), 'auction_finalized_rounds');
      expect(finalized.verdict).toBe('fail');
      expect(finalized.offendingRows).toEqual([
        { round_id: round1.id, problem: 'part_source', expected: 'auction_win', actual: 'mystery_box' },
      ]);
    } finally {
      await stack.db.query("update public.inventory_parts set source = 'auction_win' where id = $1", [round1.partId]);
    }
  });

  it('writes snapshot rows only through run_flux_reconciliation, which read-only leaves out', async () => {
    const runs = async () =>
      (
        await played.stack.db.query<{ n: number }>(
          'select count(distinct run_id)::int as n from public.reconciliation_snapshots',
        )
      )[0]?.n ?? -1;
    const before = await runs();
    const readOnly = await run({ reconcile: false });
    expect(check(readOnly, 'ledger_reconciliation')).toMatchObject({
      verdict: 'pass',
      summary: expect.stringContaining('run_flux_reconciliation not called (read-only)'),
    });
    expect(await runs()).toBe(before);
    await run();
    expect(await runs()).toBe(before + 1);
  });

  it('fails row_counts when a table has fewer rows than the baseline', async () => {
    const counts = check(await run({ baseline: { ...played.baseline, auction_bids: 1000 } }), 'row_counts');
    expect(counts.verdict).toBe('fail');
    expect(counts.summary).toMatch(/^auction_bids lost rows during the run; .*auction_bids 6 \(-994\)/);
    expect(counts.offendingRows).toEqual([{ table: 'auction_bids', current: 6, baseline: 1000, delta: -994 }]);
  });

  it('throws TargetUnreachableError (exit code 3) when nothing answers', async () => {
    const error = await runHealthChecks({ url: 'http://127.0.0.1:9', serviceRoleKey: 'not-used' }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(TargetUnreachableError);
    expect((error as TargetUnreachableError).exitCode).toBe(3);
    expect((error as Error).message).toMatch(/^127\.0\.0\.1:9 did not answer/);
  });

  it('refuses a key that is not the service role before running any check', async () => {
    await expect(run({ serviceRoleKey: played.stack.anonKey })).rejects.toThrow(
      /^SIM_SUPABASE_SERVICE_ROLE_KEY: was refused by .* 401 42501/,
    );
  });
});

describe('runHealthChecks on a target without the game backend', () => {
  it('skips every check, naming what the target lacks', async () => {
    const bare = await startLocalStack({ port: 0, schema: 'none' });
    try {
      const results = await runHealthChecks({ url: bare.url, serviceRoleKey: bare.serviceRoleKey });
      expect(results.map((result) => [result.name, result.verdict])).toEqual([
        ['ledger_reconciliation', 'skip'],
        ['scheduler_health', 'skip'],
        ['auction_single_live_bid', 'skip'],
        ['auction_escrow', 'skip'],
        ['auction_finalized_rounds', 'skip'],
        ['row_counts', 'skip'],
      ]);
      expect(results[1]?.summary).toMatch(/auction_rounds \(PGRST205\)/);
    } finally {
      await bare.stop();
    }
  });
});
