/** @module The report page's stylesheet: plain, printable, readable on a laptop screen. */

export const reportStyles = `
:root {
  --fg: #111827; --muted: #6b7280; --line: #e5e7eb; --bg: #ffffff; --panel: #f9fafb;
  --pass: #15803d; --pass-bg: #dcfce7; --fail: #b91c1c; --fail-bg: #fee2e2; --skip: #92400e; --skip-bg: #fef3c7;
}
* { box-sizing: border-box; }
body { margin: 0; color: var(--fg); background: var(--bg);
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
main { max-width: 1280px; margin: 0 auto; padding: 24px 32px 64px; }
header { display: flex; align-items: center; justify-content: space-between; gap: 16px; flex-wrap: wrap;
  border-bottom: 1px solid var(--line); padding-bottom: 16px; }
h1 { font-size: 22px; margin: 0; }
h1 small { display: block; font-size: 13px; font-weight: 400; color: var(--muted); margin-top: 4px; }
h2 { font-size: 17px; margin: 36px 0 12px; }
h3 { font-size: 14px; margin: 0 0 4px; }
nav { font-size: 13px; margin: 12px 0 0; color: var(--muted); }
nav a { color: inherit; margin-right: 14px; }
.badge { display: inline-block; padding: 2px 10px; border-radius: 999px; font-weight: 600; font-size: 13px; white-space: nowrap; }
.badge.pass { color: var(--pass); background: var(--pass-bg); }
.badge.fail { color: var(--fail); background: var(--fail-bg); }
.badge.skip, .badge.warn, .badge.info { color: var(--skip); background: var(--skip-bg); }
.verdict { font-size: 16px; padding: 6px 16px; }
.kpis { display: grid; grid-template-columns: repeat(auto-fill, minmax(135px, 1fr)); gap: 10px; margin: 16px 0; }
.kpi { background: var(--panel); border: 1px solid var(--line); border-radius: 8px; padding: 10px 12px; }
.kpi b { display: block; font-size: 19px; font-variant-numeric: tabular-nums; }
.kpi span { color: var(--muted); font-size: 12px; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: 4px 18px; margin: 0; }
dl.meta dt { color: var(--muted); }
dl.meta dd { margin: 0; font-variant-numeric: tabular-nums; overflow-wrap: anywhere; }
.charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(540px, 100%), 1fr)); gap: 16px; }
.chart { border: 1px solid var(--line); border-radius: 8px; padding: 12px; min-width: 0; }
.chart .note { color: var(--muted); font-size: 12px; margin: 0 0 8px; }
.chart .plot { width: 100%; min-height: 260px; overflow: hidden; }
table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; }
th, td { text-align: left; padding: 6px 10px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { font-size: 12px; color: var(--muted); font-weight: 600; background: var(--panel); }
td.num, th.num { text-align: right; white-space: nowrap; }
td code, dd code { font-size: 12px; }
.columns { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(300px, 100%), 1fr)); gap: 24px; }
.empty { color: var(--muted); font-style: italic; }
.check { border: 1px solid var(--line); border-radius: 8px; padding: 12px; margin-bottom: 12px; }
.check p { margin: 6px 0; }
.check .rows { overflow-x: auto; }
.check table { font-size: 12px; }
.muted { color: var(--muted); }
.verdict-reasons { list-style: none; margin: 12px 0 0; padding: 0; }
.verdict-reasons li { padding: 6px 12px; border-radius: 6px; margin-bottom: 6px; }
.verdict-reasons .reason { color: var(--fail); background: var(--fail-bg); }
.verdict-reasons .note { color: var(--skip); background: var(--skip-bg); }
.missing-gates { color: var(--fail); background: var(--fail-bg); padding: 8px 12px; border-radius: 6px; font-weight: 600; }
footer { margin-top: 48px; color: var(--muted); font-size: 12px; }
@media print { .charts { grid-template-columns: 1fr; } main { padding: 0; } }
`;
