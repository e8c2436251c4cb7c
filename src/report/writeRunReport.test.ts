import { copyFile, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { smallRunMetaPath, smallRunPath } from '../../test/support/report/resultsFixtures.ts';
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
      verdict: 'failed gates, checks',
      passed: false,
      junitPath: undefined,
    });
    expect(outcome.gates).toHaveLength(8);
    expect(outcome.checks?.map((check) => check.verdict)).toEqual(['pass', 'fail', 'skip']);
    const html = await readFile(outcome.reportPath, 'utf8');
    expect(Buffer.byteLength(html)).toBe(outcome.reportBytes);
    expect(html).toContain('fixture_player_cycle');
  });

  it('shows an unknown run and passes when there is no meta', async () => {
    const outcome = await writeRunReport({
      resultsPath: join(dir, 'results.json'),
      outputPath: join(dir, 'out', 'r.html'),
    });
    expect(outcome).toMatchObject({ passed: true, verdict: 'passed', gates: undefined, checks: undefined });
    expect(await readFile(join(dir, 'out', 'r.html'), 'utf8')).toContain('Load report: unknown');
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
