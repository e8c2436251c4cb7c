import { beforeAll, describe, expect, it } from 'vitest';
import { loadResults, type ArtilleryResults } from './artilleryResults.ts';
import { compareRuns } from './compareRuns.ts';
import { smallRunPath } from '../../test/support/report/resultsFixtures.ts';

let baseline: ArtilleryResults;
beforeAll(async () => {
  baseline = await loadResults(smallRunPath);
});

/** A copy of the run whose every p95 (overall and per endpoint) is scaled by `factor`. */
function withP95(results: ArtilleryResults, factor: number): ArtilleryResults {
  const copy = structuredClone(results);
  for (const [name, summary] of Object.entries(copy.aggregate.summaries)) {
    copy.aggregate.summaries[name] = { ...summary, p95: (summary.p95 ?? 0) * factor };
  }
  return copy;
}

/** A copy with `extra` more timeouts on one endpoint and overall. */
function withTimeouts(results: ArtilleryResults, extra: number): ArtilleryResults {
  const copy = structuredClone(results);
  const counters = copy.aggregate.counters;
  counters['errors.ETIMEDOUT'] = (counters['errors.ETIMEDOUT'] ?? 0) + extra;
  counters['plugins.metrics-by-endpoint.auth_refresh.errors.ETIMEDOUT'] = extra;
  return copy;
}

describe('compareRuns', () => {
  it('passes identical runs with zero deltas', () => {
    const comparison = compareRuns(baseline, baseline);
    expect(comparison.verdict).toBe('pass');
    expect(comparison.rows.every((row) => row.delta === 0 && row.status === 'pass')).toBe(true);
    expect(comparison.rows.map((row) => row.name)).toContain('rpc_place_auction_bid');
  });

  it('fails a 20 % p95 regression with the default 10 % limit', () => {
    const comparison = compareRuns(baseline, withP95(baseline, 1.2));
    expect(comparison.verdict).toBe('regression');
    const overall = comparison.rows.find((row) => row.kind === 'p95');
    expect(overall).toMatchObject({ baseline: 13.9, status: 'fail', limit: 10 });
    expect(overall?.current).toBeCloseTo(16.68, 9);
    expect(overall?.delta).toBeCloseTo(20, 9);
    // 2.8 ms more is beyond the noise of two runs of 997 responses each, whose windows agree (±1.9 ms)
    expect(overall?.noise).toBeGreaterThan(1.5);
    expect(overall?.noise).toBeLessThan(2.78);
    // an endpoint's 136 responses are noisier: +20 % of 13.9 ms is within it; twice as slow warns
    expect(comparison.rows.find((row) => row.name === 'rpc_open_box')?.status).toBe('pass');
    expect(compareRuns(baseline, withP95(baseline, 2)).rows.find((row) => row.name === 'rpc_open_box')?.status).toBe(
      'warn',
    );
  });

  it('passes the same regression when the limit allows it, and a 5 % one by default', () => {
    expect(compareRuns(baseline, withP95(baseline, 1.2), { maxP95RegressionPct: 25 }).verdict).toBe('pass');
    expect(compareRuns(baseline, withP95(baseline, 1.05)).verdict).toBe('pass');
  });

  it('does not call a sub-millisecond growth a regression, however large in percent', () => {
    const fast = withP95(baseline, 0);
    const slightlySlower = structuredClone(fast);
    slightlySlower.aggregate.summaries['http.response_time'] = {
      ...slightlySlower.aggregate.summaries['http.response_time'],
      p95: 1,
    };
    expect(compareRuns(fast, slightlySlower).rows[0]).toMatchObject({
      baseline: 0,
      current: 1,
      delta: null,
      status: 'pass',
    });
    slightlySlower.aggregate.summaries['http.response_time'] = {
      ...slightlySlower.aggregate.summaries['http.response_time'],
      p95: 3,
    };
    expect(compareRuns(fast, slightlySlower).verdict).toBe('regression');
  });

  it('fails when the failed-request rate grows by more than the allowed percentage points', () => {
    // 11 timeouts more on 1,008 requests that ended; 110 of the 123 non-2xx are benign game answers:
    // unexpected failures 2.38 % → 3.43 %, +1.05 pp, within the noise of ~1,000 requests each
    const small = compareRuns(baseline, withTimeouts(baseline, 11));
    expect(small.rows[1]?.delta).toBeCloseTo(((13 + 22) / (997 + 22)) * 100 - ((13 + 11) / (997 + 11)) * 100, 9);
    expect(small.verdict).toBe('pass');
    const large = compareRuns(baseline, withTimeouts(baseline, 40));
    expect(large.rows[1]).toMatchObject({ kind: 'errorRate', status: 'fail' });
    expect(large.verdict).toBe('regression');
    expect(compareRuns(baseline, withTimeouts(baseline, 40), { maxErrorRateIncreasePp: 5 }).verdict).toBe('pass');
  });

  it("does not flag run-to-run noise: a p95 beyond the limit but within the windows' spread passes", () => {
    // the same run, its windows spread widely: 8 to 20 ms
    const noisy = structuredClone(baseline);
    noisy.intermediate.forEach((window, index) => {
      const summary = window.summaries['http.response_time'];
      if (summary) window.summaries['http.response_time'] = { ...summary, p95: [8, 20, 9, 19][index] ?? 14 };
    });
    const slower = withP95(noisy, 1.2);
    const comparison = compareRuns(noisy, slower);
    expect(comparison.rows[0]).toMatchObject({ status: 'pass' });
    expect(comparison.rows[0]?.delta).toBeCloseTo(20, 9);
    expect(comparison.rows[0]?.noise).toBeGreaterThan(16.68 - 13.9);
    // the steady fixture fails the same +20 %
    expect(compareRuns(baseline, withP95(baseline, 1.2)).verdict).toBe('regression');
  });

  it('lists endpoints present in only one run as info rows', () => {
    const renamed = structuredClone(baseline);
    const summaries = renamed.aggregate.summaries;
    const bid = summaries['plugins.metrics-by-endpoint.response_time.rpc_place_auction_bid'];
    if (!bid) throw new Error('fixture lacks the bid endpoint');
    summaries['plugins.metrics-by-endpoint.response_time.rpc_new'] = bid;
    const row = compareRuns(baseline, renamed).rows.find((candidate) => candidate.name === 'rpc_new');
    expect(row).toMatchObject({ baseline: null, current: 13.9, delta: null, status: 'info' });
  });
});
