import { readFile } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadResults, type ArtilleryResults } from './artilleryResults.ts';
import { summarizeResults, type ResultsSummary } from './summarizeResults.ts';
import { smallRunPath } from '../../test/support/report/resultsFixtures.ts';

let results: ArtilleryResults;
let summary: ResultsSummary;
/** the fixture as JSON.parse sees it, to check numbers against Artillery's own counters */
let raw: { aggregate: { counters: Record<string, number> }; intermediate: { counters: Record<string, number> }[] };

beforeAll(async () => {
  results = await loadResults(smallRunPath);
  summary = summarizeResults(results);
  raw = JSON.parse(await readFile(smallRunPath, 'utf8'));
});

const sum = (values: (number | null)[]) => values.reduce<number>((total, value) => total + (value ?? 0), 0);

describe('summarizeResults per request', () => {
  it('separates benign rejections and server messages by endpoint', () => {
    const run = structuredClone(results);
    const counters = run.aggregate.counters;
    counters['rocket.rejected.rpc_place_auction_bid'] = 26;
    counters['rocket.message.auth_web3.500: boom.with.dots'] = 4;
    counters['rocket.message.auth_web3.500: other'] = 1;
    const rows = summarizeResults(run).endpoints;
    const bid = rows.find((row) => row.name === 'rpc_place_auction_bid');
    expect(bid).toMatchObject({ rejected: 26, rejectedPct: (26 / 144) * 100, failedPct: (11 / 144) * 100 });
    expect(rows.find((row) => row.name === 'auth_web3')?.messages).toEqual([
      { name: '500: boom.with.dots', count: 4 },
      { name: '500: other', count: 1 },
    ]);
  });
});

describe('summarizeResults totals', () => {
  it('equal the aggregate counters exactly', () => {
    const counters = raw.aggregate.counters;
    expect(summary.requests).toBe(counters['http.requests']);
    expect(summary.responses).toBe(counters['http.responses']);
    expect(summary.errors).toBe(counters['errors.ETIMEDOUT']);
    expect(summary.codes).toEqual({ 200: 874, 400: 36, 409: 74, 500: 5, 503: 8 });
    expect(summary.non2xx).toBe(36 + 74 + 5 + 8);
    // 110 of the 123 non-2xx responses were benign answers (rocket.benign.*): 13 failed, plus 11 timeouts
    expect(summary).toMatchObject({ rejected: 110, unexpectedFailures: 13 + 11 });
    expect(summary.failedRequestPct).toBeCloseTo((24 / 1008) * 100, 9);
    expect(summary.rejectedPct).toBeCloseTo((110 / 1008) * 100, 9);
    expect(summary.vusers).toEqual({ created: 144, completed: 133, failed: 11, skipped: 0 });
    expect(summary.benign).toEqual([
      { name: 'faucet_cooldown', count: 48 },
      { name: 'part_locked', count: 36 },
      { name: 'bid_too_low', count: 26 },
    ]);
    expect(summary.failures).toEqual([
      { name: 'http_5xx', count: 13 },
      { name: 'timeout', count: 11 },
    ]);
    expect(summary.outcomes.map((outcome) => outcome.count)).toEqual([139, 96, 136, 108, 107]);
    expect(summary.cycleErrors).toBe(24);
  });

  it('computes RPS from responses over the counter span, not from aggregate rates', () => {
    expect(summary.spanSec).toBeCloseTo(24.692, 6);
    expect(summary.rps).toBeCloseTo(997 / 24.692, 9);
    // Artillery's aggregate rate is the mean of window rates, which is not the run's throughput
    expect(results.aggregate.rates['http.request_rate']).not.toBeCloseTo(summary.rps, 0);
  });

  it('counts every endpoint as its codes plus its errors, and failed % as (non-2xx + errors) / count', () => {
    const counters = raw.aggregate.counters;
    for (const row of summary.endpoints) {
      const prefix = `plugins.metrics-by-endpoint.${row.name}.`;
      const fromCounters = Object.entries(counters)
        .filter(([key]) => key.startsWith(`${prefix}codes.`) || key.startsWith(`${prefix}errors.`))
        .reduce((total, [, value]) => total + value, 0);
      expect(row.count, row.name).toBe(fromCounters);
    }
    const bid = summary.endpoints.find((row) => row.name === 'rpc_place_auction_bid');
    expect(bid).toMatchObject({ count: 144, responses: 133, non2xx: 26, errors: 11, codes: { 200: 107, 409: 26 } });
    // this fixture predates rocket.rejected.*: its endpoint rows count benign answers as failed
    expect(bid).toMatchObject({ rejected: 0, rejectedPct: 0, messages: [] });
    expect(bid?.failedPct).toBeCloseTo(((26 + 11) / 144) * 100, 9);
    expect(bid?.errorsByCode).toEqual([{ name: 'ETIMEDOUT', count: 11 }]);
    expect(bid?.latency).toMatchObject({ p50: 10.1, p95: 13.9, p99: 13.9, max: 16, count: 133 });
    expect(summary.endpoints.map((row) => row.name)).toEqual([
      'auth_refresh',
      'auth_web3',
      'rpc_claim_faucet',
      'rpc_open_box',
      'rpc_place_auction_bid',
      'rpc_submit_auction',
      'rpc_sync_wallet_flux_balance',
    ]);
  });
});

describe('summarizeResults window series', () => {
  it('sum to the aggregate counters (as Artillery windows do for this run)', () => {
    const { windows } = summary;
    const counters = raw.aggregate.counters;
    // precondition: Artillery's own windows add up for this fixture
    for (const key of Object.keys(counters)) {
      expect(sum(raw.intermediate.map((w) => w.counters[key] ?? 0)), key).toBe(counters[key]);
    }
    expect(sum(windows.requests)).toBe(counters['http.requests']);
    expect(sum(windows.responses)).toBe(counters['http.responses']);
    expect(sum(windows.errors)).toBe(summary.errors);
    for (const [code, values] of Object.entries(windows.codes))
      expect(sum(values), code).toBe(counters[`http.codes.${code}`]);
    expect(sum(windows.vusersCreated)).toBe(counters['vusers.created']);
    expect(sum(windows.vusersCompleted)).toBe(counters['vusers.completed']);
    expect(sum(windows.vusersFailed)).toBe(counters['vusers.failed']);
    for (const [key, values] of Object.entries(windows.outcomes)) expect(sum(values), key).toBe(counters[key]);
  });

  it('divides partial first and last windows by their active seconds only', () => {
    const { windows } = summary;
    expect(windows.spanSec).toEqual([2.985, 10, 10, 1.707]);
    expect(sum(windows.spanSec)).toBeCloseTo(summary.spanSec, 9);
    expect(windows.requestsPerSec[0]).toBeCloseTo(84 / 2.985, 9);
    expect(windows.requestsPerSec[2]).toBe(56);
    // weighted by span, the window rates give back the run's request rate
    const weighted = sum(windows.requestsPerSec.map((rate, i) => rate * (windows.spanSec[i] ?? 0)));
    expect(weighted).toBeCloseTo(summary.requests, 9);
  });

  it('takes per-window percentiles from the window summaries, in window order', () => {
    const { windows } = summary;
    expect(windows.t).toEqual([1795879630, 1795879640, 1795879650, 1795879660]);
    expect(windows.p95).toEqual(results.intermediate.map((w) => w.summaries['http.response_time']?.p95));
    expect(windows.p99[3]).toBe(27.9);
    expect(windows.endpointP95.rpc_open_box).toEqual([16, 16.9, 16.9, 16]);
  });

  it('sorts windows by period and leaves gaps as null when a window has no response-time summary', () => {
    const [first, second] = results.intermediate;
    if (!first || !second) throw new Error('fixture has fewer than two windows');
    const shuffled: ArtilleryResults = {
      aggregate: results.aggregate,
      intermediate: [{ ...second, summaries: {} }, first],
    };
    const { windows } = summarizeResults(shuffled);
    expect(windows.t).toEqual([first.period / 1000, second.period / 1000]);
    expect(windows.p50).toEqual([first.summaries['http.response_time']?.p50, null]);
  });

  it('handles a run without any counters', () => {
    const empty = summarizeResults({
      aggregate: { period: 0, counters: {}, rates: {}, summaries: {} },
      intermediate: [],
    });
    expect(empty).toMatchObject({
      requests: 0,
      responses: 0,
      rps: 0,
      errors: 0,
      failedRequestPct: 0,
      endpoints: [],
      latency: undefined,
    });
    expect(empty.windows.t).toEqual([]);
  });
});
