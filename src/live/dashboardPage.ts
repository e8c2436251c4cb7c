/**
 * @module The live dashboard's page: the report's chart containers, styles and scripts (uPlot and the
 * report's page script, inlined: no external assets) plus the status panels and the script that follows
 * the event stream, and the database panels (shown when the run's database is sampled, else one line
 * saying how to sample it). Its Content-Security-Policy allows the page's own scripts and a connection to its
 * own origin only.
 */
import { createHash } from 'node:crypto';
import { htmlText as t } from '../report/htmlText.ts';
import { reportCharts } from '../report/reportCharts.ts';
import { reportPageScript } from '../report/reportPageScript.ts';
import { reportStyles } from '../report/reportStyles.ts';
import { uplot } from '../report/renderReport.ts';
import { summarizeResults } from '../report/summarizeResults.ts';
import { dashboardPageScript } from './dashboardPageScript.ts';
import { DATABASE_CHARTS } from './liveDatabasePanels.ts';

/** The report's charts without data: their ids, titles and notes for the page's containers. */
const emptyCharts = () =>
  reportCharts(
    summarizeResults({ aggregate: { period: 0, counters: {}, rates: {}, summaries: {} }, intermediate: [] }).windows,
  ).charts;

const LIVE_STYLES = `
.status { display: grid; grid-template-columns: repeat(auto-fill, minmax(180px, 1fr)); gap: 12px; margin: 16px 0; }
.status div { border: 1px solid var(--line); border-radius: 8px; padding: 8px 12px; background: var(--panel); }
.status b { display: block; font-size: 18px; }
.status span { color: var(--muted); font-size: 12px; }
.live-tables { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(540px, 100%), 1fr)); gap: 16px; }
.live-tables table { width: 100%; border-collapse: collapse; }
.live-tables td { border-bottom: 1px solid var(--line); padding: 4px 8px; }
[hidden] { display: none !important; }
td.pass { color: var(--pass); font-weight: 600; } td.fail { color: var(--fail); font-weight: 600; }
`;

const hash = (script: string) => `'sha256-${createHash('sha256').update(script).digest('base64')}'`;

/** The page and the Content-Security-Policy header to serve it with. */
export function dashboardPage(scenario: string): { html: string; csp: string } {
  const assets = uplot();
  const scripts = [assets.script, reportPageScript, dashboardPageScript];
  const csp = `default-src 'none'; script-src ${scripts.map(hash).join(' ')}; style-src 'unsafe-inline'; connect-src 'self'; img-src data:`;
  const charts = emptyCharts();
  const container = (chart: { id: string; title: string; note: string }) =>
    `<div class="chart" data-chart="${t(chart.id)}" data-drawn="false" data-points="0"><h3>${t(chart.title)}</h3><p class="note">${t(chart.note)}</p><div class="plot"></div></div>`;
  const tile = (id: string, label: string) => `<div><b id="${id}">–</b><span>${t(label)}</span></div>`;
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${t(scenario)} · rocket-sim live</title>
<style>${assets.css}</style>
<style>${reportStyles}${LIVE_STYLES}</style>
</head>
<body data-updates="0">
<main>
<header><h1>Live: ${t(scenario)}<small>updated every 10-s window · read-only · the run's report is written when it ends</small></h1></header>
<section class="status">
${tile('phase', 'phase')}${tile('elapsed', 'elapsed')}${tile('remaining', 'time left')}${tile('requests', 'requests')}${tile('p95', 'p95 response time (run so far)')}${tile('players', 'players')}${tile('windows', 'windows')}
</section>
<section class="live-tables">
<div><h2>Gates so far <small id="gates-note"></small></h2><table><tbody id="gates"></tbody></table></div>
<div><h2>Failures by kind</h2><table><tbody id="failures"></tbody></table></div>
</section>
<section id="charts"><h2>Charts</h2><div class="charts">
${charts.map(container).join('\n')}
</div></section>
<section id="database"><h2>Database <small id="db-note"></small></h2>
<div class="status" id="db-status" hidden>
${tile('db-waits-now', 'sessions by wait type (latest sample)')}${tile('db-active', 'active sessions')}${tile('db-waiting', 'waiting for a lock')}${tile('db-connections', 'connections')}${tile('db-lockwaits', 'lock waits so far')}${tile('db-deadlocks', 'deadlocks so far')}
</div>
<div class="live-tables" id="db-top-table" hidden><div><h3>Top contended row so far</h3><table><tbody id="db-top"></tbody></table></div></div>
<div class="charts" id="db-charts" hidden>
${DATABASE_CHARTS.map(container).join('\n')}
</div></section>
</main>
${scripts.map((script) => `<script>${script}</script>`).join('\n')}
</body>
</html>
`;
  return { html, csp };
}
