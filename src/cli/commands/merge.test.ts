import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { UsageError } from '../../errors/index.ts';
import { smallRunMetaPath, smallRunPath } from '../../../test/support/report/resultsFixtures.ts';
import { parseCommandArgs } from '../command.ts';
import { mergeCommand } from './merge.ts';

let dir = '';
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'rocket-sim-merge-'));
  vi.spyOn(console, 'log').mockImplementation(() => {});
});
afterEach(() => {
  vi.restoreAllMocks();
  rmSync(dir, { recursive: true, force: true });
});

/** A worker directory holding the fixture run, with a run-meta changed by `meta`. */
function worker(name: string, meta: (m: Record<string, unknown>) => Record<string, unknown> = (m) => m): string {
  mkdirSync(join(dir, name));
  // each worker's own run: the fixture with its own start time, so no two files are identical
  const results = JSON.parse(readFileSync(smallRunPath, 'utf8')) as { aggregate: { firstMetricAt: number } };
  results.aggregate.firstMetricAt += [...name].reduce((sum, char) => sum * 31 + char.charCodeAt(0), 0) % 1000;
  writeFileSync(join(dir, name, 'results.json'), JSON.stringify(results));
  const original = JSON.parse(readFileSync(smallRunMetaPath, 'utf8')) as Record<string, unknown>;
  writeFileSync(join(dir, name, 'run-meta.json'), JSON.stringify(meta({ ...original, runId: `run-${name}` })));
  return join(dir, name, 'results.json');
}

const run = (argv: string[]) => mergeCommand.run(parseCommandArgs(mergeCommand, argv));

describe('rocket-sim merge', () => {
  it('refuses the same file, identical files or the same run id twice, writing nothing', async () => {
    const a = worker('a');
    const out = join(dir, 'merged');
    await expect(run([a, a, '--out', out])).rejects.toThrow(/are the same file/);
    mkdirSync(join(dir, 'copy'));
    copyFileSync(a, join(dir, 'copy', 'results.json'));
    await expect(run([a, join(dir, 'copy', 'results.json'), '--out', out])).rejects.toThrow(/are identical files/);
    const b = worker('b', (m) => ({ ...m, runId: 'run-a' }));
    const error = await run([a, b, '--out', out]).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toMatch(/are the same run \(run id run-a\)/);
    expect(existsSync(out)).toBe(false);
  });

  it('never passes workers whose every virtual user failed, whatever the gates', async () => {
    const failed = (name: string) => {
      const path = worker(name, (m) => ({
        ...m,
        ensure: { conditions: [{ expression: 'http.requests > 0' }] },
        checks: [],
      }));
      const results = JSON.parse(readFileSync(path, 'utf8'));
      results.aggregate.counters['vusers.failed'] = results.aggregate.counters['vusers.created'];
      results.aggregate.counters['vusers.completed'] = 0;
      writeFileSync(path, JSON.stringify(results));
      return path;
    };
    expect(await run([failed('x'), failed('y'), '--out', join(dir, 'merged')])).toBe(1);
    const meta = JSON.parse(readFileSync(join(dir, 'merged', 'run-meta.json'), 'utf8'));
    expect(meta.verdict.reasons.map((reason: { kind: string }) => reason.kind)).toEqual(['every_virtual_user_failed']);
  });

  it("writes merged results, run-meta and a report, and fails on the workers' failed gates and checks", async () => {
    const inputs = [worker('w1'), worker('w2', (m) => ({ ...m, seed: 43 }))];
    const out = join(dir, 'merged');
    expect(await run([...inputs, '--out', out, '--junit', join(out, 'junit.xml')])).toBe(1);
    const merged = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as {
      aggregate: { counters: Record<string, number> };
    };
    const single = JSON.parse(readFileSync(smallRunPath, 'utf8')) as {
      aggregate: { counters: Record<string, number> };
    };
    expect(merged.aggregate.counters['http.requests']).toBe(single.aggregate.counters['http.requests']! * 2);
    const meta = JSON.parse(readFileSync(join(out, 'run-meta.json'), 'utf8')) as {
      seed: string;
      checks: { name: string }[];
      startedAt: string;
      verdict: { passed: boolean; label: string };
    };
    expect(meta.seed).toBe('42+43');
    expect(meta.verdict).toMatchObject({ passed: false, label: 'failed: gates, health checks' });
    expect(meta.checks.map((check) => check.name)).toContain('w2: auction escrow');
    expect(meta.startedAt).toBe('2026-11-28T15:27:14.000Z');
    expect(readFileSync(join(out, 'report.html'), 'utf8')).toContain('data-verdict="failed"');
    expect(existsSync(join(out, 'junit.xml'))).toBe(true);
  });

  it('passes when the merged totals meet the gates', async () => {
    const passing = (m: Record<string, unknown>) => ({
      ...m,
      ensure: { conditions: [{ expression: 'http.requests > 1500' }, { expression: 'vusers.failed < 30' }] },
      checks: [],
    });
    const out = join(dir, 'merged');
    // one worker has fewer than 1500 requests; two together have more
    const single = JSON.parse(readFileSync(smallRunPath, 'utf8')) as {
      aggregate: { counters: Record<string, number> };
    };
    expect(single.aggregate.counters['http.requests']).toBeLessThan(1500);
    expect(single.aggregate.counters['http.requests']! * 2).toBeGreaterThan(1500);
    expect(await run([worker('a', passing), worker('b', passing), '--out', out])).toBe(0);
  });

  it("needs inputs and --out, and never writes into a worker's directory", async () => {
    await expect(run(['--out', dir])).rejects.toThrow(UsageError);
    await expect(run([worker('w1')])).rejects.toThrow(/--out/);
    await expect(run([join(dir, 'w1', 'results.json'), '--out', join(dir, 'w1')])).rejects.toThrow(/--out/);
  });
});
