/**
 * @module Benchmark of the report path on a 1-hour soak: 360 windows, 15 endpoints, the suite's metric names,
 * and one hour of database samples (the Database section).
 * Run with `node bench/report.ts [--html FILE]`; prints load, summarise and render times and the page size against
 * the targets, and with --html keeps the rendered page to look at.
 */
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { DatabaseWatch } from '../src/dbwatch/index.ts';
import { createPrng, type Prng } from '../src/gameplay/prng.ts';
import { loadResults } from '../src/report/artilleryResults.ts';
import { compareRuns } from '../src/report/compareRuns.ts';
import { evaluateGates } from '../src/report/evaluateGates.ts';
import { renderReport } from '../src/report/renderReport.ts';
import { runFactsOf, runVerdict } from '../src/report/runVerdict.ts';
import { summarizeResults } from '../src/report/summarizeResults.ts';

const WINDOWS = 360;
const TARGET_RENDER_MS = 2000;
const TARGET_BYTES = 2 * 1024 * 1024;
const WARM_RUNS = 5;

const ENDPOINTS = [
  'auth_web3',
  'auth_refresh',
  'auth_user',
  'rpc_sync_wallet_flux_balance',
  'rpc_claim_daily_flux',
  'rpc_claim_faucet',
  'rpc_open_box',
  'rpc_list_inventory',
  'rpc_equip_rocket_part',
  'rpc_submit_auction',
  'rpc_place_auction_bid',
  'rpc_get_active_auctions',
  'rpc_finalize_auction',
  'rest_wallet_flux_balances',
  'rest_auction_rounds',
];
const BENIGN = ['faucet_cooldown', 'bid_too_low', 'part_locked', 'no_active_round', 'insufficient_flux'];
const OUTCOMES = ['wallet_authenticated', 'faucet_claimed', 'box_opened', 'auction_submitted', 'auction_bid'];

type Counters = Record<string, number>;
type Summary = Record<string, number>;

/** A DDSketch-like summary of `count` samples around `median` ms (rounded like Artillery's output). */
function summary(prng: Prng, count: number, median: number): Summary {
  const r = (value: number) => Math.round(value * 10) / 10;
  const p50 = median * (0.9 + prng.next() * 0.2);
  return {
    min: r(p50 * 0.3),
    max: r(p50 * (4 + prng.next() * 6)),
    count,
    mean: r(p50 * 1.1),
    p50: r(p50),
    median: r(p50),
    p75: r(p50 * 1.3),
    p90: r(p50 * 1.7),
    p95: r(p50 * 2.1),
    p99: r(p50 * 3.2),
    p999: r(p50 * 4),
  };
}

function add(counters: Counters, key: string, value: number): void {
  if (value > 0) counters[key] = (counters[key] ?? 0) + value;
}

/** One 10-s window in the exact shape Artillery writes, junk keys and the `histograms` copy included. */
function window(prng: Prng, period: number): Record<string, unknown> {
  const counters: Counters = {};
  const summaries: Record<string, Summary> = {};
  const vusers = 95 + prng.int(0, 10);
  add(counters, 'vusers.created_by_name.player_cycle', vusers);
  add(counters, 'vusers.created', vusers);
  let requests = 0;
  let latency = 0;
  for (const [index, name] of ENDPOINTS.entries()) {
    const count = vusers * (index < 4 ? 2 : 1) + prng.int(0, 5);
    const failed5xx = prng.chance(0.2) ? prng.int(1, 3) : 0;
    const benign4xx = index % 3 === 0 ? prng.int(0, 12) : 0;
    const timeouts = prng.chance(0.05) ? 1 : 0;
    requests += count;
    add(counters, 'http.requests', count);
    add(counters, 'http.responses', count - timeouts);
    add(counters, 'http.codes.200', count - timeouts - failed5xx - benign4xx);
    add(counters, 'http.codes.409', benign4xx);
    add(counters, 'http.codes.500', failed5xx);
    add(counters, 'errors.ETIMEDOUT', timeouts);
    add(counters, `plugins.metrics-by-endpoint.${name}.codes.200`, count - timeouts - failed5xx - benign4xx);
    add(counters, `plugins.metrics-by-endpoint.${name}.codes.409`, benign4xx);
    add(counters, `plugins.metrics-by-endpoint.${name}.codes.500`, failed5xx);
    add(counters, `plugins.metrics-by-endpoint.${name}.errors.ETIMEDOUT`, timeouts);
    add(counters, 'rocket.failure.http_5xx', failed5xx);
    add(counters, 'rocket.failure.timeout', timeouts);
    const median = 20 + index * 6;
    latency += median;
    summaries[`plugins.metrics-by-endpoint.response_time.${name}`] = summary(prng, count - timeouts, median);
  }
  for (const outcome of OUTCOMES) add(counters, `rocket.${outcome}`, vusers - prng.int(0, 8));
  for (const reason of BENIGN) add(counters, `rocket.benign.${reason}`, prng.int(0, 6));
  const failed = counters['errors.ETIMEDOUT'] ?? 0;
  add(counters, 'rocket.cycle_error', failed + (counters['rocket.failure.http_5xx'] ?? 0));
  add(counters, 'vusers.failed', failed);
  add(counters, 'vusers.completed', vusers - failed);
  add(counters, 'http.downloaded_bytes', requests * 180);
  summaries['http.response_time'] = summary(prng, requests, latency / ENDPOINTS.length);
  summaries['http.response_time.2xx'] = summary(prng, requests, latency / ENDPOINTS.length);
  summaries['http.response_time.4xx'] = summary(prng, 20, 15);
  summaries['http.response_time.5xx'] = summary(prng, 5, 40);
  summaries['rocket.sign_ms'] = summary(prng, vusers, 0.4);
  summaries['vusers.session_length'] = summary(prng, vusers, 900);
  const first = period + prng.int(0, 20);
  const last = period + 9_980 + prng.int(0, 19);
  return {
    period: String(period),
    counters,
    rates: { 'http.request_rate': Math.round(requests / 10) },
    'http.request_rate': null,
    firstCounterAt: first,
    firstHistogramAt: first,
    lastCounterAt: last,
    lastHistogramAt: last,
    firstMetricAt: first,
    lastMetricAt: last,
    summaries,
    histograms: summaries,
  };
}

/** 360 windows plus an aggregate whose counters are their sums (aggregate percentiles taken from the middle window). */
function syntheticResults(seed: number): unknown {
  const prng = createPrng(seed, 'bench/report');
  const start = Date.UTC(2026, 0, 1, 12);
  const intermediate = Array.from({ length: WINDOWS }, (_, i) => window(prng, start + i * 10_000));
  const counters: Counters = {};
  for (const w of intermediate)
    for (const [key, value] of Object.entries(w.counters as Counters)) add(counters, key, value);
  const middle = intermediate[WINDOWS / 2] as { summaries: Record<string, Summary> };
  const aggregate = {
    period: start + (WINDOWS - 1) * 10_000,
    counters,
    rates: { 'http.request_rate': 140 },
    firstCounterAt: start + 5,
    firstHistogramAt: start + 5,
    lastCounterAt: start + WINDOWS * 10_000 - 3,
    lastHistogramAt: start + WINDOWS * 10_000 - 3,
    firstMetricAt: start + 5,
    lastMetricAt: start + WINDOWS * 10_000 - 3,
    summaries: middle.summaries,
    histograms: middle.summaries,
  };
  return { aggregate, intermediate };
}

/** One hour of database samples every 2 s (what database.json holds beside a 1-hour soak): statements, waits, lock waits. */
function syntheticDatabase(seed: number): DatabaseWatch {
  const prng = createPrng(seed, 'bench/report/database');
  const start = Date.UTC(2026, 0, 1, 12);
  const statements: Record<string, string> = {};
  for (const [index, name] of ENDPOINTS.entries())
    statements[`10:${index}:true`] =
      `WITH pgrst_source AS (SELECT pgrst_call.pgrst_scalar FROM LATERAL (SELECT "public"."${name}"() pgrst_scalar) pgrst_call) SELECT $1`;
  const samples = Array.from({ length: 1800 }, (_, i) => ({
    at: start + i * 2000,
    waits: { CPU: prng.int(0, 6), Lock: prng.int(0, 3), IO: prng.int(0, 1), Client: prng.int(0, 2) },
    active: prng.int(1, 8),
    waiting: prng.int(0, 3),
    connections: 10 + prng.int(0, 5),
    statements: ENDPOINTS.map((name, index) => ({
      key: `10:${index}:true`,
      endpoint: name,
      calls: prng.int(1, 40),
      totalMs: prng.int(5, 400),
      rows: prng.int(1, 40),
      sharedHit: prng.int(10, 400),
      sharedRead: prng.int(0, 3),
    })),
    database: { commits: prng.int(50, 90), rollbacks: prng.int(0, 20), deadlocks: 0, tempBytes: 0, conflicts: 0 },
    lockWaits: Array.from({ length: prng.int(0, 2) }, (_, n) => ({
      id: `${i}:${n}`,
      waitingEndpoint: 'rpc_place_auction_bid',
      waitingStatement: statements['10:10:true']!,
      lockType: 'transactionid',
      relation: 'auction_rounds',
      row: `id=${1 + Math.floor(i / 120)}`,
      waitedMs: prng.int(1, 300),
      blockingEndpoints: ['rpc_place_auction_bid'],
      blockingStatements: [statements['10:10:true']!],
    })),
  }));
  return {
    version: 1,
    sampled: true,
    source: '127.0.0.1:5432/bench',
    intervalMs: 2000,
    startedAt: start,
    endedAt: start + 3_600_000,
    server: { version: '15', maxConnections: 100, statementsTrack: 'top' },
    missing: [],
    phases: [{ name: 'soak', at: start }],
    samples,
    statements,
    samplerMs: 900,
    failedSamples: 0,
  };
}

function elapsed<T>(work: () => T): [T, number] {
  const started = performance.now();
  const value = work();
  return [value, performance.now() - started];
}

const { values: flags } = parseArgs({ options: { html: { type: 'string' } } });
const dir = await mkdtemp(join(tmpdir(), 'rocket-sim-bench-'));
try {
  const path = join(dir, 'soak.json');
  await writeFile(path, JSON.stringify(syntheticResults(1)));
  const loadStart = performance.now();
  const results = await loadResults(path);
  const loadMs = performance.now() - loadStart;
  const [summary, summarizeMs] = elapsed(() => summarizeResults(results));
  const gates = evaluateGates(
    {
      thresholds: [{ 'http.response_time.p99': 500 }],
      conditions: [{ expression: 'vusers.failed < 100' }],
      maxErrorRate: 1,
    },
    results.aggregate,
  );
  const comparison = compareRuns(results, results);
  const input = {
    results,
    meta: {
      scenario: 'soak',
      environment: 'bench',
      targetHost: '127.0.0.1:54321',
      seed: 1,
      gitCommit: 'bench',
      generatorVersion: 'bench',
    },
    gates,
    comparison,
    verdict: runVerdict({ facts: runFactsOf(results.aggregate), gates, comparison }),
    database: syntheticDatabase(1),
  };
  const [html, coldMs] = elapsed(() => renderReport(input));
  const warm = Array.from({ length: WARM_RUNS }, () => elapsed(() => renderReport(input))[1]).sort((a, b) => a - b);
  const warmMs = warm[Math.floor(WARM_RUNS / 2)] ?? 0;
  const bytes = Buffer.byteLength(html);
  const inputBytes = (await stat(path)).size;
  const ms = (value: number) => `${value.toFixed(1)} ms`;
  console.log(
    `report bench: ${WINDOWS} windows, ${summary.endpoints.length} endpoints, results file ${inputBytes} bytes`,
  );
  console.log(`  load + validate results  ${ms(loadMs)}`);
  console.log(`  summarize                ${ms(summarizeMs)}`);
  console.log(
    `  render (first, cold)     ${ms(coldMs)}   target < ${TARGET_RENDER_MS} ms: ${coldMs < TARGET_RENDER_MS ? 'ok' : 'MISSED'}`,
  );
  console.log(`  render (median of ${WARM_RUNS})     ${ms(warmMs)}`);
  console.log(
    `  output size              ${bytes} bytes   target < ${TARGET_BYTES} bytes: ${bytes < TARGET_BYTES ? 'ok' : 'MISSED'}`,
  );
  if (flags.html) {
    await writeFile(flags.html, html);
    console.log(`  page written to ${flags.html}`);
  }
  if (coldMs >= TARGET_RENDER_MS || bytes >= TARGET_BYTES) process.exitCode = 1;
} finally {
  await rm(dir, { recursive: true, force: true });
}
