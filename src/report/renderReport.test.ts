import { beforeAll, describe, expect, it } from 'vitest';
import { loadResults, type ArtilleryResults } from './artilleryResults.ts';
import { compareRuns } from './compareRuns.ts';
import { evaluateGates } from './evaluateGates.ts';
import type { ChartData } from './reportCharts.ts';
import { renderReport, type ReportInput } from './renderReport.ts';
import { loadRunMeta, type RunMeta } from './runMeta.ts';
import { runFactsOf, runVerdict } from './runVerdict.ts';
import { smallRunMetaPath, smallRunPath } from '../../test/support/report/resultsFixtures.ts';

let results: ArtilleryResults;
let runMeta: RunMeta;
beforeAll(async () => {
  results = await loadResults(smallRunPath);
  runMeta = await loadRunMeta(smallRunMetaPath);
});

/** The fixture run's report input; the verdict is decided from the final inputs, as writeRunReport does. */
function input(overrides: Partial<Omit<ReportInput, 'verdict'>> = {}): ReportInput {
  const { ensure, checks, ...meta } = runMeta;
  const parts = { results, meta, gates: evaluateGates(ensure ?? {}, results.aggregate), checks, ...overrides };
  const verdict = runVerdict({ facts: runFactsOf(parts.results.aggregate), ...parts });
  return { ...parts, verdict };
}

function embeddedData(html: string): ChartData {
  const match = /<script type="application\/json" id="report-data">([^<]*)<\/script>/.exec(html);
  if (!match?.[1]) throw new Error('no embedded chart data');
  return JSON.parse(match[1]) as ChartData;
}

const HOSTILE = '</script><img src=x onerror="alert(1)">';

describe('renderReport', () => {
  it('renders one self-contained page with uPlot inlined and no external resource', () => {
    const html = renderReport(input());
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('var uPlot=function()');
    expect(html).toContain('.uplot');
    // no src/href pointing anywhere: only in-page anchors
    expect(html).not.toMatch(/\s(src|href)="(?!#)/);
    expect(html).not.toMatch(/https?:\/\/(?!github\.com\/leeoniya\/uPlot)/);
    expect(html).toContain("default-src 'none'");
  });

  it('has a container with a data-chart id for every chart in the embedded data', () => {
    const html = renderReport(input());
    const data = embeddedData(html);
    const ids = [...html.matchAll(/<div class="chart" data-chart="([^"]+)"/g)].map((match) => match[1]);
    expect(ids).toEqual(data.charts.map((chart) => chart.id));
    expect(ids).toEqual(['requests-per-second', 'latency', 'errors-and-codes', 'vusers', 'outcomes', 'endpoint-p95']);
    expect(data.x).toHaveLength(4);
    for (const chart of data.charts) {
      for (const series of chart.series) expect(series.values, `${chart.id} ${series.label}`).toHaveLength(4);
    }
    const codes = data.charts.find((chart) => chart.id === 'errors-and-codes');
    expect(codes?.series.find((series) => series.label === 'HTTP 200')?.values).toEqual([73, 273, 486, 42]);
  });

  it('shows the run identity, endpoint rows, breakdowns, gates and checks', () => {
    const html = renderReport(input());
    for (const text of [
      'fixture_player_cycle',
      '127.0.0.1:18099',
      '2026-11-28 15:27:14 UTC',
      'fd8c66c',
      '1,008',
      'rpc_sync_wallet_flux_balance',
      'ETIMEDOUT × 11',
      'faucet_cooldown',
      'http_5xx',
      'rocket.does_not_exist = not reported',
      'fail (optional)',
      '1 round holds escrow for a refunded bid',
      '<td>12.5</td>',
    ]) {
      expect(html, text).toContain(text);
    }
    expect(html).toContain('data-verdict="failed"');
    expect(html).toContain('failed: gates, health checks');
  });

  it('says passed when every strict gate passed and no check failed', () => {
    const passing = structuredClone(results);
    passing.aggregate.counters['vusers.failed'] = 0;
    const html = renderReport(
      input({ results: passing, gates: evaluateGates({ p99: 100 }, passing.aggregate), checks: [] }),
    );
    expect(html).toContain('data-verdict="passed"');
  });

  it('escapes every text from the inputs, including inside the embedded JSON', () => {
    const hostile = structuredClone(results);
    const summaries = hostile.aggregate.summaries;
    const bid = summaries['plugins.metrics-by-endpoint.response_time.rpc_place_auction_bid'];
    if (!bid) throw new Error('fixture lacks the bid endpoint');
    summaries[`plugins.metrics-by-endpoint.response_time.${HOSTILE}`] = bid;
    hostile.aggregate.counters[`errors.${HOSTILE}`] = 1;
    const html = renderReport(
      input({
        results: hostile,
        meta: { ...runMeta, scenario: HOSTILE, environment: '<b>prod</b>', gitCommit: '"><script>x()</script>' },
        checks: [{ name: HOSTILE, verdict: 'fail', summary: HOSTILE, offendingRows: [{ [HOSTILE]: HOSTILE }] }],
      }),
    );
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<b>prod');
    expect(html).not.toContain('"><script>');
    expect(html).toContain('&lt;/script&gt;&lt;img src=x onerror=&quot;alert(1)&quot;&gt;');
    // exactly the page's own three script elements
    expect(html.match(/<script/g)).toHaveLength(3);
    const labels = embeddedData(html).charts.flatMap((chart) => chart.series.map((series) => series.label));
    expect(labels).toContain(HOSTILE);
  });

  it('redacts secrets that reach it through any input', () => {
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJlc2lnbmF0dXJl';
    const key = `0x${'ab'.repeat(32)}`;
    const html = renderReport(
      input({
        meta: { ...runMeta, environment: `staging ${jwt}` },
        checks: [{ name: 'wallets', verdict: 'fail', summary: `bad key ${key}`, offendingRows: [{ note: jwt }] }],
      }),
    );
    expect(html).not.toContain(jwt);
    expect(html).not.toContain(key);
    expect(html).toContain('staging [REDACTED]');
  });

  it('caps offending rows and says how many were left out', () => {
    const offendingRows = Array.from({ length: 60 }, (_, i) => ({ row: i }));
    const html = renderReport(
      input({ checks: [{ name: 'many', verdict: 'fail', summary: 'sixty rows', offendingRows }] }),
    );
    expect(html).toContain('<td>49</td>');
    expect(html).not.toContain('<td>50</td>');
    expect(html).toContain('10 more rows not shown.');
  });

  it('adds the baseline section only with a comparison', () => {
    expect(renderReport(input())).not.toContain('id="comparison"');
    const html = renderReport(input({ comparison: compareRuns(results, results) }));
    expect(html).toContain('id="comparison"');
    expect(html).toContain('Comparison with the baseline: no regression');
  });

  it('renders an empty run without failing', () => {
    const html = renderReport(
      input({
        results: { aggregate: { period: 0, counters: {}, rates: {}, summaries: {} }, intermediate: [] },
        gates: undefined,
      }),
    );
    expect(embeddedData(html).x).toEqual([]);
    expect(html).toContain('no gates found');
    expect(html).toContain('data-reason="no_requests"');
    expect(html).toContain('No metrics-by-endpoint data');
  });
});
