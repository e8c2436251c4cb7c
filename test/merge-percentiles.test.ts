/**
 * @module Exact percentiles across workers (issue 14, scope 3), end to end: three real Artillery
 * processes with the rocket plugin drive two embedded stacks at the same time (two workers on a stack
 * with 20 ms of injected latency, one on a stack with 60 ms), and record every response time they
 * measure. `rocket-sim merge` of their results must give the p95/p99 of all those values
 * (from the sketches the plugin wrote), and with the sketches removed (summaries only, as plain
 * Artillery writes them) the highest worker's percentile, labelled "upper bound" in the report.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artilleryBin, pluginDir } from '../src/cli/run/spawnArtillery.ts';
import { parseFaultSpec, startLocalStack, type LocalStack } from '../src/local/index.ts';
import { runCli, type CliResult } from './support/runCli.ts';
import { cleanEnv, expectSuccess, runCommand } from './support/runCommand.ts';
import { ROOT } from './support/runResults.ts';
import { tempDir, type TempDir } from './support/tempDir.ts';

interface Period {
  summaries: Record<string, Record<string, number>>;
  sketches?: Record<string, string>;
}
interface Results {
  aggregate: Period;
  intermediate: Period[];
}
interface Worker {
  name: string;
  stack: 'fast' | 'slow';
  arrivals: number;
  requests: number;
}

/** 200 + 200 fast requests and 12 slow ones: 2.9 % slow, so the p95 is a fast one and the p99 a slow one. */
const WORKERS: readonly Worker[] = [
  { name: 'w1', stack: 'fast', arrivals: 40, requests: 5 },
  { name: 'w2', stack: 'fast', arrivals: 40, requests: 5 },
  { name: 'w3', stack: 'slow', arrivals: 4, requests: 3 },
];
const TOTAL = WORKERS.reduce((sum, worker) => sum + worker.arrivals * worker.requests, 0);

const readJson = <T>(path: string): T => JSON.parse(readFileSync(path, 'utf8')) as T;
const responseTime = (period: Period) => period.summaries['http.response_time'] ?? {};

/** The value at quantile q of sorted values, with the rank DDSketch uses (q × (n − 1)). */
const quantile = (sorted: readonly number[], q: number): number => sorted[Math.floor(q * (sorted.length - 1))] ?? NaN;

let work: TempDir;
const stacks: Partial<Record<Worker['stack'], LocalStack>> = {};
let raw: number[] = [];

beforeAll(async () => {
  work = tempDir('merge-percentiles');
  // every Auth request of a stack waits the injected latency: two clearly separated response times
  stacks.fast = await startLocalStack({ port: 0, auction: false, faults: parseFaultSpec('latency=20ms') });
  stacks.slow = await startLocalStack({ port: 0, auction: false, faults: parseFaultSpec('latency=60ms') });
  await Promise.all(
    WORKERS.map(async (worker) => {
      const stack = stacks[worker.stack]!;
      const dir = join(work.path, worker.name);
      mkdirSync(dir);
      const args = [artilleryBin(), 'run', '-t', stack.url, '-o', join(dir, 'results.json')];
      args.push(
        '--overrides',
        JSON.stringify({ config: { phases: [{ duration: 4, arrivalCount: worker.arrivals }] } }),
      );
      args.push('--variables', JSON.stringify({ requests: worker.requests }));
      args.push(join(ROOT, 'test', 'fixtures', 'merge', 'health-latency.yml'));
      const env = cleanEnv({
        SUPABASE_ANON_KEY: stack.anonKey,
        RESPONSE_TIMES_FILE: join(dir, 'response-times.txt'),
        ARTILLERY_PLUGIN_PATH: pluginDir(),
        ARTILLERY_PLUGINS: JSON.stringify({ rocket: {} }),
      });
      expectSuccess(worker.name, await runCommand(process.execPath, args, { cwd: ROOT, env, timeoutMs: 120_000 }));
    }),
  );
  raw = WORKERS.flatMap((worker) =>
    readFileSync(join(work.path, worker.name, 'response-times.txt'), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map(Number),
  ).sort((a, b) => a - b);
}, 180_000);

afterAll(async () => {
  await Promise.all(Object.values(stacks).map((stack) => stack.stop()));
  work?.remove();
});

const merge = (inputs: readonly string[], out: string): Promise<CliResult> =>
  runCli(['merge', ...inputs.map((dir) => join(dir, 'results.json')), '--out', out], { timeoutMs: 60_000 });

describe('rocket-sim merge of three workers', { timeout: 120_000 }, () => {
  it("merges the workers' sketches: p95 and p99 of every recorded response time, within 2 %", async () => {
    expect(raw).toHaveLength(TOTAL);
    for (const worker of WORKERS) {
      const results = readJson<Results>(join(work.path, worker.name, 'results.json'));
      // the plugin wrote a sketch beside every window's summaries and beside the aggregate's
      const windows = results.intermediate.filter((window) => (responseTime(window).count ?? 0) > 0);
      expect(windows.length).toBeGreaterThan(0);
      expect(windows.every((window) => typeof window.sketches?.['http.response_time'] === 'string')).toBe(true);
      expect(typeof results.aggregate.sketches?.['http.response_time']).toBe('string');
    }

    const out = join(work.path, 'merged');
    const result = await merge(
      WORKERS.map((worker) => join(work.path, worker.name)),
      out,
    );
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toContain('percentiles: merged sketches');

    const merged = readJson<Results>(join(out, 'results.json'));
    const summary = responseTime(merged.aggregate);
    expect(summary.count).toBe(TOTAL);
    console.info(
      `merged from sketches: p95 ${summary.p95} ms, p99 ${summary.p99} ms; raw (${raw.length} values): ` +
        `p95 ${quantile(raw, 0.95)} ms, p99 ${quantile(raw, 0.99)} ms`,
    );
    for (const q of [0.95, 0.99] as const) {
      const expected = quantile(raw, q);
      const actual = summary[q === 0.95 ? 'p95' : 'p99'] ?? NaN;
      expect(Math.abs(actual - expected) / expected, `p${q * 100}: merged ${actual}, raw ${expected}`).toBeLessThan(
        0.02,
      );
    }
    // the windows' counts add up too, and each merged window keeps its sketch for a later merge
    const windowCounts = merged.intermediate.map((window) => responseTime(window).count ?? 0);
    expect(windowCounts.reduce((a, b) => a + b, 0)).toBe(TOTAL);
    const recordedWindows = merged.intermediate.filter((window) => (responseTime(window).count ?? 0) > 0);
    expect(recordedWindows.every((window) => window.sketches?.['http.response_time'])).toBe(true);

    const meta = readJson<{ mergedPercentiles?: string; verdict?: { passed: boolean } }>(join(out, 'run-meta.json'));
    expect(meta.mergedPercentiles).toBe('merged sketches');
    expect(meta.verdict?.passed).toBe(true);
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    expect(html).toContain('Merged percentiles');
    expect(html).toContain('exact: merged from the workers');
    expect(html).not.toContain('(upper bound)');
  });

  it('merges summaries only to the highest worker percentile, and the report says "upper bound"', async () => {
    const inputs = WORKERS.map((worker) => {
      const results = readJson<Results>(join(work.path, worker.name, 'results.json'));
      for (const period of [results.aggregate, ...results.intermediate]) delete period.sketches;
      const dir = join(work.path, `${worker.name}-summaries`);
      mkdirSync(dir);
      writeFileSync(join(dir, 'results.json'), JSON.stringify(results));
      return { dir, p95: responseTime(results.aggregate).p95 ?? NaN };
    });
    const out = join(work.path, 'merged-summaries');
    const result = await merge(
      inputs.map((input) => input.dir),
      out,
    );
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toContain('percentiles: upper bound');
    const summary = responseTime(readJson<Results>(join(out, 'results.json')).aggregate);
    expect(summary.count).toBe(TOTAL);
    console.info(`summaries only: p95 ${summary.p95} ms (upper bound), raw p95 ${quantile(raw, 0.95)} ms`);
    expect(summary.p95).toBe(Math.max(...inputs.map((input) => input.p95)));
    expect(readJson<{ mergedPercentiles?: string }>(join(out, 'run-meta.json')).mergedPercentiles).toBe('upper bound');
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    expect(html).toContain('p95 response time (upper bound)');
    expect(html).toContain('upper bound: the highest of the workers&#39;');
  });
});
