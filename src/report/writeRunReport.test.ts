import { copyFile, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { smallRunMetaPath, smallRunPath } from '../../test/support/report/resultsFixtures.ts';
import { ConfigError } from '../errors/index.ts';
import { writeRunReport } from './writeRunReport.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rocket-sim-run-report-'));
  await copyFile(smallRunPath, join(dir, 'results.json'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('writeRunReport', () => {
  it('evaluates the run-meta gates and checks and writes report.html beside the results', async () => {
    const outcome = await writeRunReport({ resultsPath: join(dir, 'results.json'), metaPath: smallRunMetaPath });
    expect(outcome).toMatchObject({
      reportPath: join(dir, 'report.html'),
      verdict: { passed: false, label: 'failed: gates, health checks' },
      gatesFrom: 'run-meta.json',
      junitPath: undefined,
    });
    expect(outcome.verdict.reasons.map((reason) => reason.kind)).toEqual(['gates', 'checks']);
    expect(outcome.gates).toHaveLength(8);
    expect(outcome.checks?.map((check) => check.verdict)).toEqual(['pass', 'fail', 'skip']);
    const html = await readFile(outcome.reportPath, 'utf8');
    expect(Buffer.byteLength(html)).toBe(outcome.reportBytes);
    expect(html).toContain('fixture_player_cycle');
  });

  it('fails a results file without gates ("no gates found") unless no gates are allowed', async () => {
    const outcome = await writeRunReport({
      resultsPath: join(dir, 'results.json'),
      outputPath: join(dir, 'out', 'r.html'),
    });
    expect(outcome).toMatchObject({ verdict: { passed: false, label: 'failed: no gates found' }, gates: undefined });
    const html = await readFile(join(dir, 'out', 'r.html'), 'utf8');
    expect(html).toContain('Load report: unknown');
    expect(html).toContain('class="missing-gates"');
    expect(html).toContain('data-verdict="failed"');
    // allowed, the fixture's 11 failed virtual users still fail it: no gate says they may
    const allowed = await writeRunReport({ resultsPath: join(dir, 'results.json'), allowNoGates: true });
    expect(allowed.verdict.reasons.map((reason) => reason.kind)).toEqual(['virtual_users_failed']);
  });

  it('takes the gates the rocket plugin recorded in the results file, and its stop', async () => {
    const results = JSON.parse(await readFile(join(dir, 'results.json'), 'utf8')) as Record<string, unknown>;
    results.rocketSim = {
      scenario: 'fixture',
      ensure: { conditions: [{ expression: 'http.requests > 100' }] },
      stop: { kind: 'interrupted', reason: 'SIGINT', at: '2026-11-28T15:27:40.000Z' },
    };
    (results.aggregate as { counters: Record<string, number> }).counters['vusers.failed'] = 0;
    await writeFile(join(dir, 'results.json'), JSON.stringify(results));
    const outcome = await writeRunReport({ resultsPath: join(dir, 'results.json') });
    expect(outcome.gatesFrom).toBe('the results file (recorded by the rocket plugin)');
    expect(outcome.verdict).toMatchObject({
      passed: true,
      label: 'passed · interrupted at 2026-11-28 15:27:40 UTC (SIGINT)',
    });
    expect(await readFile(outcome.reportPath, 'utf8')).toContain('interrupted at 2026-11-28 15:27:40 UTC (SIGINT)');
    // gates given on the command line win
    const given = await writeRunReport({
      resultsPath: join(dir, 'results.json'),
      gates: { ensure: { conditions: [{ expression: 'http.requests > 100000' }] }, from: '--config x.yml' },
    });
    expect(given).toMatchObject({ gatesFrom: '--config x.yml', verdict: { passed: false } });
  });

  it('never passes a results file whose every virtual user failed, or that holds no request', async () => {
    const results = JSON.parse(await readFile(join(dir, 'results.json'), 'utf8')) as {
      aggregate: { counters: Record<string, number> };
    };
    const counters = results.aggregate.counters;
    counters['vusers.failed'] = counters['vusers.created']!;
    counters['vusers.completed'] = 0;
    await writeFile(join(dir, 'all-failed.json'), JSON.stringify(results));
    const gates = { ensure: { conditions: [{ expression: 'http.requests > 0' }] }, from: 'test' };
    const failed = await writeRunReport({ resultsPath: join(dir, 'all-failed.json'), gates, allowNoGates: true });
    expect(failed.verdict.reasons.map((reason) => reason.kind)).toEqual(['every_virtual_user_failed']);
    const empty = { aggregate: { period: 0, counters: {}, rates: {}, summaries: {} }, intermediate: [] };
    await writeFile(join(dir, 'empty.json'), JSON.stringify(empty));
    const nothing = await writeRunReport({ resultsPath: join(dir, 'empty.json'), allowNoGates: true });
    expect(nothing.verdict).toMatchObject({ passed: false, label: 'failed: no requests' });
  });

  it('names truncated, garbled and foreign results files (exit code 2)', async () => {
    const text = await readFile(join(dir, 'results.json'), 'utf8');
    const cases: [string, string, RegExp][] = [
      ['truncated.json', text.slice(0, Math.floor(text.length / 2)), /the file ends before the JSON does/],
      ['garbled.json', text.replace('"counters"', '"counters" "'), /invalid JSON at line \d+ column \d+/],
      ['empty.json', '', /the file is empty/],
      [
        'v1.json',
        JSON.stringify({ aggregate: { timestamp: 'x', scenariosCreated: 1, latency: {} }, intermediate: [] }),
        /Artillery 1\.x/,
      ],
      ['k6.json', JSON.stringify({ metrics: {}, root_group: {} }), /k6 summary/],
    ];
    for (const [name, content, pattern] of cases) {
      await writeFile(join(dir, name), content);
      const error = await writeRunReport({ resultsPath: join(dir, name) }).catch((caught: unknown) => caught);
      expect(error, name).toBeInstanceOf(ConfigError);
      expect((error as Error).message, name).toMatch(pattern);
      // the parser's quote of the content never reaches the message
      expect((error as Error).message, name).not.toContain('"aggregate"');
    }
  });

  it('writes nothing when an input file is bad', async () => {
    await expect(
      writeRunReport({
        resultsPath: join(dir, 'results.json'),
        baselinePath: join(dir, 'missing.json'),
        junitPath: join(dir, 'j.xml'),
      }),
    ).rejects.toThrow('missing.json: file not found');
    expect(await readdir(dir)).toEqual(['results.json']);
  });
});
