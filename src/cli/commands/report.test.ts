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
const runReport = run;

describe('report command', () => {
  it('fails a bare results file in red: no gates found (exit 1), unless --allow-no-gates', async () => {
    expect(await run(join(dir, 'results.json'))).toBe(1);
    const html = await readFile(join(dir, 'report.html'), 'utf8');
    expect(html).toContain('data-chart="latency"');
    expect(html).toContain('data-verdict="failed"');
    expect(html).toContain('class="missing-gates"');
    expect(out.join('\n')).toMatch(/no run-meta\.json next to/);
    expect(out).toContain('verdict: failed: no gates found');
    // nothing half-written is left behind
    expect((await readdir(dir)).sort()).toEqual(['report.html', 'results.json']);
    // allowed without gates, the fixture's 11 failed virtual users still fail it
    expect(await run(join(dir, 'results.json'), '--allow-no-gates')).toBe(1);
    expect(out).toContain('fail: 11 virtual users failed and no gate allows it');
  });

  it('takes the gates of a scenario (--scenario, -e) or of any script (--config)', async () => {
    const results = JSON.parse(await readFile(join(dir, 'results.json'), 'utf8'));
    results.aggregate.counters['vusers.failed'] = 0;
    results.aggregate.counters['rocket.cycle_error'] = 0;
    results.aggregate.counters['rocket.cycle_complete'] = 5;
    await writeFile(join(dir, 'results.json'), JSON.stringify(results));
    expect(await run(join(dir, 'results.json'), '--scenario', 'gameplay', '-e', 'staging')).toBe(0);
    expect(out).toContain('gates from scenario gameplay (-e staging)');
    expect(out).toContain('ok: http.response_time.p95 < 1000');
    expect(out).toContain('ok: vusers.failed == 0');
    await writeFile(
      join(dir, 'script.yml'),
      'config:\n  plugins:\n    ensure:\n      conditions:\n        - expression: "http.requests > 5000"\n',
    );
    expect(await run(join(dir, 'results.json'), '--config', join(dir, 'script.yml'))).toBe(1);
    expect(out).toContain('fail: http.requests > 5000');
    await expect(run(join(dir, 'results.json'), '--scenario', 'nope')).rejects.toThrow(/unknown scenario "nope"/);
    await expect(run(join(dir, 'results.json'), '-e', 'staging')).rejects.toThrow(/--scenario or --config/);
    await expect(run(join(dir, 'results.json'), '--config', join(dir, 'missing.yml'))).rejects.toThrow(
      /--config: .*missing\.yml: file not found/,
    );
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
    expect(out).toContain('verdict: failed: gates, health checks');
  });

  it('passes against an identical baseline and fails against a faster one', async () => {
    const results = join(dir, 'results.json');
    const gates = ['--config', join(dir, 'gates.yml')];
    await writeFile(gates[1]!, 'config:\n  ensure:\n    p99: 500\n');
    const passing = JSON.parse(await readFile(results, 'utf8'));
    passing.aggregate.counters['vusers.failed'] = 0;
    await writeFile(results, JSON.stringify(passing));
    await writeFile(join(dir, 'same.json'), JSON.stringify(passing));
    const run = (...argv: string[]) => runReport(...argv, ...gates);
    expect(await run(results, '--baseline', join(dir, 'same.json'))).toBe(0);
    const faster = structuredClone(passing);
    faster.aggregate.summaries['http.response_time'].p95 = 10;
    await writeFile(join(dir, 'baseline.json'), JSON.stringify(faster));
    expect(await run(results, '--baseline', join(dir, 'baseline.json'))).toBe(1);
    expect(await run(results, '--baseline', join(dir, 'baseline.json'), '--max-p95-regression', '50%')).toBe(0);
    expect(await readFile(join(dir, 'report.html'), 'utf8')).toContain('Comparison with the baseline: no regression');
  });

  it('rejects bad input with exit-code-2 errors naming the file or flag', async () => {
    await expect(run()).rejects.toThrow(UsageError);
    await expect(run(join(dir, 'nope.json'))).rejects.toThrow(`${join(dir, 'nope.json')}: file not found`);
    await expect(run(join(dir, 'results.json'), '--baseline', join(dir, 'nope.json'))).rejects.toThrow(
      `--baseline: ${join(dir, 'nope.json')}: file not found`,
    );
    await expect(run(join(dir, 'results.json'), '--meta', join(dir, 'results.json'))).rejects.toThrow(
      /not a run-meta file: scenario/,
    );
    await expect(run(join(dir, 'results.json'), '--max-error-rate-increase', 'lots')).rejects.toThrow(
      /--max-error-rate-increase/,
    );
    // output paths are checked before anything is written
    await writeFile(join(dir, 'a-file'), 'x');
    await expect(run(join(dir, 'results.json'), '--junit', join(dir, 'a-file', 'j.xml'))).rejects.toThrow(
      /--junit: .* is a file, not a directory/,
    );
    await expect(run(join(dir, 'results.json'), '-o', dir)).rejects.toThrow(/is a directory; give a file name/);
    expect((await readdir(dir)).sort()).toEqual(['a-file', 'results.json']);
    const error = await run(join(dir, 'missing.json')).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).exitCode).toBe(2);
  });
});
