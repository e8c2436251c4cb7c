/**
 * @module The report's "Database" section from `database.json`: database time by wait type stacked
 * and active/waiting sessions on the load's time axis (inline SVG, no script), lock waits per sample,
 * one plain sentence per finding, the contention table (relation, row, waits, total and max wait,
 * blocking RPC), deadlocks with their statements, and the top statements per phase by total and by
 * mean time with their RPC. Without `database.json` it says how to get one.
 */
import type { DatabaseWatch } from '../dbwatch/index.ts';
import { summarizeDatabase, type DatabaseSummary, type PhaseDatabase } from '../dbwatch/summarizeDatabase.ts';
import type { ArtilleryResults } from './artilleryResults.ts';
import { fmt } from './fmt.ts';
import { htmlText as t } from './htmlText.ts';

/** The colour of each wait class (and of the `waiting` series), shared with the live dashboard. */
export const WAIT_COLORS: Record<string, string> = {
  CPU: '#4caf50',
  Lock: '#e53935',
  LWLock: '#fb8c00',
  IO: '#1e88e5',
  Client: '#8e24aa',
  IPC: '#00897b',
  Timeout: '#6d4c41',
  Other: '#9e9e9e',
  IdleInTransaction: '#fdd835',
  Hidden: '#cfd8dc',
};

const W = 720;
const H = 160;

function wrap(body: string): string {
  return `<section id="database">\n<h2>Database</h2>\n${body}\n</section>`;
}

function table(head: string[], rows: string[][], numeric: number[]): string {
  const align = (index: number) => (numeric.includes(index) ? ' class="num"' : '');
  return `<table><thead><tr>${head.map((cell, index) => `<th${align(index)}>${t(cell)}</th>`).join('')}</tr></thead><tbody>${rows
    .map((row) => `<tr>${row.map((cell, index) => `<td${align(index)}>${cell}</td>`).join('')}</tr>`)
    .join('')}</tbody></table>`;
}

/** At most one point per horizontal unit: a one-hour soak sampled every 2 s has 1,800 samples (bucket means). */
function downsample(times: number[], series: [string, number[]][]): { times: number[]; series: [string, number[]][] } {
  if (times.length <= W) return { times, series };
  const size = Math.ceil(times.length / W);
  const buckets = Math.ceil(times.length / size);
  const mean = (values: number[], bucket: number) => {
    const slice = values.slice(bucket * size, (bucket + 1) * size);
    return slice.reduce((sum, value) => sum + value, 0) / Math.max(1, slice.length);
  };
  return {
    times: Array.from({ length: buckets }, (_, bucket) => times[bucket * size]!),
    series: series.map(([name, values]) => [
      name,
      Array.from({ length: buckets }, (_, bucket) => mean(values, bucket)),
    ]),
  };
}

/** Stacked areas (or lines when `stacked` is false) over epoch-ms `t`, phase starts as vertical marks. */
function svgChart(
  id: string,
  title: string,
  t0: number,
  t1: number,
  allTimes: number[],
  allSeries: [string, number[]][],
  marks: { name: string; at: number }[],
  stacked: boolean,
): string {
  const { times, series } = downsample(allTimes, allSeries);
  const span = Math.max(1, t1 - t0);
  const x = (at: number) => ((at - t0) / span) * W;
  const tops = times.map((_, i) => (stacked ? series.reduce((sum, [, values]) => sum + (values[i] ?? 0), 0) : 0));
  const max = Math.max(1, ...tops, ...series.flatMap(([, values]) => values));
  const y = (value: number) => H - (value / max) * H;
  const shapes: string[] = [];
  const base = times.map(() => 0);
  for (const [name, values] of series) {
    const color = WAIT_COLORS[name] ?? (name === 'waiting' ? '#e53935' : '#1e88e5');
    if (stacked) {
      const upper = values.map((value, i) => base[i]! + value);
      const points = [
        ...times.map((at, i) => `${x(at).toFixed(1)},${y(upper[i]!).toFixed(1)}`),
        ...times.map((at, i) => `${x(at).toFixed(1)},${y(base[i]!).toFixed(1)}`).reverse(),
      ];
      shapes.push(
        `<polygon fill="${color}" fill-opacity="0.8" points="${points.join(' ')}"><title>${t(name)}</title></polygon>`,
      );
      for (const [i, value] of upper.entries()) base[i] = value;
    } else {
      const points = times.map((at, i) => `${x(at).toFixed(1)},${y(values[i] ?? 0).toFixed(1)}`);
      shapes.push(
        `<polyline fill="none" stroke="${color}" stroke-width="1.5" points="${points.join(' ')}"><title>${t(name)}</title></polyline>`,
      );
    }
  }
  for (const mark of marks) {
    shapes.push(
      `<line x1="${x(mark.at).toFixed(1)}" x2="${x(mark.at).toFixed(1)}" y1="0" y2="${H}" stroke="#555" stroke-dasharray="3 3"/><text x="${(x(mark.at) + 3).toFixed(1)}" y="11" font-size="10">${t(mark.name)}</text>`,
    );
  }
  const legend = series
    .map(
      ([name]) =>
        `<span style="color:${WAIT_COLORS[name] ?? (name === 'waiting' ? '#e53935' : '#1e88e5')}">■</span> ${t(name)}`,
    )
    .join(' ');
  return `<div class="chart" data-db-chart="${t(id)}"><h3>${t(title)}</h3><svg viewBox="0 0 ${W} ${H}" width="100%" height="${H}" role="img" aria-label="${t(title)}" preserveAspectRatio="none">${shapes.join('')}</svg><p class="note">${legend} · max ${fmt.count(max)} · ${t(fmt.time(t0))} to ${t(fmt.time(t1))}</p></div>`;
}

/** Count-weighted mean of the window p95s of `endpoint` between `from` and `to`. */
function phaseP95(results: ArtilleryResults, endpoint: string, from: number, to: number): number | undefined {
  let weight = 0;
  let sum = 0;
  for (const window of results.intermediate) {
    if (window.period < from - 10_000 || window.period >= to) continue;
    const summary = window.summaries[`plugins.metrics-by-endpoint.response_time.${endpoint}`];
    if (!summary || summary.p95 === undefined) continue;
    const count = summary.count ?? 1;
    weight += count;
    sum += summary.p95 * count;
  }
  return weight > 0 ? sum / weight : undefined;
}

const where = (relation: string, row: string | undefined) =>
  `<code>${t(relation)}</code>${row ? ` ${t(row.replace('=', ' '))}` : ''}`;

/** One plain sentence per phase where an RPC waited on locks. */
function findings(summary: DatabaseSummary, results: ArtilleryResults): string[] {
  const [first] = summary.phases;
  const sentences: string[] = [];
  for (const phase of summary.phases) {
    // the three RPCs that waited longest for locks in the phase
    for (const [endpoint, lock] of Object.entries(phase.lockMsByEndpoint)
      .filter(([, lock]) => lock.ms > 0)
      .sort((a, b) => b[1].ms - a[1].ms)
      .slice(0, 3)) {
      const p95 = phaseP95(results, endpoint, phase.from, phase.to);
      const before = first && first !== phase ? phaseP95(results, endpoint, first.from, first.to) : undefined;
      const dbMs = phase.endpointMs[endpoint];
      // pg_stat_statements counts only calls that completed: an RPC that raised (outbid) waited but is not in it
      const share = dbMs && lock.ms <= dbMs ? (lock.ms / dbMs) * 100 : undefined;
      const latency =
        p95 === undefined
          ? `<code>${t(endpoint)}</code> waited on locks in phase <code>${t(phase.name)}</code>`
          : before !== undefined
            ? `p95 of <code>${t(endpoint)}</code> ${p95 >= before ? 'rose' : 'went'} from ${t(fmt.ms(before))} to ${t(fmt.ms(p95))} in phase <code>${t(phase.name)}</code>`
            : `p95 of <code>${t(endpoint)}</code> was ${t(fmt.ms(p95))} in phase <code>${t(phase.name)}</code>`;
      const cause =
        share !== undefined
          ? `${t(fmt.count(share))} % of its database time in that phase was lock waits`
          : dbMs
            ? `its lock waits (at least ${t(fmt.ms(lock.ms))}) exceeded the ${t(fmt.ms(dbMs))} of database time pg_stat_statements counted for it (it counts only calls that completed)`
            : `it waited at least ${t(fmt.ms(lock.ms))} for locks`;
      sentences.push(
        `${latency}; ${cause} on ${where(lock.relation, lock.row)} held by <code>${t(lock.blocking)}</code>.`,
      );
    }
  }
  return sentences;
}

function phaseTables(phase: PhaseDatabase): string {
  if (phase.byTotal.length === 0) return '';
  const rows = (list: PhaseDatabase['byTotal']) =>
    list.map((row) => [
      `<code>${t(row.endpoint)}</code>`,
      `<span class="muted">${t(row.statement.slice(0, 140))}</span>`,
      t(fmt.count(row.calls)),
      t(fmt.ms(row.totalMs)),
      t(fmt.ms(row.meanMs)),
    ]);
  const head = ['RPC / endpoint', 'statement', 'calls', 'total', 'mean'];
  return `<h3>Phase <code>${t(phase.name)}</code>: top statements by total time</h3>${table(head, rows(phase.byTotal), [2, 3, 4])}<h3>Phase <code>${t(phase.name)}</code>: top statements by mean time</h3>${table(head, rows(phase.byMean), [2, 3, 4])}`;
}

/** The embedded stack's own time per endpoint (from the request reaching its PostgREST to the response). */
function serverTimesTable(watch: DatabaseWatch): string {
  const rows = Object.entries(watch.serverTimes ?? {})
    .sort((a, b) => b[1].totalMs - a[1].totalMs)
    .slice(0, 15);
  if (rows.length === 0) return '';
  return `<h3>Time in the embedded stack per endpoint</h3><div data-db-server-times>${table(
    ['endpoint', 'calls', 'total', 'mean', 'max', 'errors'],
    rows.map(([endpoint, time]) => [
      `<code>${t(endpoint)}</code>`,
      t(fmt.count(time.calls)),
      t(fmt.ms(time.totalMs)),
      t(fmt.ms(time.totalMs / time.calls)),
      t(fmt.ms(time.maxMs)),
      t(fmt.count(time.errors)),
    ]),
    [1, 2, 3, 4, 5],
  )}<p class="muted">Measured by the stack itself: the role prelude, the statement and the response body, including any wait for a database connection (PGlite has one).</p></div>`;
}

/** The text of a statement serving `endpoint` (pg_stat_statements keeps only those that completed). */
function statementOf(watch: DatabaseWatch, endpoint: string): string {
  for (const sample of watch.samples) {
    const delta = sample.statements.find((candidate) => candidate.endpoint === endpoint);
    if (delta) return (watch.statements[delta.key] ?? '').slice(0, 200);
  }
  return '–';
}

/** The section; `watch` undefined or not sampled says why and how to sample. */
export function databaseSection(watch: DatabaseWatch | undefined, results: ArtilleryResults): string {
  if (!watch)
    return wrap(
      '<p class="empty">Not sampled: give --database-url (or SIM_DATABASE_URL) to sample the target database beside the load.</p>',
    );
  if (!watch.sampled)
    return wrap(`<p class="empty">Not sampled: ${t(watch.reason ?? 'no database URL')}.</p>${serverTimesTable(watch)}`);
  const summary = summarizeDatabase(watch);
  const parts: string[] = [];
  parts.push(
    `<p class="muted">Sampled ${t(watch.source)} every ${t(fmt.ms(watch.intervalMs))}, ${t(fmt.count(watch.samples.length))} samples${watch.failedSamples ? ` (${t(fmt.count(watch.failedSamples))} failed)` : ''}; PostgreSQL ${t(watch.server?.version ?? '?')}, max_connections ${t(fmt.count(watch.server?.maxConnections))}, pg_stat_statements.track ${t(watch.server?.statementsTrack ?? 'unknown')}. The sampler's own database time: ${t(fmt.ms(watch.samplerMs))} of ${t(fmt.ms(summary.totals.dbMs + watch.samplerMs))}.</p>`,
  );
  if (watch.missing.length > 0)
    parts.push(
      `<div class="missing"><p>Missing, so not shown:</p><ul data-db-missing>${watch.missing.map((line) => `<li>${t(line)}</li>`).join('')}</ul></div>`,
    );
  const sentences = findings(summary, results);
  if (sentences.length > 0)
    parts.push(`<ul class="findings" data-db-findings>${sentences.map((s) => `<li>${s}</li>`).join('')}</ul>`);
  const times = summary.waitSeries.t;
  if (times.length > 1) {
    const periods = results.intermediate.map((window) => window.period);
    const t0 = Math.min(times[0]!, ...periods);
    const t1 = Math.max(times[times.length - 1]!, ...periods.map((period) => period + 10_000));
    const classes = Object.entries(summary.waitSeries.classes) as [string, number[]][];
    parts.push(
      `<div class="charts">${svgChart('waits', 'Database sessions by wait type', t0, t1, times, classes, watch.phases, true)}${svgChart(
        'sessions',
        'Active and lock-waiting sessions',
        t0,
        t1,
        times,
        [
          ['active', summary.active],
          ['waiting', summary.waiting],
        ],
        watch.phases,
        false,
      )}${svgChart('lockwaits', 'Lock waits per sample', t0, t1, times, [['waiting', summary.lockWaitsPerSample]], watch.phases, false)}</div>`,
    );
  }
  parts.push('<h3>Contention</h3>');
  parts.push(
    summary.contention.length === 0
      ? '<p class="empty" data-db-contention="none">No lock waits were sampled.</p>'
      : `<div data-db-contention>${table(
          ['relation', 'row', 'lock', 'waits', 'total wait', 'max wait', 'waiting RPC', 'blocking RPC'],
          summary.contention
            .slice(0, 20)
            .map((row) => [
              `<code>${t(row.relation)}</code>`,
              t(row.row ?? '–'),
              t(row.lockType),
              t(fmt.count(row.waits)),
              t(fmt.ms(row.totalMs)),
              t(fmt.ms(row.maxMs)),
              row.waitingEndpoints.map((name) => `<code>${t(name)}</code>`).join(', '),
              row.blockingEndpoints.map((name) => `<code>${t(name)}</code>`).join(', ') || '–',
            ]),
          [3, 4, 5],
        )}<p class="muted">Waits are seen when a sample lands on them: a lower bound of their number and length. The row is the primary key of the locked tuple, read by its ctid.</p></div>`,
  );
  const { totals } = summary;
  parts.push(
    `<p data-db-totals>Commits ${t(fmt.count(totals.commits))}, rollbacks ${t(fmt.count(totals.rollbacks))}, deadlocks <b data-db-deadlocks="${totals.deadlocks}">${t(fmt.count(totals.deadlocks))}</b>, temporary files ${t(fmt.bytes(totals.tempBytes))}, recovery conflicts ${t(fmt.count(totals.conflicts))}; peak connections ${t(fmt.count(Math.max(0, ...summary.connections)))} of ${t(fmt.count(summary.maxConnections))}.</p>`,
  );
  if (summary.deadlocks.length > 0)
    parts.push(
      `<h3>Deadlocks</h3>${table(
        ['at', 'deadlocks', 'statements waiting just before'],
        summary.deadlocks.map((row) => [
          t(fmt.time(row.at)),
          t(fmt.count(row.count)),
          row.statements.map((text) => `<code>${t(text)}</code>`).join('<br>') || '–',
        ]),
        [1],
      )}`,
    );
  const timeouts = Object.entries(results.aggregate.counters).filter(
    ([name]) => name.startsWith('rocket.message.') && name.includes('statement timeout'),
  );
  if (timeouts.length > 0)
    parts.push(
      `<h3>Statement timeouts</h3>${table(
        ['request', 'responses', 'statement'],
        timeouts.map(([name, count]) => {
          const request = name.slice('rocket.message.'.length).split('.')[0] ?? '';
          return [`<code>${t(request)}</code>`, t(fmt.count(count)), `<code>${t(statementOf(watch, request))}</code>`];
        }),
        [1],
      )}`,
    );
  for (const phase of summary.phases) parts.push(phaseTables(phase));
  parts.push(serverTimesTable(watch));
  return wrap(parts.join('\n'));
}
