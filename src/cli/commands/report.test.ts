import { copyFile, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ConfigError, UsageError } from '../../errors/index.ts';
import { smallRunMetaPath, smallRunPath } from '../../../test/support/report/resultsFixtures.ts';
import { parseCommandArgs } from '../command.ts';
import { reportCommand } from './report.ts';

let dir: string;
let out: string[];
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rocket-sim-report-'));
  await copyFile(smallRunPath, join(dir, 'results.json'));
  out = [];
  vi.spyOn(console, 'log').mockImplementation((line: string) => void out.push(line));
  vi.spyOn(console, 'error').mockImplementation((line: string) => void out.push(line));
});
afterEach(async () => {
  vi.restoreAllMocks();
  await rm(dir, { recursive: true, force: true });
});

const run = (...argv: string[]) => reportCommand.run(parseCommandArgs(reportCommand, argv));

describe('report command', () => {
  it('writes report.html next to the results and passes without gates or checks', async () => {
    expect(await run(join(dir, 'results.json'))).toBe(0);
    const html = await readFile(join(dir, 'report.html'), 'utf8');
    expect(html).toContain('data-chart="latency"');
    expect(html).toContain('data-verdict="passed"');
    expect(out.join('\n')).toMatch(/no run-meta\.json next to/);
    // nothing half-written is left behind
    expect((await readdir(dir)).sort()).toEqual(['report.html', 'results.json']);
  });

  it('uses run-meta.json beside the results: gates and checks decide the exit code', async () => {
    await copyFile(smallRunMetaPath, join(dir, 'run-meta.json'));
    const junitPath = join(dir, 'ci', 'junit.xml');
    expect(await run(join(dir, 'results.json'), '--junit', junitPath, '-o', join(dir, 'html', 'r.html'))).toBe(1);
    const html = await readFile(join(dir, 'html', 'r.html'), 'utf8');
    expect(html).toContain('fixture_player_cycle');
    expect(XMLValidator.validate(await readFile(junitPath, 'utf8'))).toBe(true);
    expect(out).toContain('fail: maxErrorRate < 5');
    expect(out).toContain('fail: rocket.auction_bid >= 100000 (optional)');
    expect(out).toContain('ok: p95 < 200');
    expect(out).toContain('verdict: failed gates, checks');
  });

  it('passes against an identical baseline and fails against a faster one', async () => {
    const results = join(dir, 'results.json');
    expect(await run(results, '--baseline', smallRunPath)).toBe(0);
    const faster = JSON.parse(await readFile(smallRunPath, 'utf8'));
    faster.aggregate.summaries['http.response_time'].p95 = 10;
    await writeFile(join(dir, 'baseline.json'), JSON.stringify(faster));
    expect(await run(results, '--baseline', join(dir, 'baseline.json'))).toBe(1);
    expect(await run(results, '--baseline', join(dir, 'baseline.json'), '--max-p95-regression', '50%')).toBe(0);
    expect(await readFile(join(dir, 'report.html'), 'utf8')).toContain('Comparison with the baseline: no regression');
  });

  it('rejects bad input with exit-code-2 errors naming the file or flag', async () => {
    await expect(run()).rejects.toThrow(UsageError);
    await expect(run(join(dir, 'nope.json'))).rejects.toThrow(`${join(dir, 'nope.json')}: file not found`);
    await expect(run(join(dir, 'results.json'), '--meta', join(dir, 'results.json'))).rejects.toThrow(
      /not a run-meta file: scenario/,
    );
    await expect(run(join(dir, 'results.json'), '--max-error-rate-increase', 'lots')).rejects.toThrow(
      /--max-error-rate-increase/,
    );
    const error = await run(join(dir, 'missing.json')).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).exitCode).toBe(2);
  });
});
