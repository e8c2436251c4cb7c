/**
 * @module Generator honesty (issue 16, scope 3), end to end: every Artillery worker reports its
 * event-loop delay, CPU share and RSS per window as rocket.generator.*; a worker starved on purpose
 * (test/fixtures/generator/starveWorker.cjs, preloaded with NODE_OPTIONS) is flagged window by
 * window in report.html. That a quiet worker is not flagged is a fact about the machine (on a loaded
 * CI box it is rightly flagged), so it is checked on the bounds (src/capacity/generatorMetrics.test.ts),
 * not by a second run here.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './support/runCli.ts';
import { ROOT } from './support/runResults.ts';
import { tempDir, type TempDir } from './support/tempDir.ts';

let work: TempDir;
beforeAll(() => {
  work = tempDir('generator-honesty');
});
afterAll(() => work?.remove());

const STARVE = `--require ${join(ROOT, 'test', 'fixtures', 'generator', 'starveWorker.cjs')}`;

interface Results {
  intermediate: { summaries: Record<string, { p50?: number; max?: number }> }[];
}

async function run(name: string, env: Record<string, string>) {
  const out = join(work.path, name);
  const result = await runCli(['run', 'gameplay', '--players', '2', '--duration', '30', '--seed', '16', '--out', out], {
    env,
    timeoutMs: 180_000,
  });
  expect(result.code, result.stderr).toBe(0);
  return {
    results: JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as Results,
    html: readFileSync(join(out, 'report.html'), 'utf8'),
  };
}

describe('rocket.generator.* metrics', () => {
  it('a starved worker: every window carries the metrics and the report names the saturated windows', async () => {
    const { results, html } = await run('starved', { NODE_OPTIONS: STARVE });
    for (const window of results.intermediate) {
      expect(Object.keys(window.summaries)).toEqual(
        expect.arrayContaining([
          'rocket.generator.event_loop_p99_ms',
          'rocket.generator.cpu_pct',
          'rocket.generator.rss_mb',
        ]),
      );
    }
    expect(html).toMatch(/data-saturated-windows="[1-9]\d*"><strong>The generator was the limit in \d+ of \d+ windows/);
    expect(html).toMatch(/<li data-window="\d+">[^<]+: event-loop p99 \d+ ms &gt; 200 ms<\/li>/);
    expect(html).toContain('data-chart="generator"');
  }, 240_000);
});
