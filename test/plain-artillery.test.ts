/**
 * @module Plain Artillery against `rocket-sim local` (issue 17 row 2), the way artillery.yml's header
 * shows it: `artillery run -c artillery.yml -e local -t <stack url> scenarios/once.yml` with only the
 * anon key, the wallet keys and the SIWE URI set. The processor takes the target Artillery resolved
 * (no SUPABASE_URL needed) and signs every wallet in; `rocket-sim report` of the results file then
 * gives the run's verdict. A configuration error stops the run at the first virtual user with its
 * one line on stderr (once per worker thread) and exit 2, instead of failing every virtual user.
 */
import { existsSync, readFileSync } from 'node:fs';
import { cpus, homedir, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { generatePrivateKey } from 'viem/accounts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artilleryBin } from '../src/cli/run/spawnArtillery.ts';
import { runCli } from './support/runCli.ts';
import { runCommand, type CommandResult } from './support/runCommand.ts';
import { ROOT } from './support/runResults.ts';
import { startCli, type RunningCli } from './support/startCli.ts';
import { tempDir, type TempDir } from './support/tempDir.ts';

const KEYS = [generatePrivateKey(), generatePrivateKey(), generatePrivateKey()];
/** Artillery's local worker threads: one line per worker at most */
const WORKER_THREADS = Math.max(1, cpus().length - 1);

let work: TempDir;
let local: RunningCli;
let stack: { url: string; anonKey: string };

beforeAll(async () => {
  work = tempDir('plain-artillery');
  local = startCli(['local', '--port', '0'], { cwd: work.path, timeoutMs: 600_000 });
  await local.waitFor(/"event":"local_stack_ready"[^\n]*\n/, 120_000);
  const ready = local
    .output()
    .split('\n')
    .find((line) => line.includes('"local_stack_ready"'));
  stack = JSON.parse(ready!) as { url: string; anonKey: string };
}, 150_000);

afterAll(async () => {
  if (local) {
    local.signal('SIGTERM');
    await local.done;
  }
  work?.remove();
});

/** `artillery run` with exactly `env` (plus HOME, TMPDIR and a PATH to this Node), nothing of the suite's. */
function artillery(args: string[], env: Record<string, string>): Promise<CommandResult> {
  return runCommand(process.execPath, [artilleryBin(), 'run', ...args], {
    cwd: work.path,
    env: {
      HOME: homedir(),
      TMPDIR: tmpdir(),
      PATH: `${dirname(process.execPath)}:/usr/bin:/bin`,
      ARTILLERY_DISABLE_TELEMETRY: 'true',
      ...env,
    },
    timeoutMs: 180_000,
  });
}

const config = () => join(ROOT, 'artillery.yml');
const once = () => join(ROOT, 'scenarios', 'once.yml');
const linesWith = (text: string, needle: string) => text.split('\n').filter((line) => line.includes(needle));

describe('plain Artillery against rocket-sim local', { timeout: 300_000 }, () => {
  it('signs every wallet in with the -t target and no SUPABASE_URL; report gives the same verdict', async () => {
    const results = join(work.path, 'once.json');
    const run = await artillery(['-c', config(), '-e', 'local', '-t', stack.url, '-o', results, once()], {
      SUPABASE_ANON_KEY: stack.anonKey,
      SIM_WALLET_PRIVATE_KEYS: KEYS.join(','),
      SIM_SIWE_URI: 'http://localhost:3000/',
    });
    // Artillery's verdict includes its latency thresholds, which a loaded machine may miss: report must agree
    expect([0, 1], `${run.stdout.slice(-3000)}\n${run.stderr}`).toContain(run.code);
    expect(run.stderr).not.toContain('rocket-sim:');
    const counters = (JSON.parse(readFileSync(results, 'utf8')) as { aggregate: { counters: Record<string, number> } })
      .aggregate.counters;
    expect(counters['rocket.wallet_authenticated']).toBe(KEYS.length);
    expect(counters['vusers.failed'] ?? 0).toBe(0);
    expect(counters['errors.E_CONFIG']).toBeUndefined();
    const signedIn = new Set(
      linesWith(run.stdout, '"event":"wallet_authenticated"').map(
        (line) => (JSON.parse(line) as { wallet: string }).wallet,
      ),
    );
    expect(signedIn.size).toBe(KEYS.length);

    const report = await runCli(
      ['report', results, '--scenario', 'once', '-e', 'local', '-o', join(work.path, 'r.html')],
      {
        timeoutMs: 60_000,
      },
    );
    expect(report.code, report.stdout).toBe(run.code);
    expect(report.stdout).toContain(run.code === 0 ? 'verdict: passed' : 'verdict: failed');
  });

  it('a configuration error stops the run at the first player: one line per worker on stderr, exit 2', async () => {
    const results = join(work.path, 'no-key.json');
    const run = await artillery(['-c', config(), '-e', 'local', '-t', stack.url, '-o', results, once()], {
      SIM_WALLET_PRIVATE_KEYS: KEYS.join(','),
    });
    expect(run.code, `${run.stdout.slice(-2000)}\n${run.stderr}`).toBe(2);
    const lines = linesWith(run.stderr, 'rocket-sim: the players cannot start: SUPABASE_ANON_KEY: is required');
    expect(lines.length).toBeGreaterThanOrEqual(1);
    expect(lines.length).toBeLessThanOrEqual(WORKER_THREADS);
    // stopped, not played to the end: Artillery writes no results for a stopped run, and no phase completed
    expect(run.stdout).not.toContain('Phase completed');
    expect(existsSync(results)).toBe(false);
  });

  it('without -e, -t or SUPABASE_URL the line names the target and how to give it', async () => {
    const run = await artillery(['-c', config(), once()], {
      SUPABASE_ANON_KEY: stack.anonKey,
      SIM_WALLET_PRIVATE_KEYS: KEYS.join(','),
    });
    expect(run.code, `${run.stdout.slice(-2000)}\n${run.stderr}`).toBe(2);
    expect(
      linesWith(run.stderr, 'rocket-sim: the players cannot start: target: none given').length,
    ).toBeGreaterThanOrEqual(1);
    expect(run.stderr).toContain('pass -e local or -t URL to Artillery, or set SUPABASE_URL');
  });
});
