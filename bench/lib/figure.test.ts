import { describe, expect, it } from 'vitest';
import { figure, parseFigures, targetText } from './figure.ts';

describe('figure', () => {
  it('judges each comparison, boundaries included or not as the operator says', () => {
    expect(figure('a', 0.6, 'ratio', { op: '>=', value: 0.6 }).met).toBe(true);
    expect(figure('a', 1.3, 'ratio', { op: '<=', value: 1.25 }).met).toBe(false);
    expect(figure('a', 0.1, 'ratio', { op: '<', value: 0.1 }).met).toBe(false);
    expect(figure('a', 3, 'x', { op: '>', value: 2 }).met).toBe(true);
  });
  it('never meets a target with NaN, and has no verdict without a target', () => {
    expect(figure('a', Number.NaN, 'ms', { op: '<=', value: 5 }).met).toBe(false);
    expect(figure('a', 5, 'ms')).toEqual({ name: 'a', value: 5, unit: 'ms' });
    expect(targetText({ op: '>=', value: 2000 })).toBe('>= 2000');
  });
  it('reads the bench_figures lines of a bench output and ignores everything else', () => {
    const one = figure('x.rate', 12, 'req/s');
    const two = figure('y.ratio', 0.7, 'ratio', { op: '>=', value: 0.6 });
    const stdout = [
      'some table line',
      JSON.stringify({ event: 'bench_figures', bench: 'x', figures: [one] }),
      '{"event":"other","figures":[1]}',
      JSON.stringify({ event: 'bench_figures', bench: 'y', figures: [two] }),
    ].join('\n');
    expect(parseFigures(stdout)).toEqual([one, two]);
  });
});
