/**
 * @module Verdicts you can trust (issue 17), end to end with real Artillery processes:
 * - plain `artillery run` results, passing and with every virtual user failed, judged by `rocket-sim
 *   report` and `merge` (gates from --scenario, from the rocket plugin's record, or none: red);
 *   truncated results and Artillery's legacy format are refused (exit 2);
 * - SIGINT to a real `rocket-sim run` mid-run: results of the time that ran, health checks, a report
 *   marked "interrupted at", the exit code of the verdict; before Artillery starts: nothing left;
 *   twice: aborted at once;
 * - a run whose every sign-in fails with one server message stops early with that message;
 * - a run whose every request is reset fails whatever its gates say;
 * - two identical real runs compare as no regression, and each run's verdict is the same in its exit
 *   code, run-meta.json, report.html, JUnit and its run_complete line.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { generatePrivateKey } from 'viem/accounts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artilleryBin, pluginDir } from '../src/cli/run/spawnArtillery.ts';
import { startLocalStack, type LocalStack } from '../src/local/index.ts';
import { closedPort } from './support/closedPort.ts';
import { runCli, type CliResult } from './support/runCli.ts';
import { cleanEnv, runCommand, type CommandResult } from './support/runCommand.ts';
import { ROOT } from './support/runResults.ts';
import { startCli } from './support/startCli.ts';
import { tempDir, type TempDir } from './support/tempDir.ts';

let work: TempDir;
let stack: LocalStack;
const KEYS = [generatePrivateKey(), generatePrivateKey(), generatePrivateKey()];

const readJson = <T>(path: string): T => JSON.parse(readFileSync(path, 'utf8')) as T;
interface Meta {
  verdict: { passed: boolean; label: string; reasons: { kind: string }[]; notes: string[] };
  stop?: { kind: string; reason: string };
  checks?: { verdict: string }[];
}
interface Results {
  aggregate: { counters: Record<string, number> };
  intermediate: { counters: Record<string, number> }[];
  rocketSim?: { ensure?: unknown; stop?: { kind: string } };
}

beforeAll(async () => {
  work = tempDir('verdicts');
  // a running stack, as `rocket-sim local` would be: default site URL http://localhost:3000
  stack = await startLocalStack({ port: 0, jwtSecret: randomBytes(32).toString('hex'), auction: false });
}, 120_000);

afterAll(async () => {
  await stack?.stop();
  work?.remove();
});

/** `artillery run -c artillery.yml -e local scenarios/once.yml` with two arrivals, plain (no rocket-sim). */
function plainArtillery(
  name: string,
  target: string,
  extraEnv: Record<string, string> = {},
): Promise<CommandResult & { results: string }> {
  const results = join(work.path, `${name}.json`);
  const args = [artilleryBin(), 'run', '-c', join(ROOT, 'artillery.yml'), '-e', 'local', '-t', target, '-o', results];
  args.push('--overrides', JSON.stringify({ config: { phases: [{ duration: 2, arrivalRate: 1 }] } }));
  args.push(join(ROOT, 'scenarios', 'once.yml'));
  const env = cleanEnv({
    SUPABASE_URL: target,
    SUPABASE_ANON_KEY: stack.anonKey,
    SIM_WALLET_PRIVATE_KEYS: KEYS.slice(0, 2).join(','),
    SIM_SIWE_URI: 'http://localhost:3000/',
    SIM_EVENT_LOG: join(work.path, `${name}.events.jsonl`),
    ...extraEnv,
  });
  return runCommand(process.execPath, args, { cwd: ROOT, env, timeoutMs: 120_000 }).then((result) => ({
    ...result,
    results,
  }));
}

const report = (...args: string[]) => runCli(['report', ...args], { timeoutMs: 60_000 });

describe('plain Artillery results judged by rocket-sim report and merge (row 1)', { timeout: 240_000 }, () => {
  let passing: Awaited<ReturnType<typeof plainArtillery>>;
  let recorded: Awaited<ReturnType<typeof plainArtillery>>;
  let failed: Awaited<ReturnType<typeof plainArtillery>>;
  let legacy: Awaited<ReturnType<typeof plainArtillery>>;

  beforeAll(async () => {
    const closed = `http://127.0.0.1:${await closedPort()}`;
    [passing, recorded, failed, legacy] = await Promise.all([
      plainArtillery('passing', stack.url),
      // the rocket plugin loaded into plain Artillery records the gates in the results file
      plainArtillery('recorded', stack.url, {
        ARTILLERY_PLUGIN_PATH: pluginDir(),
        ARTILLERY_PLUGINS: JSON.stringify({ rocket: {} }),
      }),
      plainArtillery('failed', closed),
      plainArtillery('legacy', stack.url, { ARTILLERY_USE_LEGACY_REPORT_FORMAT: '1' }),
    ]);
  }, 200_000);

  it('a passing plain run: rocket-sim report gives the same verdict, with the scenario named or recorded', async () => {
    // Artillery's own verdict (its ensure checks, latency thresholds included) is the one to reproduce:
    // on a loaded machine the p95 gate may fail, and then rocket-sim must fail it too
    expect([0, 1], passing.stdout.slice(-2000)).toContain(passing.code);
    expect(readJson<Results>(passing.results).aggregate.counters['rocket.wallet_authenticated']).toBe(2);
    // Artillery's results hold no config: without a gate the report is red
    const bare = await report(passing.results);
    expect(bare.code).toBe(1);
    expect(bare.stdout).toContain('verdict: failed: no gates found');
    expect(readFileSync(join(work.path, 'report.html'), 'utf8')).toContain('class="missing-gates"');
    const named = await report(passing.results, '--scenario', 'once', '-e', 'local');
    expect(named.code, named.stdout).toBe(passing.code);
    expect(named.stdout).toContain('gates from scenario once (-e local)');
    expect(named.stdout).toContain('ok: vusers.failed == 0');
    // with the rocket plugin loaded, the results file carries its gates
    expect([0, 1], recorded.stdout.slice(-2000)).toContain(recorded.code);
    expect(readJson<Results>(recorded.results).rocketSim?.ensure).toBeDefined();
    const self = await report(recorded.results);
    expect(self.code, self.stdout).toBe(recorded.code);
    expect(self.stdout).toContain('gates from the results file (recorded by the rocket plugin)');
  });

  it('every virtual user failed: no command ever exits 0', async () => {
    expect(failed.code).toBe(1);
    const counters = readJson<Results>(failed.results).aggregate.counters;
    expect(counters['vusers.failed']).toBe(counters['vusers.created']);
    expect(counters['vusers.completed'] ?? 0).toBe(0);
    for (const flags of [
      [],
      ['--scenario', 'once'],
      ['--allow-no-gates'],
      ['--config', join(ROOT, 'scenarios', 'chaos.yml')],
    ]) {
      const result = await report(failed.results, ...flags, '-o', join(work.path, 'failed.html'));
      expect(result.code, flags.join(' ')).toBe(1);
    }
    const allowed = await report(failed.results, '--allow-no-gates', '-o', join(work.path, 'failed.html'));
    expect(allowed.stdout).toMatch(/fail: every virtual user failed \(2 of 2\)/);
    const merged = await runCli(
      ['merge', failed.results, passing.results, '--out', join(work.path, 'merged'), '--scenario', 'once'],
      { timeoutMs: 60_000 },
    );
    expect(merged.code, merged.stdout).toBe(1);
    expect(merged.stdout).toContain('fail: vusers.failed == 0');
    const alone = await runCli(
      ['merge', failed.results, '--out', join(work.path, 'merged-failed'), '--allow-no-gates'],
      {
        timeoutMs: 60_000,
      },
    );
    expect(alone.code).toBe(1);
    expect(
      readJson<Meta>(join(work.path, 'merged-failed', 'run-meta.json')).verdict.reasons.map((r) => r.kind),
    ).toEqual(['every_virtual_user_failed']);
    // the same file twice is refused
    const twice = await runCli(['merge', passing.results, passing.results, '--out', join(work.path, 'twice')], {
      timeoutMs: 60_000,
    });
    expect(twice.code).toBe(2);
    expect(twice.stderr).toMatch(/are the same file/);
    expect(existsSync(join(work.path, 'twice'))).toBe(false);
  });

  it('a truncated results file and Artillery legacy format are named and refused (exit 2)', async () => {
    // a refused input writes nothing: the report.html already beside it stays as it was
    const existing = join(work.path, 'report.html');
    writeFileSync(existing, 'an earlier report');
    const text = readFileSync(passing.results, 'utf8');
    const truncated = join(work.path, 'truncated.json');
    writeFileSync(truncated, text.slice(0, Math.floor(text.length * 0.6)));
    const cut = await report(truncated, '--scenario', 'once');
    expect(cut.code).toBe(2);
    expect(cut.stderr).toMatch(/truncated\.json: not an Artillery results file .*the file ends before the JSON does/);
    expect(legacy.code, legacy.stdout.slice(-2000)).toBe(0);
    const old = await report(legacy.results, '--scenario', 'once');
    expect(old.code).toBe(2);
    expect(old.stderr).toMatch(/written by Artillery 1\.x \(its legacy report format\)/);
    expect(readFileSync(existing, 'utf8')).toBe('an earlier report');
  });
});

/** The verdict is one value: exit code, run-meta.json, report.html, JUnit and the run_complete line agree. */
function expectOneVerdict(result: CliResult, out: string): Meta {
  const meta = readJson<Meta>(join(out, 'run-meta.json'));
  expect(result.code, result.stderr.slice(-2000)).toBe(meta.verdict.passed ? 0 : 1);
  const html = readFileSync(join(out, 'report.html'), 'utf8');
  expect(html).toContain(`data-verdict="${meta.verdict.passed ? 'passed' : 'failed'}"`);
  const complete = result.stdout
    .split('\n')
    .filter((line) => line.includes('"run_complete"'))
    .map((line) => JSON.parse(line) as { verdict: string; exitCode: number });
  expect(complete).toEqual([expect.objectContaining({ verdict: meta.verdict.label, exitCode: result.code })]);
  if (existsSync(join(out, 'junit.xml'))) {
    const xml = new XMLParser({ ignoreAttributes: false }).parse(readFileSync(join(out, 'junit.xml'), 'utf8')) as {
      testsuites: { '@_failures': string };
    };
    expect(Number(xml.testsuites['@_failures']) === 0).toBe(meta.verdict.passed);
  }
  return meta;
}

// independent runs, side by side (each waits mostly on its phases): the CI time is the longest one
describe('rocket-sim run stopped by a signal (row 4), and runs that cannot pass (rows 1 and 7)', {
  timeout: 240_000,
  concurrent: true,
}, () => {
  it('SIGINT mid-run: results of the time that ran, checks, a report marked interrupted, the exit code of the verdict', async () => {
    const out = join(work.path, 'interrupted');
    const cli = startCli(
      ['run', 'gameplay', '--duration', '90', '--players', '4', '--out', out, '--junit', join(out, 'junit.xml')],
      {
        timeoutMs: 200_000,
      },
    );
    // not the happy path: a few seconds after the first 10-s window, in the middle of the next one
    await cli.waitFor(/"event":"run_progress"/, 120_000);
    await new Promise((resolve) => setTimeout(resolve, 4000));
    const before = cli.output();
    cli.signal('SIGINT');
    const result = await cli.done;
    expect(result.timedOut).toBe(false);
    expect(result.stderr).toContain('SIGINT: stopping the run');
    const meta = expectOneVerdict(result, out);
    expect(meta.stop).toMatchObject({ kind: 'interrupted', reason: 'SIGINT' });
    expect(meta.verdict.notes[0]).toMatch(/^interrupted at \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC \(SIGINT\)$/);
    expect(meta.checks?.length).toBeGreaterThan(0);
    expect(readFileSync(join(out, 'report.html'), 'utf8')).toContain(meta.verdict.notes[0]);
    const results = readJson<Results>(join(out, 'results.json'));
    expect(results.rocketSim?.stop?.kind).toBe('interrupted');
    // the window in progress at the signal is in the results: more than the progress lines had seen
    const seen = [...before.matchAll(/"totalRequests":(\d+)/g)].map((match) => Number(match[1])).at(-1) ?? 0;
    const requests = results.aggregate.counters['http.requests'] ?? 0;
    expect(requests).toBeGreaterThan(seen);
    expect(results.intermediate.reduce((sum, w) => sum + (w.counters['http.requests'] ?? 0), 0)).toBe(requests);
    // the load ended long before its planned 90 s (the run's own record, not the test's clock)
    expect(results.intermediate.length).toBeLessThan(9);
  });

  it('SIGINT before Artillery started: exit 130, nothing sent, nothing left', async () => {
    const out = join(work.path, 'early');
    const cli = startCli(['run', 'gameplay', '--duration', '30', '--players', '2', '--out', out], {
      timeoutMs: 120_000,
    });
    await cli.waitFor(/managed_wallet_pool_ready/, 90_000);
    cli.signal('SIGINT');
    const result = await cli.done;
    expect(result.code).toBe(130);
    expect(result.stderr).toMatch(/interrupted \(SIGINT\) before the load started: nothing was sent/);
    expect(existsSync(out)).toBe(false);
  });

  it('a second SIGINT aborts at once: exit 130, no report, no Artillery left', async () => {
    const out = join(work.path, 'aborted');
    const cli = startCli(['run', 'gameplay', '--duration', '60', '--players', '2', '--out', out], {
      timeoutMs: 120_000,
    });
    // once the load runs (its first window reported), not after a guessed number of seconds
    await cli.waitFor(/"event":"run_progress"/, 120_000);
    cli.signal('SIGINT');
    await cli.waitFor(/stopping the run/, 10_000);
    cli.signal('SIGINT');
    const result = await cli.done;
    expect(result.code).toBe(130);
    expect(result.stderr).toContain('aborting now');
    expect(existsSync(join(out, 'report.html'))).toBe(false);
    const left = await runCommand('pgrep', ['-f', join(out, 'results.json')], {
      cwd: ROOT,
      env: cleanEnv(),
      timeoutMs: 10_000,
    });
    expect(left.stdout.trim()).toBe('');
  });

  it('every sign-in of the first players fails with one message: the run stops early with it (exit 1)', async () => {
    const out = join(work.path, 'rejected');
    // the running stack allows http://localhost:3000 only; SIM_SIWE_URI is the legacy default, o.finality.dev
    const result = await runCli(
      ['run', 'gameplay', '-e', 'local', '--target', stack.url, '--players', '3', '--out', out],
      {
        env: {
          SUPABASE_ANON_KEY: stack.anonKey,
          SIM_SUPABASE_SERVICE_ROLE_KEY: stack.serviceRoleKey,
          SIM_WALLET_PRIVATE_KEYS: KEYS.join(','),
        },
        timeoutMs: 200_000,
      },
    );
    expect(result.stderr).toMatch(/gameplay: every sign-in failed with the same answer: \d{3}: .+; stopping the run/);
    const meta = expectOneVerdict(result, out);
    expect(result.code).toBe(1);
    expect(meta.stop?.kind).toBe('ended_early');
    expect(meta.verdict.reasons.map((reason) => reason.kind)).toContain('ended_early');
    // the scenario is five minutes long (30 windows): it stopped at the first ones
    expect(readJson<Results>(join(out, 'results.json')).intermediate.length).toBeLessThan(10);
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    expect(html).toContain('id="server-messages"');
    expect(html).toMatch(/<td><code>auth_web3<\/code><\/td><td>\d{3}: [^<]+<\/td>/);
  });

  it('every request reset: the run fails whatever its gates say', async () => {
    const out = join(work.path, 'reset');
    const result = await runCli(['run', 'chaos', '--faults', 'reset=1', '--duration', '10', '--out', out], {
      timeoutMs: 200_000,
    });
    const meta = expectOneVerdict(result, out);
    expect(result.code).toBe(1);
    expect(meta.verdict.reasons.map((reason) => reason.kind)).toContain('every_virtual_user_failed');
  });
});

describe('two identical real runs (rows 8 and 10)', { timeout: 300_000 }, () => {
  it('compare as no regression, each with one verdict everywhere', async () => {
    const outs = ['same-a', 'same-b'].map((name) => join(work.path, name));
    const runs = await Promise.all(
      outs.map((out) =>
        runCli(
          [
            'run',
            'gameplay',
            '--duration',
            '30',
            '--players',
            '4',
            '--seed',
            '7',
            '--out',
            out,
            '--junit',
            join(out, 'junit.xml'),
          ],
          {
            timeoutMs: 240_000,
          },
        ),
      ),
    );
    for (const [index, run] of runs.entries()) expectOneVerdict(run, outs[index]!);
    const compare = await runCli(['compare', join(outs[0]!, 'results.json'), join(outs[1]!, 'results.json')], {
      timeoutMs: 60_000,
    });
    expect(compare.code, compare.stdout).toBe(0);
    expect(compare.stdout).toMatch(/^p95 .* noise ±[\d.]+ ms\s+PASS$/m);
  });
});
