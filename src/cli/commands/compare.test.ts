import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { UsageError } from '../../errors/index.ts';
import { smallRunPath } from '../../../test/support/report/resultsFixtures.ts';
import { parseCommandArgs } from '../command.ts';
import { compareCommand } from './compare.ts';

let dir: string;
let out: string[];
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rocket-sim-compare-'));
  out = [];
  vi.spyOn(console, 'log').mockImplementation((line: string) => void out.push(line));
});
afterEach(async () => {
  vi.restoreAllMocks();
  await rm(dir, { recursive: true, force: true });
});

const run = (...argv: string[]) => compareCommand.run(parseCommandArgs(compareCommand, argv));

/** The fixture with the overall p95 multiplied by `factor`, written to the temp dir. */
async function slowerRun(factor: number): Promise<string> {
  const results = JSON.parse(await readFile(smallRunPath, 'utf8'));
  results.aggregate.summaries['http.response_time'].p95 *= factor;
  const path = join(dir, `x${factor}.json`);
  await writeFile(path, JSON.stringify(results));
  return path;
}

describe('compare command', () => {
  it('exits 0 on identical runs and prints the table', async () => {
    expect(await run(smallRunPath, smallRunPath)).toBe(0);
    const text = out.join('\n');
    expect(text).toMatch(/^metric\s+baseline\s+current\s+change\s+limit\s+result$/m);
    expect(text).toMatch(/^p95\s+13\.9 ms\s+13\.9 ms\s+0 %\s+10 %, noise ±1\.8 ms\s+PASS$/m);
    expect(text).toContain('compare: no regression');
  });

  it('exits 1 on a 20 % p95 regression unless the limit allows it', async () => {
    const slower = await slowerRun(1.2);
    expect(await run(smallRunPath, slower)).toBe(1);
    expect(out.join('\n')).toMatch(/^p95\s+13\.9 ms\s+16\.7 ms\s+\+20 %\s+10 %, noise ±2 ms\s+FAIL$/m);
    expect(await run(smallRunPath, slower, '--max-p95-regression', '25%')).toBe(0);
    expect(await run(smallRunPath, slower, '--max-p95-regression', '25')).toBe(0);
  });

  it('accepts the error-rate limit in percentage points', async () => {
    expect(await run(smallRunPath, smallRunPath, '--max-error-rate-increase', '0.5pp')).toBe(0);
  });

  it('rejects a wrong number of files and malformed limits (exit code 2)', async () => {
    await expect(run(smallRunPath)).rejects.toThrow(UsageError);
    await expect(run(smallRunPath, smallRunPath, '--max-p95-regression', '10pp')).rejects.toThrow(
      /--max-p95-regression must be/,
    );
    await expect(run(smallRunPath, smallRunPath, '--max-error-rate-increase=-1')).rejects.toThrow(
      /--max-error-rate-increase/,
    );
    await expect(run(smallRunPath, join(dir, 'none.json'))).rejects.toMatchObject({ exitCode: 2 });
  });
});
