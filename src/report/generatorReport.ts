/**
 * @module The load generator beside the load in report.html: a chart of the workers' event-loop
 * p99 and CPU share per window, and a section that names every window in which the generator was
 * saturated (its latency figures there are not the backend's). Nothing when the results carry no
 * `rocket.generator.*` metrics (plain Artillery runs, older results).
 */
import {
  GENERATOR_METRICS,
  generatorWindow,
  SATURATED_CPU_PCT,
  SATURATED_EVENT_LOOP_P99_MS,
} from '../capacity/generatorMetrics.ts';
import type { ArtilleryResults } from './artilleryResults.ts';
import { fmt } from './fmt.ts';
import { htmlText as t } from './htmlText.ts';
import type { ChartSpec } from './reportCharts.ts';

export interface GeneratorReport {
  /** the chart over the report's windows (sorted by period, as reportCharts' x axis) */
  chart: ChartSpec | undefined;
  /** the `#generator` section */
  html: string;
}

const round = (value: number | null) => (value === null ? null : Math.round(value * 10) / 10);

/** The generator chart and section of a results file. */
export function generatorReport(results: ArtilleryResults): GeneratorReport {
  const windows = [...results.intermediate].sort((a, b) => a.period - b.period);
  if (!windows.some((window) => window.summaries[GENERATOR_METRICS.eventLoopP99Ms]))
    return { chart: undefined, html: '' };
  const judged = windows.map((window) => ({ period: window.period, ...generatorWindow(window.summaries) }));
  const chart: ChartSpec = {
    id: 'generator',
    title: 'Load generator',
    unit: 'count',
    note: `median per-second event-loop p99 (ms) and CPU (% of one core) of the Artillery workers per 10-s window; above ${SATURATED_EVENT_LOOP_P99_MS} ms or at ${SATURATED_CPU_PCT} % the generator was the limit`,
    series: [
      { label: 'event-loop p99 ms', color: '#7c3aed', values: judged.map((w) => round(w.eventLoopP99Ms)) },
      { label: 'CPU %', color: '#ea580c', values: judged.map((w) => round(w.cpuPct)) },
    ],
  };
  const saturated = judged.filter((window) => window.saturated);
  const peak = (pick: (w: (typeof judged)[number]) => number | null) =>
    Math.max(...judged.map((w) => pick(w) ?? Number.NEGATIVE_INFINITY));
  const line = `Peak event-loop p99 ${fmt.ms(peak((w) => w.eventLoopP99Ms))}, peak CPU ${fmt.count(peak((w) => w.cpuPct))} % of a core, peak RSS ${fmt.count(peak((w) => w.rssMb))} MB.`;
  const body =
    saturated.length === 0
      ? `<p class="generator-ok" data-saturated-windows="0">The generator kept up in every window. ${t(line)}</p>`
      : `<p class="generator-saturated" data-saturated-windows="${saturated.length}"><strong>The generator was the limit in ${saturated.length} of ${judged.length} windows</strong>: latency and throughput there are the generator's, not the backend's. ${t(line)}</p>
<ul class="saturated-windows">${saturated.map((w) => `<li data-window="${w.period}">${t(fmt.time(w.period))}: ${t(w.reason ?? '')}</li>`).join('')}</ul>`;
  return { chart, html: `<section id="generator">\n<h2>Load generator</h2>\n${body}\n</section>` };
}
