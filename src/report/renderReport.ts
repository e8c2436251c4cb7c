/**
 * @module Renders one self-contained HTML report (uPlot and the chart data inlined, no network access)
 * from an Artillery results file, the run's identity, gate and health-check results and a baseline comparison.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { redactDeep } from '../log/index.ts';
import type { ArtilleryResults } from './artilleryResults.ts';
import type { RunComparison } from './compareRuns.ts';
import { comparisonRowText } from './comparisonRowText.ts';
import type { GateResult } from './evaluateGates.ts';
import type { CapacityFile } from '../capacity/loadCapacityFile.ts';
import { capacitySection } from './capacitySection.ts';
import { fmt } from './fmt.ts';
import { generatorReport } from './generatorReport.ts';
import { latencyByLoadCharts } from './latencyByLoad.ts';
import { MERGED_PERCENTILES_TEXT } from './mergeResults.ts';
import { htmlText as t } from './htmlText.ts';
import { platformLimitsSection } from './platformLimitsSection.ts';
import { reportCharts, type ChartData } from './reportCharts.ts';
import { reportPageScript } from './reportPageScript.ts';
import { reportStyles } from './reportStyles.ts';
import type { DatabaseWatch } from '../dbwatch/index.ts';
import { databaseSection } from './databaseSection.ts';
import type { HealthCheckResult } from '../health/healthCheckResult.ts';
import type { ReportMeta } from './runMeta.ts';
import type { RunStop } from './runStop.ts';
import type { Verdict } from './runVerdict.ts';
import { summarizeResults, type Breakdown, type ResultsSummary } from './summarizeResults.ts';

export interface ReportInput {
  results: ArtilleryResults;
  meta: ReportMeta;
  /** `ensure` results (evaluateGates); the section says so when absent */
  gates?: GateResult[] | undefined;
  /** post-run health checks */
  checks?: HealthCheckResult[] | undefined;
  /** comparison with a baseline run (compareRuns) */
  comparison?: RunComparison | undefined;
  /** where the gates came from (`run-meta.json`, `scenario once (-e local)`, ...) */
  gatesFrom?: string | undefined;
  /** how the run ended when it did not run its course */
  stop?: RunStop | undefined;
  /** the run's one verdict (runVerdict): the badge, the reasons, the title */
  verdict: Verdict;
  /** a capacity run's capacity.json */
  capacity?: CapacityFile | undefined;
  /** what the database sampler saw (`database.json`); the Database section says so when absent */
  database?: DatabaseWatch | undefined;
}

/** Health checks show at most this many offending rows and columns, whatever the producer sent. */
const MAX_OFFENDING_ROWS = 50;
const MAX_OFFENDING_COLUMNS = 12;

let uplotAssets: { script: string; css: string } | undefined;

/** uPlot's browser build and stylesheet from the installed package, read once per process. */
export function uplot(): { script: string; css: string } {
  if (!uplotAssets) {
    const require = createRequire(import.meta.url);
    uplotAssets = {
      script: readFileSync(require.resolve('uplot/dist/uPlot.iife.min.js'), 'utf8'),
      css: readFileSync(require.resolve('uplot/dist/uPlot.min.css'), 'utf8'),
    };
  }
  return uplotAssets;
}

/**
 * Renders the report as one HTML document. Every text from the inputs is redacted and escaped; the
 * chart data is embedded as JSON; a Content-Security-Policy allows only the page's own two scripts and
 * no network access at all.
 */
export function renderReport(input: ReportInput): string {
  const summary = summarizeResults(input.results);
  const { verdict } = input;
  const charts = reportCharts(summary.windows);
  const generator = generatorReport(input.results);
  if (generator.chart) charts.charts.push(generator.chart);
  charts.charts.push(...latencyByLoadCharts(input.results, input.gates));
  // `<` escaped so that no text in the data can close the script element
  const chartJson = JSON.stringify(redactDeep(charts)).replace(/</g, '\\u003c');
  const assets = uplot();
  const scriptHashes = [assets.script, reportPageScript].map(
    (script) => `'sha256-${createHash('sha256').update(script).digest('base64')}'`,
  );
  const csp = `default-src 'none'; script-src ${scriptHashes.join(' ')}; style-src 'unsafe-inline'; img-src data:`;
  const { meta } = input;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<title>${t(`${meta.scenario} on ${meta.environment}: ${verdict.label}`)} · rocket-sim load report</title>
<style>${assets.css}</style>
<style>${reportStyles}</style>
</head>
<body>
<main>
<header>
  <h1>Load report: ${t(meta.scenario)}<small>${t(meta.environment)} · ${t(meta.targetHost)} · ${t(fmt.time(meta.startedAt ?? summary.firstCounterAt))}</small></h1>
  <span class="badge verdict ${verdict.passed ? 'pass' : 'fail'}" data-verdict="${verdict.passed ? 'passed' : 'failed'}">${t(verdict.passed ? 'passed' : 'failed')}</span>
</header>
${verdictSection(verdict)}
<nav><a href="#summary">Summary</a><a href="#charts">Charts</a><a href="#endpoints">Endpoints</a><a href="#outcomes">Outcomes and errors</a><a href="#gates">Gates</a><a href="#checks">Health checks</a><a href="#database">Database</a>${input.comparison ? '<a href="#comparison">Baseline</a>' : ''}</nav>
${summarySection(summary, meta, verdict, input.stop)}
${capacitySection(input.capacity)}
${chartsSection(charts)}
${generator.html}
${endpointsSection(summary)}
${outcomesSection(summary)}
${gatesSection(input.gates, input.gatesFrom, verdict)}
${checksSection(input.checks)}
${platformLimitsSection(input.results, meta)}
${databaseSection(input.database, input.results)}
${input.comparison ? comparisonSection(input.comparison) : ''}
<footer>Generated by rocket-sim from Artillery's results file. Charts drawn with uPlot, embedded in this file: the page works offline.</footer>
</main>
<script type="application/json" id="report-data">${chartJson}</script>
<script>${assets.script}</script>
<script>${reportPageScript}</script>
</body>
</html>
`;
}

function summarySection(
  summary: ResultsSummary,
  meta: ReportMeta,
  verdict: Verdict,
  stop: RunStop | undefined,
): string {
  const startedAt = meta.startedAt ?? summary.firstCounterAt;
  const endedAt = meta.endedAt ?? summary.lastCounterAt;
  const duration =
    startedAt !== undefined && endedAt !== undefined
      ? (new Date(endedAt).getTime() - new Date(startedAt).getTime()) / 1000
      : summary.spanSec;
  const bound = meta.mergedPercentiles === 'upper bound' ? ' (upper bound)' : '';
  const kpis: [string, string][] = [
    [fmt.count(summary.requests), 'requests'],
    [fmt.rate(summary.rps), 'responses per second'],
    [fmt.ms(summary.latency?.p50), `p50 response time${bound}`],
    [fmt.ms(summary.latency?.p95), `p95 response time${bound}`],
    [fmt.ms(summary.latency?.p99), `p99 response time${bound}`],
    [fmt.pct(summary.failedRequestPct), 'unexpected failures (non-2xx not expected + errors)'],
    [fmt.pct(summary.rejectedPct), 'benign rejections (expected game answers)'],
    [fmt.count(summary.errors), 'errors (no response)'],
    [fmt.count(summary.vusers.failed), 'virtual users failed'],
  ];
  const details: [string, string][] = [
    ['Scenario', meta.scenario],
    ['Environment', meta.environment],
    ['Target host', meta.targetHost],
    ['Started', fmt.time(startedAt)],
    ['Ended', fmt.time(endedAt)],
    ['Duration', fmt.duration(duration)],
    ['Load span', `${fmt.duration(summary.spanSec)} (first to last counted event)`],
    ['Seed', String(meta.seed)],
    ['Git commit', meta.gitCommit],
    ['Generator', `rocket-sim ${meta.generatorVersion}`],
    ['Responses', `${fmt.count(summary.responses)} of ${fmt.count(summary.requests)} requests`],
    ['Response codes', codeList(summary.codes) || '–'],
    [
      'Virtual users',
      `${fmt.count(summary.vusers.created)} created, ${fmt.count(summary.vusers.completed)} completed, ` +
        `${fmt.count(summary.vusers.failed)} failed, ${fmt.count(summary.vusers.skipped)} skipped`,
    ],
    ['Latency max', fmt.ms(summary.latency?.max)],
    ...(meta.mergedPercentiles
      ? ([['Merged percentiles', MERGED_PERCENTILES_TEXT[meta.mergedPercentiles]]] as [string, string][])
      : []),
    ...(stop ? ([[STOP_LABEL[stop.kind], `${fmt.time(stop.at)}: ${stop.reason}`]] as [string, string][]) : []),
    ['Verdict', verdict.label],
  ];
  return `<section id="summary">
<h2>Run summary</h2>
<div class="kpis">${kpis.map(([value, label]) => `<div class="kpi"><b>${t(value)}</b><span>${t(label)}</span></div>`).join('')}</div>
<dl class="meta">${details.map(([term, value]) => `<dt>${t(term)}</dt><dd>${t(value)}</dd>`).join('')}</dl>
</section>`;
}

function chartsSection({ charts }: ChartData): string {
  return `<section id="charts">
<h2>Over time</h2>
<div class="charts">${charts
    .map(
      (chart) =>
        `<div class="chart" data-chart="${t(chart.id)}" data-drawn="false" data-points="0"><h3>${t(chart.title)}</h3><p class="note">${t(chart.note)}</p><div class="plot"></div></div>`,
    )
    .join('\n')}</div>
</section>`;
}

function endpointsSection(summary: ResultsSummary): string {
  if (summary.endpoints.length === 0) {
    return section('endpoints', 'Endpoints', '<p class="empty">No metrics-by-endpoint data in this results file.</p>');
  }
  const head = ['endpoint', 'requests', 'p50', 'p95', 'p99', 'max', 'failed %', 'rejected %', 'codes', 'errors'];
  const rows = summary.endpoints.map((row) => [
    `<code>${t(row.name)}</code>`,
    t(fmt.count(row.count)),
    t(fmt.ms(row.latency?.p50)),
    t(fmt.ms(row.latency?.p95)),
    t(fmt.ms(row.latency?.p99)),
    t(fmt.ms(row.latency?.max)),
    t(fmt.pct(row.failedPct)),
    t(fmt.pct(row.rejectedPct)),
    t(codeList(row.codes) || '–'),
    t(row.errorsByCode.map((error) => `${error.name} × ${fmt.count(error.count)}`).join(', ') || '–'),
  ]);
  return section(
    'endpoints',
    'Endpoints',
    `${table(head, rows, [1, 2, 3, 4, 5, 6, 7])}<p class="muted">failed % = unexpected failures (non-2xx responses that were not an expected game answer, plus errors without a response) / requests that ended; rejected % = expected game answers (insufficient balance, outbid, cooldown: <code>rocket.benign.*</code>) / requests that ended.</p>`,
  );
}

function outcomesSection(summary: ResultsSummary): string {
  const outcomes = table(
    ['outcome', 'count'],
    [
      ...summary.outcomes.map((outcome) => [
        `${t(outcome.label)} <span class="muted">${t(outcome.key)}</span>`,
        t(fmt.count(outcome.count)),
      ]),
      [`cycle errors <span class="muted">rocket.cycle_error</span>`, t(fmt.count(summary.cycleErrors))],
    ],
    [1],
  );
  return section(
    'outcomes',
    'Outcomes and errors',
    `<div class="columns">
<div><h3>Gameplay outcomes</h3>${outcomes}</div>
<div><h3>Benign outcomes <span class="muted">rocket.benign.*</span></h3>${breakdown(summary.benign, 'reason', 'No benign outcomes recorded.')}</div>
<div><h3>Failures <span class="muted">rocket.failure.*</span></h3>${breakdown(summary.failures, 'kind', 'No failures recorded.')}</div>
<div><h3>Errors <span class="muted">errors.*</span></h3>${breakdown(summary.errorsByCode, 'code', 'No errors recorded.')}</div>
</div>
${serverMessages(summary)}`,
  );
}

/** Why the run failed and what qualifies its verdict, right under the header. */
function verdictSection(verdict: Verdict): string {
  if (verdict.reasons.length === 0 && verdict.notes.length === 0) return '';
  const items = [
    ...verdict.reasons.map((reason) => `<li class="reason" data-reason="${t(reason.kind)}">${t(reason.message)}</li>`),
    ...verdict.notes.map((note) => `<li class="note">${t(note)}</li>`),
  ];
  return `<ul class="verdict-reasons">${items.join('')}</ul>`;
}

const STOP_LABEL: Record<RunStop['kind'], string> = {
  interrupted: 'Interrupted',
  ended_early: 'Ended early',
  aborted: 'Aborted',
};

/** Messages shown per endpoint in the server-messages table. */
const TOP_MESSAGES = 5;

/** The server's top messages per endpoint for its unexpected error responses (`rocket.message.*`). */
function serverMessages(summary: ResultsSummary): string {
  const rows = summary.endpoints.flatMap((row) =>
    row.messages
      .slice(0, TOP_MESSAGES)
      .map((message) => [`<code>${t(row.name)}</code>`, t(message.name), t(fmt.count(message.count))]),
  );
  if (rows.length === 0) return '';
  return `<h3 id="server-messages">What the server said <span class="muted">top ${TOP_MESSAGES} messages per endpoint of the unexpected error responses, rocket.message.*</span></h3>${table(['endpoint', 'status: message', 'count'], rows, [2])}`;
}

function gatesSection(gates: GateResult[] | undefined, from: string | undefined, verdict: Verdict): string {
  if (!gates || gates.length === 0) {
    const missing = verdict.reasons.find((reason) => reason.kind === 'no_gates');
    return section(
      'gates',
      'Gates',
      missing
        ? `<p class="missing-gates">${t(missing.message)}. Without gates a report cannot pass: a results file of plain Artillery carries none (run-meta.json or the rocket plugin record them).</p>`
        : '<p class="empty">No gates were found; --allow-no-gates lets the run pass without them (a failed virtual user still fails it).</p>',
    );
  }
  const rows = gates.map((gate) => [
    `<code>${t(gate.name)}</code>${gate.expression !== gate.name ? `<br><span class="muted">${t(gate.expression)}</span>` : ''}${
      gate.error ? `<br><span class="muted">${t(gate.error)}</span>` : ''
    }`,
    t(gateValue(gate)),
    gate.passed ? badge('pass', 'pass') : gate.strict ? badge('fail', 'fail') : badge('warn', 'fail (optional)'),
  ]);
  return section(
    'gates',
    'Gates',
    `${table(['check', 'value', 'result'], rows, [])}<p class="muted">Gates from ${t(from ?? 'the run')}, evaluated on the run's aggregate the way Artillery's ensure plugin does; a metric the run did not report fails its check, an optional check never fails the run.</p>`,
  );
}

function checksSection(checks: HealthCheckResult[] | undefined): string {
  if (!checks || checks.length === 0) {
    return section('checks', 'Health checks', '<p class="empty">No post-run health checks were run.</p>');
  }
  const cards = checks.map((check) => {
    const rows = check.offendingRows ?? [];
    const shown = rows.slice(0, MAX_OFFENDING_ROWS);
    const columns = [...new Set(shown.flatMap((row) => Object.keys(row)))].slice(0, MAX_OFFENDING_COLUMNS);
    const sample =
      shown.length === 0
        ? ''
        : `<div class="rows">${table(
            columns,
            shown.map((row) => columns.map((column) => t(cellText(row[column])))),
            [],
          )}</div>${rows.length > shown.length ? `<p class="muted">${fmt.count(rows.length - shown.length)} more rows not shown.</p>` : ''}`;
    return `<div class="check" data-check-verdict="${t(check.verdict)}"><h3>${t(check.name)} ${badge(check.verdict, check.verdict)}</h3><p>${t(check.summary)}</p>${sample}</div>`;
  });
  return section('checks', 'Health checks', cards.join('\n'));
}

function comparisonSection(comparison: RunComparison): string {
  const { thresholds } = comparison;
  const rows = comparison.rows.map((row) => {
    const text = comparisonRowText(row);
    const metric = row.kind === 'endpointP95' ? `<code>${t(row.name)}</code> p95` : t(text.metric);
    return [metric, t(text.baseline), t(text.current), t(text.change), t(text.limit), badge(row.status, row.status)];
  });
  return section(
    'comparison',
    `Comparison with the baseline: ${comparison.verdict === 'pass' ? 'no regression' : 'regression'}`,
    `${table(['metric', 'baseline', 'current', 'change', 'limit', 'result'], rows, [1, 2, 3, 4])}
<p class="muted">A p95 regresses when it grows by more than ${t(fmt.count(thresholds.maxP95RegressionPct))} % and more than ${t(
      fmt.ms(thresholds.minP95IncreaseMs),
    )}; the failed-request rate when it grows by more than ${t(fmt.count(thresholds.maxErrorRateIncreasePp))} percentage points. Endpoint rows only warn.</p>`,
  );
}

function gateValue(gate: GateResult): string {
  if (gate.value === null) return 'metric not reported';
  if (typeof gate.value === 'number')
    return gate.name.startsWith('maxErrorRate') ? fmt.pct(gate.value) : fmt.number(gate.value);
  const entries = Object.entries(gate.value);
  if (entries.length === 0) return '–';
  return entries.map(([name, value]) => `${name} = ${value === null ? 'not reported' : fmt.number(value)}`).join(', ');
}

function breakdown(rows: Breakdown[], label: string, empty: string): string {
  if (rows.length === 0) return `<p class="empty">${t(empty)}</p>`;
  const sum = rows.reduce((total, row) => total + row.count, 0);
  return table(
    [label, 'count', 'share'],
    rows.map((row) => [`<code>${t(row.name)}</code>`, t(fmt.count(row.count)), t(fmt.pct((row.count / sum) * 100))]),
    [1, 2],
  );
}

/** `200 × 874, 409 × 74` */
function codeList(codes: Record<string, number>): string {
  return Object.entries(codes)
    .map(([code, count]) => `${code} × ${fmt.count(count)}`)
    .join(', ');
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

function section(id: string, title: string, body: string): string {
  return `<section id="${id}">\n<h2>${t(title)}</h2>\n${body}\n</section>`;
}

/** A table whose cells are already safe HTML; `numeric` lists right-aligned column indexes. */
function table(head: string[], rows: string[][], numeric: number[]): string {
  const align = (index: number) => (numeric.includes(index) ? ' class="num"' : '');
  return `<table><thead><tr>${head.map((cell, index) => `<th${align(index)}>${t(cell)}</th>`).join('')}</tr></thead><tbody>${rows
    .map((row) => `<tr>${row.map((cell, index) => `<td${align(index)}>${cell}</td>`).join('')}</tr>`)
    .join('')}</tbody></table>`;
}

function badge(kind: string, label: string): string {
  return `<span class="badge ${t(kind)}">${t(label)}</span>`;
}
