/**
 * @module One `rocket-sim run`: target (embedded stack or remote), phases, Artillery with progress,
 * then gates, post-run health checks, the report and the exit code.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import type { SimConfig } from '../../config/index.ts';
import { ExitCode, SimError } from '../../errors/index.ts';
import { createPrng } from '../../gameplay/prng.ts';
import { countRows, runHealthChecks, type RowCounts } from '../../health/index.ts';
import { NO_FAULTS, type LocalStackOptions } from '../../local/index.ts';
import type { Logger } from '../../log/index.ts';
import { packageRoot } from '../../packageRoot.ts';
import { releaseLeases } from '../../pool/index.ts';
import { generatorVersion } from '../../report/generatorVersion.ts';
import type { EnsureConfig } from '../../report/evaluateGates.ts';
import type { HealthCheckResult, RunMeta } from '../../report/runMeta.ts';
import { writeRunReport, type RunReportOutcome } from '../../report/writeRunReport.ts';
import { createProgress } from './createProgress.ts';
import { followFile } from './followFile.ts';
import { planPhases } from './planPhases.ts';
import { prepareLocalTarget, prepareRemoteTarget, type PreparedTarget } from './prepareTarget.ts';
import { readScenario } from './scenarioFiles.ts';
import { pluginDir, spawnArtillery } from './spawnArtillery.ts';

export type Environment = 'local' | 'staging' | 'production';

export interface RunOptions {
  scenario: string;
  environment: Environment;
  /** --target: a running stack or a remote project (default: embedded stack for local, SUPABASE_URL otherwise) */
  targetUrl: string | undefined;
  durationSeconds: number | undefined;
  rate: number | undefined;
  players: number | undefined;
  /** --max-rate: arrival-rate cap (production defaults to 5/s) */
  maxRate: number | undefined;
  outDir: string | undefined;
  seed: number | undefined;
  confirmTarget: string | undefined;
  /** options of the embedded stack (flags shared with `rocket-sim local`) */
  stack: LocalStackOptions;
  junit: string | undefined;
  baseline: string | undefined;
  verbose: boolean;
}

export interface RunResult {
  exitCode: ExitCode;
  outDir: string;
  resultsPath: string;
  reportPath: string | undefined;
  runId: string;
  seed: number;
  /** the run was stopped by SIGINT/SIGTERM */
  interrupted: boolean;
}

/** Production arrival-rate cap (arrivals per second) unless --max-rate is given. */
export const PRODUCTION_MAX_RATE = 5;

function timestamp(date: Date): string {
  return date.toISOString().replace(/[-:]/g, '').replace(/\..*$/, '');
}

function gitCommit(): string {
  try {
    return execFileSync('git', ['rev-parse', '--short=12', 'HEAD'], {
      cwd: packageRoot(),
      stdio: ['ignore', 'pipe', 'ignore'],
    })
      .toString()
      .trim();
  } catch {
    return 'unknown';
  }
}

/** Rebuilds dist/ from the sources when they are here (a checkout); an installed package ships dist/ prebuilt. */
function ensureBuilt(): void {
  const root = packageRoot();
  if (existsSync(join(root, 'scripts', 'build.ts')) && existsSync(join(root, 'node_modules', 'esbuild'))) {
    const build = spawnSync(process.execPath, [join(root, 'scripts', 'build.ts')], {
      cwd: root,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    if (build.status !== 0) throw new SimError('building the processor failed (node scripts/build.ts)');
  }
  if (!existsSync(join(root, 'dist', 'processor.js')))
    throw new SimError('dist/processor.js is missing: run `npm run build`');
}

/** The ensure config a run is gated by: the scenario's conditions plus the environment's thresholds. */
function ensureConfigFor(scenarioPath: string, environment: Environment): EnsureConfig {
  type Doc = {
    config?: {
      plugins?: { ensure?: EnsureConfig };
      environments?: Record<string, { plugins?: { ensure?: EnsureConfig } }>;
    };
  };
  const shared = parse(readFileSync(join(packageRoot(), 'artillery.yml'), 'utf8')) as Doc;
  const scenario = parse(readFileSync(scenarioPath, 'utf8')) as Doc;
  const environmentEnsure = shared.config?.environments?.[environment]?.plugins?.ensure ?? {};
  const scenarioEnsure = scenario.config?.plugins?.ensure ?? {};
  return {
    ...scenarioEnsure,
    ...environmentEnsure,
    thresholds: [...(scenarioEnsure.thresholds ?? []), ...(environmentEnsure.thresholds ?? [])],
    conditions: [...(scenarioEnsure.conditions ?? []), ...(environmentEnsure.conditions ?? [])],
  };
}

/** Runs one scenario end to end. Throws SimErrors for usage/configuration problems before anything is sent. */
export async function runScenario(config: SimConfig, options: RunOptions, log: Logger): Promise<RunResult> {
  const scenario = readScenario(options.scenario);
  const seed = options.seed ?? config.seed ?? randomBytes(4).readUInt32BE();
  const startedAt = new Date();
  const runId = config.run.runId ?? `${timestamp(startedAt)}-${scenario.name}-${randomBytes(3).toString('hex')}`;
  const outDir = resolve(options.outDir ?? join('reports', `${timestamp(startedAt)}-${scenario.name}`));
  const resultsPath = join(outDir, 'results.json');
  const production = options.environment === 'production';
  const maxRate = options.maxRate ?? (production ? PRODUCTION_MAX_RATE : undefined);
  const plannedPlayers = planPhases(scenario, {
    durationSeconds: options.durationSeconds,
    rate: options.rate,
    players: options.players,
  }).players;

  let target: PreparedTarget | undefined;
  let tickTimer: NodeJS.Timeout | undefined;
  try {
    target =
      options.environment === 'local' && options.targetUrl === undefined
        ? await prepareLocalTarget({
            config,
            scenario: scenario.name,
            stack: options.stack,
            wallets: plannedPlayers ?? 20,
            log,
          })
        : await prepareRemoteTarget({
            config,
            targetUrl: options.targetUrl,
            environment: options.environment,
            confirmTarget: options.confirmTarget,
            random: createPrng(seed, 'pool-growth').next,
            log,
          });
    const plan = planPhases(scenario, {
      durationSeconds: options.durationSeconds,
      rate: options.rate,
      players: options.players,
      walletCapacity: target.walletCapacity,
      maxRate,
    });
    if (plan.capped)
      log.warn({
        event: 'arrival_rate_capped',
        maxRate,
        reason: production ? 'production (raise with --max-rate)' : '--max-rate',
      });
    mkdirSync(outDir, { recursive: true });
    ensureBuilt();

    const service = target.serviceRoleKey ? { url: target.url, serviceRoleKey: target.serviceRoleKey } : undefined;
    const baseline: RowCounts | undefined = service ? await countRows(service).catch(() => undefined) : undefined;
    const meta: RunMeta = {
      scenario: scenario.name,
      environment: options.environment,
      targetHost: target.host,
      seed,
      gitCommit: gitCommit(),
      generatorVersion: generatorVersion(),
      startedAt: startedAt.toISOString(),
      ensure: ensureConfigFor(scenario.path, options.environment),
    };
    const metaPath = join(outDir, 'run-meta.json');
    writeFileSync(metaPath, `${JSON.stringify(meta, null, 2)}\n`);
    log.info({
      event: 'run_starting',
      scenario: scenario.name,
      environment: options.environment,
      target: target.host,
      seed,
      runId,
      walletSource: target.walletSource,
      wallets: target.walletCapacity ?? 'unbounded',
      plannedSeconds: plan.totalSeconds,
      outDir,
    });

    if (config.run.driveAuctionTick && target.local === undefined && service) {
      tickTimer = setInterval(() => {
        fetch(`${service.url}/rest/v1/rpc/run_auction_tick`, {
          method: 'POST',
          headers: {
            apikey: service.serviceRoleKey,
            authorization: `Bearer ${service.serviceRoleKey}`,
            'content-type': 'application/json',
          },
          body: '{}',
          signal: AbortSignal.timeout(10_000),
        }).catch((error: unknown) =>
          log.warn({ event: 'auction_tick_failed', message: error instanceof Error ? error.message : String(error) }),
        );
      }, config.run.auctionTickIntervalMs);
      tickTimer.unref();
    }

    const args = [
      '-c',
      join(packageRoot(), 'artillery.yml'),
      scenario.path,
      '-e',
      options.environment,
      '-t',
      target.url,
      '-o',
      resultsPath,
    ];
    args.push('--overrides', JSON.stringify({ config: { phases: plan.phases } }));
    if (Object.keys(plan.variables).length > 0) args.push('--variables', JSON.stringify(plan.variables));
    const progress = createProgress({
      scenario: scenario.name,
      plannedSeconds: plan.totalSeconds,
      phaseCount: plan.phases.length,
      log,
      human: process.stdout.isTTY === true,
      write: (line) => process.stdout.write(`${line}\n`),
    });
    const checksFile = join(outDir, 'artillery-checks.json');
    // events go to a file the run owns; SIM_EVENT_LOG=- (the compose default) also streams them to stdout like the legacy worker
    const explicitLog = config.explicit.has('SIM_EVENT_LOG') ? config.run.eventLog : undefined;
    const eventLog =
      explicitLog !== undefined && explicitLog !== '-' ? resolve(explicitLog) : join(outDir, 'events.jsonl');
    const follow = explicitLog === '-' ? followFile(eventLog, (line) => process.stdout.write(`${line}\n`)) : undefined;
    if (options.stack.faults) target.local?.setFaults(options.stack.faults);
    const outcome = await spawnArtillery({
      args,
      env: {
        ...target.env,
        SIM_EVENT_LOG: eventLog,
        SIM_SEED: String(seed),
        SIM_RUN_ID: runId,
        // the players check the production guard again: --confirm-target must reach them too
        ...(options.confirmTarget !== undefined ? { SIM_CONFIRM_TARGET: options.confirmTarget } : {}),
        ARTILLERY_PLUGIN_PATH: pluginDir(),
        ARTILLERY_PLUGINS: JSON.stringify({ rocket: { checksFile } }),
      },
      logFile: join(outDir, 'artillery.log'),
      echo: options.verbose,
      onMessage: (message) => progress.onMessage(message),
      // the phases, plus Artillery's start-up, the longest think time and the request timeout
      deadlineMs: (plan.totalSeconds + 120) * 1000 + config.gameplay.loopIntervalMs * 1.25,
    });
    if (tickTimer) clearInterval(tickTimer);
    follow?.stop();
    target.local?.setFaults(NO_FAULTS);
    if (target.pool) await releaseLeases(target.pool, runId).catch(() => 0);

    const crashed = !existsSync(resultsPath) || ![0, 1, 21].includes(outcome.exitCode);
    if (crashed) {
      log.error({
        event: 'run_crashed',
        exitCode: outcome.exitCode,
        timedOut: outcome.timedOut,
        interrupted: outcome.interrupted,
        log: join(outDir, 'artillery.log'),
      });
      return {
        exitCode: ExitCode.crash,
        outDir,
        resultsPath,
        reportPath: undefined,
        runId,
        seed,
        interrupted: outcome.interrupted,
      };
    }
    const checks: HealthCheckResult[] = service
      ? await runHealthChecks({
          ...service,
          baseline,
          tickIntervalMs:
            target.local?.ticker?.status().intervalMs ??
            (config.run.driveAuctionTick ? config.run.auctionTickIntervalMs : undefined),
        })
      : [
          {
            name: 'health',
            verdict: 'skip',
            summary: 'no service-role key: set SIM_SUPABASE_SERVICE_ROLE_KEY to check the ledger and the scheduler',
          },
        ];
    writeFileSync(metaPath, `${JSON.stringify({ ...meta, endedAt: new Date().toISOString(), checks }, null, 2)}\n`);
    const report: RunReportOutcome = await writeRunReport({
      resultsPath,
      metaPath,
      junitPath: options.junit,
      baselinePath: options.baseline,
    });
    log.info({
      event: 'run_complete',
      verdict: report.verdict,
      report: report.reportPath,
      exitCode: report.passed ? 0 : 1,
      artilleryExitCode: outcome.exitCode,
    });
    const gatesFailed = outcome.exitCode === 1 || !report.passed;
    return {
      exitCode: gatesFailed ? ExitCode.gateFailed : ExitCode.ok,
      outDir,
      resultsPath,
      reportPath: report.reportPath,
      runId,
      seed,
      interrupted: outcome.interrupted,
    };
  } finally {
    if (tickTimer) clearInterval(tickTimer);
    await target?.close();
  }
}
