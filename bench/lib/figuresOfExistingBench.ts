/**
 * @module Figures of the benches that predate `bench_figures` lines: bench/report.ts prints text,
 * bench/pool.ts one `bench_pool_bootstrap` JSON line. A line that is missing is an error, not a gap.
 */
import { figure, type Figure } from './figure.ts';

function match(stdout: string, pattern: RegExp, what: string): number {
  const found = pattern.exec(stdout);
  if (!found) throw new Error(`the bench output has no ${what} line (expected ${pattern})`);
  return Number(found[1]);
}

function reportFigures(stdout: string): Figure[] {
  return [
    figure('report.load_ms', match(stdout, /load \+ validate results\s+([\d.]+) ms/, 'load'), 'ms'),
    figure('report.summarize_ms', match(stdout, /summarize\s+([\d.]+) ms/, 'summarize'), 'ms'),
    figure('report.render_cold_ms', match(stdout, /render \(first, cold\)\s+([\d.]+) ms/, 'cold render'), 'ms', {
      op: '<',
      value: 2000,
    }),
    figure('report.render_warm_ms', match(stdout, /render \(median of \d+\)\s+([\d.]+) ms/, 'warm render'), 'ms'),
    figure('report.html_bytes', match(stdout, /output size\s+(\d+) bytes/, 'output size'), 'bytes', {
      op: '<',
      value: 2 * 1024 * 1024,
    }),
  ];
}

function poolFigures(stdout: string): Figure[] {
  const line = stdout.split('\n').find((text) => text.startsWith('{') && text.includes('"bench_pool_bootstrap"'));
  if (!line) throw new Error('the bench output has no bench_pool_bootstrap line');
  const result = JSON.parse(line) as {
    walletsPerSecond: number;
    generateMs: number;
    storeMs: number;
    loadMs: number;
    wallets: number;
  };
  return [
    figure('pool.wallets_per_second', result.walletsPerSecond, 'wallets/s', { op: '>=', value: 500 }),
    figure('pool.generate_encrypt_ms', result.generateMs, 'ms'),
    figure('pool.store_ms', result.storeMs, 'ms'),
    figure('pool.load_decrypt_wallets_per_second', Math.round(result.wallets / (result.loadMs / 1000)), 'wallets/s'),
  ];
}

/** The figures of bench/report.ts (`report`) or bench/pool.ts (`pool`) from their stdout. */
export function figuresOfExistingBench(bench: 'report' | 'pool', stdout: string): Figure[] {
  return bench === 'report' ? reportFigures(stdout) : poolFigures(stdout);
}
