/** @module The numbers a report shows, computed from Artillery's counters (never from its misleading aggregate `rates`). */
import type { ArtilleryResults, MetricSummary, MetricsPeriod } from './artilleryResults.ts';
import { outcomeCounters, reportMetrics as m } from './reportMetrics.ts';

/** Artillery's statistics window: every `intermediate` entry covers 10 wall-clock seconds. */
const WINDOW_MS = 10_000;

/**
 * Spans shorter than this are floored before dividing, as Artillery does for its own rates, so a
 * window holding a few events in 50 ms does not show up as a spike of hundreds per second.
 */
const MIN_SPAN_SEC = 1;

export interface LatencySummary {
  count: number;
  min: number | null;
  mean: number | null;
  p50: number | null;
  p95: number | null;
  p99: number | null;
  max: number | null;
}

/** A named count, for breakdown tables (benign reasons, failure kinds, error codes). */
export interface Breakdown {
  name: string;
  count: number;
}

export interface EndpointRow {
  /** the request name (metrics-by-endpoint with `useOnlyRequestNames`) or URL */
  name: string;
  /** requests that ended: responses of any status plus errors (timeouts, resets) */
  count: number;
  responses: number;
  /** responses with a status outside 200-299 */
  non2xx: number;
  /** `plugins.metrics-by-endpoint.<name>.errors.*` */
  errors: number;
  /** non-2xx responses the players expected (`rocket.rejected.<name>`: insufficient balance, outbid, ...) */
  rejected: number;
  /** unexpected failures: (non-2xx − rejected + errors) / count × 100; 0 when count is 0 */
  failedPct: number;
  /** benign rejections: rejected / count × 100 */
  rejectedPct: number;
  /** the server's messages of the unexpected error responses (`rocket.message.<name>.*`), largest first */
  messages: Breakdown[];
  latency: LatencySummary | undefined;
  /** status → count, ascending status */
  codes: Record<string, number>;
  errorsByCode: Breakdown[];
}

/** Per-window series in columnar form (one array entry per 10-s window), ready for uPlot. */
export interface WindowSeries {
  /** window start, epoch seconds */
  t: number[];
  /** seconds of the window the run was active in (partial first and last windows) */
  spanSec: number[];
  requests: number[];
  responses: number[];
  /** requests / active span of the window */
  requestsPerSec: number[];
  p50: (number | null)[];
  p95: (number | null)[];
  p99: (number | null)[];
  /** sum of `errors.*` */
  errors: number[];
  /** status → counts */
  codes: Record<string, number[]>;
  vusersCreated: number[];
  vusersCompleted: number[];
  vusersFailed: number[];
  /** outcome counter name (rocket.wallet_authenticated, ...) → counts */
  outcomes: Record<string, number[]>;
  /** endpoint name → p95 ms */
  endpointP95: Record<string, (number | null)[]>;
}

export interface ResultsSummary {
  /** epoch ms of the first and last counter event; undefined for a run without any */
  firstCounterAt: number | undefined;
  lastCounterAt: number | undefined;
  spanSec: number;
  requests: number;
  responses: number;
  /** responses / span */
  rps: number;
  /** sum of `errors.*` (requests that got no response: timeouts, resets, failed captures) */
  errors: number;
  /** responses with a status outside 200-299 */
  non2xx: number;
  /** non-2xx responses the players expected: the sum of `rocket.benign.*` */
  rejected: number;
  /** requests that failed unexpectedly: non-2xx responses that were not benign, plus errors */
  unexpectedFailures: number;
  /** unexpected failures / (responses + errors) × 100, the same definition as the endpoint table */
  failedRequestPct: number;
  /** benign rejections / (responses + errors) × 100 */
  rejectedPct: number;
  codes: Record<string, number>;
  errorsByCode: Breakdown[];
  latency: LatencySummary | undefined;
  vusers: { created: number; completed: number; failed: number; skipped: number };
  outcomes: { key: string; label: string; count: number }[];
  cycleErrors: number;
  /** `rocket.benign.<reason>`, largest first */
  benign: Breakdown[];
  /** `rocket.failure.<kind>`, largest first */
  failures: Breakdown[];
  endpoints: EndpointRow[];
  windows: WindowSeries;
}

/** Reduces a results file to the totals, tables and per-window series the report and `compare` show. */
export function summarizeResults(results: ArtilleryResults): ResultsSummary {
  const { aggregate } = results;
  const counters = aggregate.counters;
  const { firstCounterAt, lastCounterAt } = aggregate;
  const spanSec =
    firstCounterAt !== undefined && lastCounterAt !== undefined ? (lastCounterAt - firstCounterAt) / 1000 : 0;
  const responses = counters[m.responses] ?? 0;
  const codes = codesOf(counters);
  const errorsByCode = prefixed(counters, m.errorPrefix);
  const errors = total(errorsByCode);
  const non2xx = countNon2xx(codes);
  const benign = prefixed(counters, m.benignPrefix);
  const rejected = Math.min(total(benign), non2xx);
  const unexpectedFailures = non2xx - rejected + errors;
  const endpoints = endpointRows(aggregate);
  return {
    firstCounterAt,
    lastCounterAt,
    spanSec,
    requests: counters[m.requests] ?? 0,
    responses,
    rps: responses / Math.max(spanSec, MIN_SPAN_SEC),
    errors,
    non2xx,
    rejected,
    unexpectedFailures,
    failedRequestPct: percent(unexpectedFailures, responses + errors),
    rejectedPct: percent(rejected, responses + errors),
    codes,
    errorsByCode,
    latency: latencyOf(aggregate.summaries[m.responseTime]),
    vusers: {
      created: counters[m.vusersCreated] ?? 0,
      completed: counters[m.vusersCompleted] ?? 0,
      failed: counters[m.vusersFailed] ?? 0,
      skipped: counters[m.vusersSkipped] ?? 0,
    },
    outcomes: outcomeCounters.map(({ key, label }) => ({ key, label, count: counters[key] ?? 0 })),
    cycleErrors: counters[m.cycleError] ?? 0,
    benign,
    failures: prefixed(counters, m.failurePrefix),
    endpoints,
    windows: windowSeries(
      results,
      endpoints.map((row) => row.name),
    ),
  };
}

function windowSeries(results: ArtilleryResults, endpointNames: string[]): WindowSeries {
  const windows = [...results.intermediate].sort((a, b) => a.period - b.period);
  const runStart = results.aggregate.firstCounterAt;
  const runEnd = results.aggregate.lastCounterAt;
  const codeNames = [...new Set(windows.flatMap((w) => Object.keys(codesOf(w.counters))))].sort(byNumber);
  const column = (pick: (w: MetricsPeriod) => number) => windows.map(pick);
  const percentile = (w: MetricsPeriod, key: 'p50' | 'p95' | 'p99') =>
    latencyOf(w.summaries[m.responseTime])?.[key] ?? null;
  const spanSec = windows.map((w) => {
    const start = Math.max(w.period, runStart ?? w.period);
    const end = Math.min(w.period + WINDOW_MS, runEnd ?? w.period + WINDOW_MS);
    return Math.max(end - start, 0) / 1000;
  });
  const requests = column((w) => w.counters[m.requests] ?? 0);
  return {
    t: windows.map((w) => w.period / 1000),
    spanSec,
    requests,
    responses: column((w) => w.counters[m.responses] ?? 0),
    requestsPerSec: requests.map((count, i) => count / Math.max(spanSec[i] ?? 0, MIN_SPAN_SEC)),
    p50: windows.map((w) => percentile(w, 'p50')),
    p95: windows.map((w) => percentile(w, 'p95')),
    p99: windows.map((w) => percentile(w, 'p99')),
    errors: column((w) => total(prefixed(w.counters, m.errorPrefix))),
    codes: Object.fromEntries(codeNames.map((code) => [code, column((w) => w.counters[m.codePrefix + code] ?? 0)])),
    vusersCreated: column((w) => w.counters[m.vusersCreated] ?? 0),
    vusersCompleted: column((w) => w.counters[m.vusersCompleted] ?? 0),
    vusersFailed: column((w) => w.counters[m.vusersFailed] ?? 0),
    outcomes: Object.fromEntries(outcomeCounters.map(({ key }) => [key, column((w) => w.counters[key] ?? 0)])),
    endpointP95: Object.fromEntries(
      endpointNames.map((name) => [
        name,
        windows.map((w) => latencyOf(w.summaries[`${m.endpointNamespace}response_time.${name}`])?.p95 ?? null),
      ]),
    ),
  };
}

function endpointRows(aggregate: MetricsPeriod): EndpointRow[] {
  const byName = new Map<string, { codes: Record<string, number>; errors: Breakdown[] }>();
  const entry = (name: string) => {
    let found = byName.get(name);
    if (!found) {
      found = { codes: {}, errors: [] };
      byName.set(name, found);
    }
    return found;
  };
  const rejectedBy = new Map<string, number>();
  const messagesBy = new Map<string, Breakdown[]>();
  for (const [key, value] of Object.entries(aggregate.counters)) {
    if (key.startsWith(m.rejectedPrefix)) rejectedBy.set(key.slice(m.rejectedPrefix.length), value);
    if (key.startsWith(m.serverMessagePrefix)) {
      // request names have no dots; the message after the first one may
      const rest = key.slice(m.serverMessagePrefix.length);
      const dot = rest.indexOf('.');
      if (dot > 0) {
        const name = rest.slice(0, dot);
        messagesBy.set(name, [...(messagesBy.get(name) ?? []), { name: rest.slice(dot + 1), count: value }]);
      }
    }
  }
  for (const [key, value] of Object.entries(aggregate.counters)) {
    if (!key.startsWith(m.endpointNamespace)) continue;
    const rest = key.slice(m.endpointNamespace.length);
    // request names and URLs may contain dots; status codes are three digits, error codes come last
    const code = /^(.+)\.codes\.(\d{3})$/.exec(rest);
    const error = code ? null : /^(.+?)\.errors\.(.+)$/.exec(rest);
    if (code?.[1] && code[2]) entry(code[1]).codes[code[2]] = value;
    else if (error?.[1] && error[2]) entry(error[1]).errors.push({ name: error[2], count: value });
  }
  const latencyPrefix = `${m.endpointNamespace}response_time.`;
  for (const key of Object.keys(aggregate.summaries)) {
    if (key.startsWith(latencyPrefix)) entry(key.slice(latencyPrefix.length));
  }
  return [...byName.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, { codes, errors }]) => {
      const sortedCodes = Object.fromEntries(Object.entries(codes).sort(([a], [b]) => byNumber(a, b)));
      const responses = total(Object.entries(codes).map(([status, count]) => ({ name: status, count })));
      const errorCount = total(errors);
      const non2xx = countNon2xx(codes);
      const count = responses + errorCount;
      const rejected = Math.min(rejectedBy.get(name) ?? 0, non2xx);
      return {
        name,
        count,
        responses,
        non2xx,
        errors: errorCount,
        rejected,
        failedPct: percent(non2xx - rejected + errorCount, count),
        rejectedPct: percent(rejected, count),
        messages: sortBreakdown(messagesBy.get(name) ?? []),
        latency: latencyOf(aggregate.summaries[latencyPrefix + name]),
        codes: sortedCodes,
        errorsByCode: sortBreakdown(errors),
      };
    });
}

function latencyOf(summary: MetricSummary | undefined): LatencySummary | undefined {
  if (!summary) return undefined;
  const value = (key: string) => summary[key] ?? null;
  return {
    count: summary.count ?? 0,
    min: value('min'),
    mean: value('mean'),
    p50: summary.p50 ?? summary.median ?? null,
    p95: value('p95'),
    p99: value('p99'),
    max: value('max'),
  };
}

/** `http.codes.<n>` counters as status → count, ascending status. */
function codesOf(counters: Record<string, number>): Record<string, number> {
  return Object.fromEntries(
    prefixed(counters, m.codePrefix)
      .map(({ name, count }) => [name, count] as const)
      .sort(([a], [b]) => byNumber(a, b)),
  );
}

/** Counters under a prefix as breakdown rows, largest first. */
function prefixed(counters: Record<string, number>, prefix: string): Breakdown[] {
  const rows: Breakdown[] = [];
  for (const [key, count] of Object.entries(counters)) {
    if (key.startsWith(prefix)) rows.push({ name: key.slice(prefix.length), count });
  }
  return sortBreakdown(rows);
}

function sortBreakdown(rows: Breakdown[]): Breakdown[] {
  return rows.sort((a, b) => b.count - a.count || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

function countNon2xx(codes: Record<string, number>): number {
  let sum = 0;
  for (const [status, count] of Object.entries(codes)) if (!status.startsWith('2')) sum += count;
  return sum;
}

function total(rows: Breakdown[]): number {
  return rows.reduce((sum, row) => sum + row.count, 0);
}

function percent(part: number, whole: number): number {
  return whole > 0 ? (part / whole) * 100 : 0;
}

function byNumber(a: string, b: string): number {
  return Number(a) - Number(b);
}
