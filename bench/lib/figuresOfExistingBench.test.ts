import { describe, expect, it } from 'vitest';
import { figuresOfExistingBench } from './figuresOfExistingBench.ts';

describe('figuresOfExistingBench', () => {
  it('reads the text lines bench/report.ts prints', () => {
    const stdout = [
      'report bench: 360 windows, 15 endpoints, results file 123 bytes',
      '  load + validate results  235.4 ms',
      '  summarize                64.4 ms',
      '  render (first, cold)     2075.2 ms   target < 2000 ms: MISSED',
      '  render (median of 5)     23.2 ms',
      '  output size              132612 bytes   target < 2097152 bytes: ok',
    ].join('\n');
    const figures = figuresOfExistingBench('report', stdout);
    expect(figures.find((f) => f.name === 'report.render_cold_ms')).toMatchObject({ value: 2075.2, met: false });
    expect(figures.find((f) => f.name === 'report.html_bytes')).toMatchObject({ value: 132612, met: true });
    expect(figures.map((f) => f.name)).toEqual([
      'report.load_ms',
      'report.summarize_ms',
      'report.render_cold_ms',
      'report.render_warm_ms',
      'report.html_bytes',
    ]);
  });
  it('reads the bench_pool_bootstrap line of bench/pool.ts', () => {
    const stdout =
      'pool bootstrap: ...\n{"event":"bench_pool_bootstrap","wallets":5000,"walletsPerSecond":480,"totalMs":10400,"generateMs":7000,"storeMs":3000,"loadMs":5000,"backend":"pglite","targetMet":false}\n';
    const figures = figuresOfExistingBench('pool', stdout);
    expect(figures[0]).toMatchObject({ name: 'pool.wallets_per_second', value: 480, met: false });
    expect(figures.find((f) => f.name === 'pool.load_decrypt_wallets_per_second')?.value).toBe(1000);
  });
  it('fails loudly when a line is missing instead of dropping the figure', () => {
    expect(() => figuresOfExistingBench('report', 'nothing here')).toThrow(/no load line/);
    expect(() => figuresOfExistingBench('pool', 'nothing here')).toThrow(/bench_pool_bootstrap/);
  });
});
