/**
 * @module Distributed runs, scaled down: three `rocket-sim run gameplay` processes drive one stack
 * at the same time from one managed wallet pool, as Kubernetes pods or cloud workers would. Their
 * wallets must stay disjoint (pool leases), and their results must merge into one report whose
 * counters are the sums. Also checks the shape of the Kubernetes manifests in deploy/k8s.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { parseCommandArgs } from '../src/cli/command.ts';
import { mergeCommand } from '../src/cli/commands/merge.ts';
import { startLocalStack, type LocalStack } from '../src/local/index.ts';
import { cleanEnv, expectSuccess, runCommand, type CommandResult } from './support/runCommand.ts';
import { ROOT } from './support/runResults.ts';

const WORKERS = 3;
const PLAYERS = 8;
// Each Artillery worker thread leases wallets in batches of 10 and a run has (CPUs - 1) threads:
// enough for every thread of every worker to get its first batch.
const POOL_SIZE = WORKERS * 10 * Math.max(1, cpus().length - 1);

interface Results {
  aggregate: { counters: Record<string, number>; firstCounterAt?: number; lastCounterAt?: number };
}

const readJson = <T>(path: string): T => JSON.parse(readFileSync(path, 'utf8')) as T;

/** Why a worker's run did not pass: Artillery's failed gates and the failed health checks (for the log). */
function failures(dir: string): string[] {
  const gates = existsSync(join(dir, 'artillery-checks.json'))
    ? readJson<{ expression: string; strict: boolean; passed: boolean }[]>(join(dir, 'artillery-checks.json'))
    : [];
  const checks = existsSync(join(dir, 'run-meta.json'))
    ? (readJson<{ checks?: { name: string; verdict: string; summary: string }[] }>(join(dir, 'run-meta.json')).checks ??
      [])
    : [];
  return [
    ...gates.filter((gate) => gate.strict && !gate.passed).map((gate) => `gate ${gate.expression}`),
    ...checks.filter((check) => check.verdict === 'fail').map((check) => `check ${check.name}: ${check.summary}`),
  ];
}
const eventsOf = (dir: string) =>
  readFileSync(join(dir, 'events.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { event: string; wallet?: string; runId?: string });

describe('three workers on one managed pool', () => {
  let scratch = '';
  let stack: LocalStack | undefined;
  let bin = '';
  let poolEnv: Record<string, string> = {};
  let bootstrap: CommandResult;
  const workers: { dir: string; runId: string; result: CommandResult }[] = [];

  beforeAll(async () => {
    scratch = mkdtempSync(join(tmpdir(), 'rocket-sim-distributed-'));
    bin = join(ROOT, 'bin', 'rocket-sim.js');

    stack = await startLocalStack({
      port: 0,
      auction: { submissionsMs: 20_000, roundMs: 50_000, tickIntervalMs: 1000 },
    });
    poolEnv = {
      SUPABASE_URL: stack.url,
      SUPABASE_ANON_KEY: stack.anonKey,
      SIM_SUPABASE_SERVICE_ROLE_KEY: stack.serviceRoleKey,
      SIM_MANAGED_WALLETS_ENCRYPTION_KEY: randomBytes(32).toString('hex'),
      SIM_MANAGED_WALLET_TARGET_COUNT: String(POOL_SIZE),
    };
    bootstrap = expectSuccess(
      'pool bootstrap',
      await runCommand(process.execPath, [bin, 'pool', 'bootstrap'], {
        cwd: scratch,
        env: cleanEnv(poolEnv),
        timeoutMs: 120_000,
      }),
    );

    const runs = Array.from({ length: WORKERS }, (_, index) => {
      const dir = join(scratch, `w${index + 1}`);
      const runId = `distributed-w${index + 1}`;
      const env = cleanEnv({
        ...poolEnv,
        SIM_WALLET_SOURCE: 'supabase',
        SIM_RUN_ID: runId,
        SIM_SEED: String(index + 1),
        // the stack's Auth accepts SIWE messages for its site URL (default http://localhost:3000)
        SIM_SIWE_URI: 'http://localhost:3000/',
      });
      const args = [
        bin,
        'run',
        'gameplay',
        '-e',
        'local',
        '--target',
        stack!.url,
        '--duration',
        '25',
        '--players',
        String(PLAYERS),
        '--out',
        dir,
      ];
      return runCommand(process.execPath, args, { cwd: scratch, env, timeoutMs: 240_000 }).then((result) =>
        workers.push({ dir, runId, result }),
      );
    });
    await Promise.all(runs);
    workers.sort((a, b) => a.dir.localeCompare(b.dir));
    for (const worker of workers) {
      const why =
        worker.result.code === 0 ? '' : ` (${failures(worker.dir).join('; ') || worker.result.stderr.slice(-300)})`;
      console.log(`distributed worker ${worker.runId}: exit ${worker.result.code} in ${worker.result.ms} ms${why}`);
    }
  }, 400_000);

  afterAll(async () => {
    await stack?.stop();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  it('bootstraps the pool through the CLI', () => {
    const line = JSON.parse(bootstrap.stdout.trim().split('\n').at(-1)!) as {
      event: string;
      availableWalletCount: number;
    };
    expect(line).toMatchObject({ event: 'managed_wallet_bootstrap_complete', availableWalletCount: POOL_SIZE });
  });

  it('every worker ran, played and wrote a report', () => {
    expect(workers).toHaveLength(WORKERS);
    for (const worker of workers) {
      expect([0, 1], `${worker.runId} exit code\n${worker.result.stderr.slice(-2000)}`).toContain(worker.result.code);
      expect(existsSync(join(worker.dir, 'report.html')), worker.runId).toBe(true);
      const counters = readJson<Results>(join(worker.dir, 'results.json')).aggregate.counters;
      expect(counters['rocket.wallet_authenticated'], worker.runId).toBeGreaterThan(0);
      expect(counters['rocket.cycle_complete'], worker.runId).toBeGreaterThan(0);
      expect(eventsOf(worker.dir).every((event) => event.runId === worker.runId)).toBe(true);
    }
  });

  it('the workers overlapped in time and never drove the same wallet', () => {
    const spans = workers.map((worker) => readJson<Results>(join(worker.dir, 'results.json')).aggregate);
    const latestStart = Math.max(...spans.map((span) => span.firstCounterAt!));
    const earliestEnd = Math.min(...spans.map((span) => span.lastCounterAt!));
    expect(latestStart, 'all three were running at the same time').toBeLessThan(earliestEnd);

    const walletSets = workers.map(
      (worker) => new Set(eventsOf(worker.dir).flatMap((event) => (event.wallet ? [event.wallet] : []))),
    );
    for (const wallets of walletSets) expect(wallets.size).toBeGreaterThan(0);
    for (let a = 0; a < walletSets.length; a += 1) {
      for (let b = a + 1; b < walletSets.length; b += 1) {
        const shared = [...walletSets[a]!].filter((wallet) => walletSets[b]!.has(wallet));
        expect(shared, `wallets of w${a + 1} and w${b + 1}`).toEqual([]);
      }
    }
  });

  it('left no lease behind', async () => {
    const rows = await stack!.db.query<{ held: number }>(
      'select count(*)::int as held from public.sim_wallet_keys where lease_owner is not null and lease_expires_at > now()',
    );
    expect(rows[0]?.held).toBe(0);
  });

  it('merges the three results into one report whose counters are the sums', async () => {
    const out = join(scratch, 'merged');
    vi.spyOn(console, 'log').mockImplementation(() => {});
    try {
      const code = await mergeCommand.run(
        parseCommandArgs(mergeCommand, [...workers.map((worker) => join(worker.dir, 'results.json')), '--out', out]),
      );
      expect([0, 1]).toContain(code);
    } finally {
      vi.restoreAllMocks();
    }
    const merged = readJson<Results>(join(out, 'results.json')).aggregate.counters;
    for (const name of ['http.requests', 'rocket.wallet_authenticated', 'rocket.cycle_complete']) {
      const sum = workers.reduce(
        (total, worker) => total + (readJson<Results>(join(worker.dir, 'results.json')).aggregate.counters[name] ?? 0),
        0,
      );
      expect(merged[name], name).toBe(sum);
    }
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    expect(html).toContain('<section id="summary">');
    expect(html).toContain('w3: ');
    expect(readJson<{ scenario: string }>(join(out, 'run-meta.json')).scenario).toBe('gameplay');
  });
});

describe('deploy/k8s', () => {
  const docs = (file: string) =>
    parseAllDocuments(readFileSync(join(ROOT, 'deploy', 'k8s', file), 'utf8')).map(
      // biome-ignore lint/suspicious/noExplicitAny: a parsed manifest; the expectations below check its shape
      (doc) => doc.toJSON() as Record<string, any>,
    );

  it('runs the gameplay scenario as a parallel Job with keys from a Secret and settings from a ConfigMap', () => {
    const [job] = docs('job.yaml');
    expect(job).toMatchObject({
      apiVersion: 'batch/v1',
      kind: 'Job',
      spec: { parallelism: 3, completions: 3, backoffLimit: 0 },
    });
    const pod = job!.spec.template.spec;
    expect(pod.restartPolicy).toBe('Never');
    const [container] = pod.containers;
    expect(container.args.slice(0, 6)).toEqual(['run', 'gameplay', '-e', 'staging', '--duration', '900']);
    expect(container.envFrom).toEqual([
      { configMapRef: { name: 'rocket-sim-config' } },
      { secretRef: { name: 'rocket-sim-keys' } },
    ]);
    expect(container.env.find((env: { name: string }) => env.name === 'SIM_RUN_ID').value).toBe('$(POD_NAME)');

    const [config] = docs('configmap.yaml');
    expect(config).toMatchObject({
      kind: 'ConfigMap',
      metadata: { name: 'rocket-sim-config' },
      data: { SIM_WALLET_SOURCE: 'supabase' },
    });
    expect(new URL(config!.data.SUPABASE_URL).hostname).toBe(config!.data.SIM_ALLOWED_TARGETS);
    const [secret] = docs('secret.example.yaml');
    expect(secret).toMatchObject({ kind: 'Secret', metadata: { name: 'rocket-sim-keys' } });
    expect(Object.keys(secret!.stringData).sort()).toEqual([
      'SIM_MANAGED_WALLETS_ENCRYPTION_KEY',
      'SIM_SUPABASE_SERVICE_ROLE_KEY',
      'SUPABASE_ANON_KEY',
    ]);
    const [kustomization] = docs('kustomization.yaml');
    for (const resource of kustomization!.resources as string[])
      expect(existsSync(join(ROOT, 'deploy', 'k8s', resource)), resource).toBe(true);
  });
});
