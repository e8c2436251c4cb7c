/**
 * @module Capacity runs (issue 16, scopes 1 and 3), end to end with real Artillery on the embedded
 * stack, on plans small enough for CI: with every request 3 s late the first step breaks on the
 * latency threshold and the run stops there (one step judged of the plan, exit 1, capacity.json
 * with the reason); a plan the stack holds (--model arrivals) holds its last step (exit 0); with the
 * generator starved on purpose (test/fixtures/generator/starveWorker.cjs)
 * the step is "inconclusive: the generator was the limit", not a capacity figure. The search for a
 * real breaking point (5 to 400 players) is run by hand: docs/performance.md has its figures.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './support/runCli.ts';
import { ROOT } from './support/runResults.ts';
import { tempDir, type TempDir } from './support/tempDir.ts';

let work: TempDir;
beforeAll(() => {
  work = tempDir('capacity');
});
afterAll(() => work?.remove());

interface CapacityFile {
  holds: { load: number } | null;
  breaksAt: { step: number; load: number; reason: string } | null;
  inconclusive: { load: number; reason: string } | null;
  concluded: boolean;
  ranSeconds: number;
  plannedSeconds: number;
  steps: { load: number; verdict: string; windows: number }[];
}

const capacityOf = (out: string) => JSON.parse(readFileSync(join(out, 'capacity.json'), 'utf8')) as CapacityFile;
interface Meta {
  stop?: { kind: string; planned?: boolean };
  verdict: { passed: boolean; label: string; reasons: { kind: string }[] };
}
const metaOf = (out: string) => JSON.parse(readFileSync(join(out, 'run-meta.json'), 'utf8')) as Meta;
/** One verdict (issue 17 row 8): the exit code, run-meta.json and report.html say the same. */
function expectOneVerdict(out: string, code: number | null) {
  const { verdict } = metaOf(out);
  expect(verdict.passed).toBe(code === 0);
  expect(readFileSync(join(out, 'report.html'), 'utf8')).toContain(verdict.label.split(' · ')[0]);
}

describe('rocket-sim run capacity', () => {
  it('a step over the latency threshold breaks the search and the run stops at it', async () => {
    const out = join(work.path, 'latency');
    const run = await runCli(
      [
        'run',
        'capacity',
        '--from',
        '2',
        '--to',
        '5',
        '--step-duration',
        '30',
        '--faults',
        'latency=3s',
        '--seed',
        '16',
        '--out',
        out,
        '--junit',
        join(out, 'junit.xml'),
      ],
      { timeoutMs: 300_000 },
    );
    expect(run.code, run.stderr).toBe(1);
    expect(run.stderr).toMatch(/rocket-sim: capacity: capacity step 1 \(2 players\) failed: p95 [\d,]+ ms ≥ 1,500 ms/);
    expect(run.stdout).toMatch(/^capacity: holds nothing: the first step \(2 players\) did not pass$/m);
    expect(run.stdout).toMatch(/^capacity: breaks at 2 players: p95 [\d,]+ ms ≥ 1,500 ms.*\(step 1\)$/m);
    const capacity = capacityOf(out);
    expect(capacity).toMatchObject({ holds: null, breaksAt: { step: 1, load: 2 }, concluded: false });
    expect(capacity.steps.map((step) => step.verdict)).toEqual(['fail']);
    // a 3-step plan (2, 3, 5 players) of 90 s stopped within its first step and the next window
    expect(capacity.plannedSeconds).toBe(90);
    expect(capacity.ranSeconds).toBeLessThan(capacity.plannedSeconds);
    // the search stopped where its plan says: not an early end, the verdict is the search's (no figure)
    const meta = metaOf(out);
    expect(meta.stop).toMatchObject({ kind: 'ended_early', planned: true });
    expect(meta.verdict.reasons.map((reason) => reason.kind)).toEqual(['capacity']);
    expectOneVerdict(out, run.code);
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    expect(html).toContain('stopped as planned: capacity step 1 (2 players) failed');
    expect(html).toContain(
      '<p class="capacity-answer" data-concluded="false">holds nothing: the first step (2 players) did not pass; breaks at 2 players',
    );
    expect(html).toContain('<tr data-step="1" data-verdict="fail">');
    const junitXml = readFileSync(join(out, 'junit.xml'), 'utf8');
    expect(junitXml).toContain('<testsuite name="rocket-sim.capacity" tests="2" failures="2"');
    expect(junitXml).toMatch(
      /<testcase classname="rocket-sim.capacity" name="step 1: 2 players">\n\s+<failure message="p95 [\d,]+ ms ≥ 1,500 ms/,
    );
  }, 360_000);

  it('a starved generator: "inconclusive: the generator was the limit", no capacity figure', async () => {
    const out = join(work.path, 'starved');
    const run = await runCli(
      ['run', 'capacity', '--from', '2', '--to', '3', '--step-duration', '30', '--seed', '16', '--out', out],
      {
        env: { NODE_OPTIONS: `--require ${join(ROOT, 'test', 'fixtures', 'generator', 'starveWorker.cjs')}` },
        timeoutMs: 300_000,
      },
    );
    expect(run.code, run.stderr).toBe(1);
    expect(run.stdout).toMatch(
      /^capacity: inconclusive at 2 players: the generator was the limit \(event-loop p99 \d+ ms > 200 ms\)$/m,
    );
    const capacity = capacityOf(out);
    expect(capacity).toMatchObject({ holds: null, breaksAt: null, concluded: false, inconclusive: { load: 2 } });
    expectOneVerdict(out, run.code);
    expect(capacity.steps.map((step) => step.verdict)).toEqual(['inconclusive']);
  }, 360_000);

  it('--model arrivals, a plan the stack holds: every step passes, holds the last one, exit 0', async () => {
    const out = join(work.path, 'arrivals');
    const run = await runCli(
      ['run', 'capacity', '--model', 'arrivals', '--from', '1', '--to', '2', '--step-duration', '30', '--out', out],
      { timeoutMs: 300_000 },
    );
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^capacity: holds 2 arrivals\/s: [\d.]+ req\/s, p95 [\d,]+ ms \(step 2\)$/m);
    expect(run.stdout).toMatch(/^capacity: every step up to --to 2 arrivals\/s held: the breaking point is above it$/m);
    const capacity = capacityOf(out);
    expect(capacity).toMatchObject({ holds: { load: 2 }, breaksAt: null, concluded: true });
    expectOneVerdict(out, run.code);
    expect(metaOf(out).verdict.label).toMatch(/^passed · holds 2 arrivals\/s/);
    expect(capacity.steps.map((step) => [step.load, step.verdict])).toEqual([
      [1, 'pass'],
      [2, 'pass'],
    ]);
  }, 360_000);

  it('capacity flags on another scenario, and a step too short to judge, are usage errors (exit 2)', async () => {
    const other = await runCli(['run', 'gameplay', '--from', '5'], { timeoutMs: 60_000 });
    expect(other.code).toBe(2);
    expect(other.stderr).toContain('--from is a flag of `rocket-sim run capacity` (not of gameplay)');
    const short = await runCli(['run', 'capacity', '--step-duration', '10s'], { timeoutMs: 60_000 });
    expect(short.code).toBe(2);
    expect(short.stderr).toContain(
      '--step-duration must be whole seconds (or 30s, 2m) from 30 s to one hour (got "10s")',
    );
  });
});
