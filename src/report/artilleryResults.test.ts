import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../errors/index.ts';
import { loadResults } from './artilleryResults.ts';
import { smallRunPath } from '../../test/support/report/resultsFixtures.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rocket-sim-results-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('loadResults', () => {
  it('normalises the string periods of intermediate windows to numbers', async () => {
    const raw = JSON.parse(await readFile(smallRunPath, 'utf8'));
    expect(typeof raw.intermediate[0].period).toBe('string');
    const results = await loadResults(smallRunPath);
    expect(results.intermediate.map((w) => w.period)).toEqual(
      raw.intermediate.map((w: { period: string }) => Number(w.period)),
    );
    expect(results.aggregate.period).toBe(raw.aggregate.period);
  });

  it('drops the "<rate name>": null junk keys and the histograms copy but keeps counters verbatim', async () => {
    const raw = JSON.parse(await readFile(smallRunPath, 'utf8'));
    expect(raw.intermediate[0]['http.request_rate']).toBeNull();
    const results = await loadResults(smallRunPath);
    expect(Object.keys(results.intermediate[0] ?? {})).not.toContain('http.request_rate');
    expect(Object.keys(results.aggregate)).not.toContain('histograms');
    expect(results.aggregate.counters).toEqual(raw.aggregate.counters);
    expect(Object.keys(results.aggregate.counters)).toEqual(Object.keys(raw.aggregate.counters));
  });

  it('names the path when the file does not exist (exit code 2)', async () => {
    const missing = join(dir, 'missing.json');
    const error = await loadResults(missing).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).exitCode).toBe(2);
    expect((error as ConfigError).message).toBe(`${missing}: file not found`);
  });

  it('rejects JSON that is not Artillery output, naming the missing fields', async () => {
    const path = join(dir, 'package.json');
    await writeFile(path, JSON.stringify({ name: 'x', version: '1.0.0' }));
    await expect(loadResults(path)).rejects.toThrow(/not an Artillery results file.*aggregate/);
  });

  it('rejects a non-numeric period string', async () => {
    const path = join(dir, 'bad-period.json');
    await writeFile(
      path,
      JSON.stringify({ aggregate: { period: 1, counters: {} }, intermediate: [{ period: 'soon' }] }),
    );
    await expect(loadResults(path)).rejects.toThrow(/intermediate\.0\.period/);
  });

  it('does not quote file content when the file is not JSON (it could be a secret)', async () => {
    const path = join(dir, '.env');
    await writeFile(path, 'SIM_PRIVATE_KEYS=abcdef0123456789\n');
    const error = (await loadResults(path).catch((caught: unknown) => caught)) as Error;
    expect(error.message).toMatch(/invalid JSON/);
    expect(error.message).not.toContain('abcdef');
  });
});
