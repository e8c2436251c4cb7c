/**
 * @module One `rocket-sim run`: every input and output checked, the target (embedded stack or
 * remote), phases, Artillery with progress, then post-run health checks, the report and the exit
 * code from the run's one verdict. A stop (interrupt, early-stop rule, deadline) ends Artillery
 * gracefully and the run still gets its results, checks and report.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { SimConfig } from '../../config/index.ts';
import { ExitCode, RunInterruptedError, SimError } from '../../errors/index.ts';
import { createPrng } from '../../gameplay/prng.ts';
import { countRows, runHealthChecks, type HealthCheckResult, type RowCounts } from '../../health/index.ts';
import { NO_FAULTS, type LocalStackOptions } from '../../local/index.ts';
import type { Logger } from '../../log/index.ts';
import { packageRoot } from '../../packageRoot.ts';
import { releaseLeases } from '../../pool/index.ts';
import { withDatabaseGates } from '../../dbwatch/databaseGates.ts';
import { generatorVersion } from '../../report/generatorVersion.ts';
import { loadResults } from '../../report/artilleryResults.ts';
import type { RunMeta } from '../../report/runMeta.ts';
import type { RunStop } from '../../report/runStop.ts';
import type { Verdict } from '../../report/runVerdict.ts';
import { writeFileAtomic } from '../../report/writeFileAtomic.ts';
import { writeRunReport } from '../../report/writeRunReport.ts';
import { checkInputFile, checkOutputDir, checkOutputFile } from '../checkPaths.ts';
import { createAbortOnFail, DEFAULT_GRACE_SECONDS } from './createAbortOnFail.ts';
import { createProgress } from './createProgress.ts';
import type { RunStopper } from './createRunStopper.ts';
import { followFile } from './followFile.ts';
import { publishMetricsPlugins } from './publishMetricsPlugins.ts';
import { planPhases } from './planPhases.ts';
import { playerSetupFailure } from './playerSetupFailure.ts';
import { preflightAuthRateLimits } from './preflightAuthRateLimits.ts';
import { warnRoundGates } from './warnRoundGates.ts';
import { prepareLocalTarget, prepareRemoteTarget, type PreparedTarget } from './prepareTarget.ts';
import { readScenario, type Phase } from './scenarioFiles.ts';
import { scenarioGates } from './scenarioGates.ts';
import { signInFailureStop } from './signInFailureStop.ts';
import { startRunDatabaseWatch, type RunDatabaseWatch } from './startRunDatabaseWatch.ts';
import { startRunDashboard, type RunDashboard } from './startRunDashboard.ts';
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
  /** --strict-preflight: a plan over the project's Auth limits exits 2 instead of warning */
  strictPreflight?: boolean;
  /** --allow-no-gates: a scenario without gates may pass */
  allowNoGates: boolean;
  /** --abort-on-fail: abort when a threshold failed in every window of the grace (also `abortOnFail: true` gates) */
  abortOnFail?: boolean | undefined;
  /** --grace: seconds a watched gate must fail window after window before the run is aborted */
  graceSeconds?: number | undefined;
  verbose: boolean;
  /** the run's phases instead of the scenario's (a capacity plan's steps) */
  phases?: Phase[] | undefined;
  /** variables on top of the plan's (`--variables`) */
  variables?: Record<string, number> | undefined;
  /** a rule over the plugin's messages: a returned reason ends the run where its plan says (a capacity step failed) */
  watch?: ((message: unknown) => string | undefined) | undefined;
  /** after the health checks, before the one verdict and the report: files the verdict reads (capacity.json) */
  beforeReport?:
    | ((run: { outDir: string; resultsPath: string; stop: RunStop | undefined }) => Promise<void>)
    | undefined;
  /** --dashboard PORT (0: any free port) / SIM_DASHBOARD_PORT, --dashboard-host: the live dashboard */
  dashboard?: { port: number; host: string | undefined } | undefined;
}

export interface RunResult {
  exitCode: ExitCode;
  outDir: string;
  resultsPath: string;
  reportPath: string | undefined;
  runId: string;
  seed: number;
  /** set when the run did not run its course */
  stop: RunStop | undefined;
  /** undefined when there was nothing to judge (a crash, an abort) */
  verdict: Verdict | undefined;
}

/** Wallets an env wallet source holds (known before the target is contacted); undefined otherwise. */
const envWalletCount = (config: SimConfig) =>
  config.wallets.source === 'env' && config.wallets.privateKeys.length > 0
    ? config.wallets.privateKeys.length
    : undefined;

/** What a run writes into its directory (besides SIM_EVENT_LOG elsewhere), removed when it stops before the load. */
const RUN_FILES = [
  'run-meta.json',
  'artillery.log',
  'events.jsonl',
  'artillery-checks.json',
  'results.json',
  'database.json',
];

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

/**
 * Checks every file the run reads and every path it writes, and loads the baseline, before anything
 * is started or sent: a typo must not cost a whole load test (exit code 2).
 */
async function checkRunPaths(options: RunOptions, outDir: string, eventLog: string | undefined): Promise<void> {
  checkOutputDir(outDir, '--out');
  if (options.junit !== undefined) checkOutputFile(options.junit, '--junit');
  if (eventLog !== undefined) checkOutputFile(eventLog, 'SIM_EVENT_LOG');
  if (options.baseline !== undefined) {
    checkInputFile(options.baseline, '--baseline');
    await loadResults(options.baseline);
  }
}

/**
 * Runs one scenario end to end. Throws SimErrors for usage/configuration problems before anything is
 * sent, and RunInterruptedError when a stop arrives before Artillery started (nothing sent, nothing
 * of this run left on disk).
 */
export async function runScenario(
  config: SimConfig,
  options: RunOptions,
  log: Logger,
  stopper: RunStopper,
  /** receives what a second interrupt calls to kill the run's Artillery at once */
  onAbortable: (abort: (() => void) | undefined) => void = () => {},
): Promise<RunResult> {
  const read = readScenario(options.scenario);
  const scenario = options.phases ? { ...read, phases: options.phases } : read;
  const seed = options.seed ?? config.seed ?? randomBytes(4).readUInt32BE();
  const startedAt = new Date();
  const runId = config.run.runId ?? `${timestamp(startedAt)}-${scenario.name}-${randomBytes(3).toString('hex')}`;
  const outDir = resolve(options.outDir ?? join('reports', `${timestamp(startedAt)}-${scenario.name}`));
  const resultsPath = join(outDir, 'results.json');
  const metaPath = join(outDir, 'run-meta.json');
  const production = options.environment === 'production';
  const maxRate = options.maxRate ?? (production ? PRODUCTION_MAX_RATE : undefined);
  // events go to a file the run owns; SIM_EVENT_LOG=- (the compose default) also streams them to stdout like the legacy worker
  const explicitLog = config.explicit.has('SIM_EVENT_LOG') ? config.run.eventLog : undefined;
  const eventLog =
    explicitLog !== undefined && explicitLog !== '-' ? resolve(explicitLog) : join(outDir, 'events.jsonl');
  await checkRunPaths(options, outDir, explicitLog !== undefined && explicitLog !== '-' ? eventLog : undefined);
  const publishing = publishMetricsPlugins(config.run.publishMetrics, {
    runId,
    scenario: scenario.name,
    environment: options.environment,
  });
  const plannedPlayers = planPhases(scenario, {
    durationSeconds: options.durationSeconds,
    rate: options.rate,
    players: options.players,
  }).players;
  const outDirExisted = existsSync(outDir);
  /** before Artillery starts, a stop leaves nothing of this run behind */
  const stoppedBeforeLoad = () => {
    if (!stopper.stop) return;
    if (!outDirExisted) rmSync(outDir, { recursive: true, force: true });
    else for (const file of RUN_FILES) rmSync(join(outDir, file), { force: true });
    throw new RunInterruptedError(`interrupted (${stopper.stop.reason}) before the load started: nothing was sent`);
  };

  let target: PreparedTarget | undefined;
  let tickTimer: NodeJS.Timeout | undefined;
  let dbWatch: RunDatabaseWatch | undefined;
  let dashboard: RunDashboard | undefined;
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
            // the project's Auth limits against the plan, once the guard passed and before anything is sent
            preflight: () =>
              preflightAuthRateLimits({
                scenario,
                plan: planPhases(scenario, { ...options, maxRate, walletCapacity: envWalletCount(config) }),
                limits: config.run.authRateLimits,
                strict: options.strictPreflight ? '--strict-preflight' : production ? '-e production' : undefined,
                upperBound:
                  scenario.variables.oncePerWallet === true &&
                  options.players === undefined &&
                  envWalletCount(config) === undefined,
                log,
              }),
          });
    stoppedBeforeLoad();
    const planned = planPhases(scenario, {
      durationSeconds: options.durationSeconds,
      rate: options.rate,
      players: options.players,
      walletCapacity: target.walletCapacity,
      maxRate,
    });
    // a capacity plan's steps keep their own player counts (planPhases gives every phase the peak)
    const plan = options.phases ? { ...planned, phases: options.phases } : planned;
    if (plan.capped)
      log.warn({
        event: 'arrival_rate_capped',
        maxRate,
        reason: production ? 'production (raise with --max-rate)' : '--max-rate',
      });
    ensureBuilt();

    const service = target.serviceRoleKey ? { url: target.url, serviceRoleKey: target.serviceRoleKey } : undefined;
    const baseline: RowCounts | undefined = service ? await countRows(service).catch(() => undefined) : undefined;
    dbWatch = await startRunDatabaseWatch({
      config,
      local: target.local
        ? { databaseUrl: options.stack.databaseUrl, serverTimes: target.local.serverTimes }
        : undefined,
      databaseUrl: options.stack.databaseUrl,
      log,
    });
    const meta: RunMeta = {
      scenario: scenario.name,
      environment: options.environment,
      targetHost: target.host,
      seed,
      gitCommit: gitCommit(),
      generatorVersion: generatorVersion(),
      startedAt: startedAt.toISOString(),
      runId,
      ensure: withDatabaseGates(scenarioGates(scenario.path, options.environment), scenario.name, dbWatch.sampling),
      ...(target.platformLimits ? { platformLimits: target.platformLimits } : {}),
    };
    stoppedBeforeLoad();
    mkdirSync(outDir, { recursive: true });
    await writeFileAtomic(metaPath, `${JSON.stringify(meta, null, 2)}\n`);
    if (options.dashboard) {
      const { totalSeconds: plannedSeconds, phases } = plan;
      const live = { scenario: scenario.name, plannedSeconds, phaseCount: phases.length, ensure: meta.ensure };
      dashboard = await startRunDashboard({ ...options.dashboard, ...live, database: dbWatch });
    }
    log.info({
      event: 'run_starting',
      ...(dashboard ? { dashboardUrl: dashboard.url } : {}),
      scenario: scenario.name,
      environment: options.environment,
      target: target.host,
      seed,
      runId,
      walletSource: target.walletSource,
      wallets: target.walletCapacity ?? 'unbounded',
      plannedSeconds: plan.totalSeconds,
      authRateLimits: target.platformLimits?.authRateLimits,
      auctionCadence: target.local ? (target.local.ticker?.status().cadence ?? 'no ticker') : undefined,
      outDir,
    });
    if (target.local)
      warnRoundGates({
        scenario: scenario.name,
        ensure: meta.ensure,
        ticker: target.local.ticker,
        plannedSeconds: plan.totalSeconds,
        log,
      });
    if (dashboard) log.info({ event: 'dashboard_ready', url: dashboard.url });

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
    const variables = { ...plan.variables, ...options.variables };
    if (Object.keys(variables).length > 0) args.push('--variables', JSON.stringify(variables));
    const human = process.stdout.isTTY === true;
    const progress = createProgress({
      scenario: scenario.name,
      plannedSeconds: plan.totalSeconds,
      phaseCount: plan.phases.length,
      log,
      human,
      write: (line) => process.stdout.write(`${line}\n`),
    });
    const checksFile = join(outDir, 'artillery-checks.json');
    const follow = explicitLog === '-' ? followFile(eventLog, (line) => process.stdout.write(`${line}\n`)) : undefined;
    if (options.stack.faults) target.local?.setFaults(options.stack.faults);
    const abortOnFail = createAbortOnFail(meta.ensure ?? {}, {
      flag: options.abortOnFail === true,
      graceSeconds: options.graceSeconds ?? DEFAULT_GRACE_SECONDS,
    });
    const deadlineMs = (plan.totalSeconds + 120) * 1000 + config.gameplay.loopIntervalMs * 1.25;
    const artillery = spawnArtillery({
      args,
      env: {
        ...target.env,
        SIM_EVENT_LOG: eventLog,
        SIM_SEED: String(seed),
        SIM_RUN_ID: runId,
        // the players check the production guard again: --confirm-target must reach them too
        ...(options.confirmTarget !== undefined ? { SIM_CONFIRM_TARGET: options.confirmTarget } : {}),
        ARTILLERY_PLUGIN_PATH: pluginDir(),
        ARTILLERY_PLUGINS: JSON.stringify({ rocket: { checksFile, scenario: scenario.name, runId }, ...publishing }),
      },
      logFile: join(outDir, 'artillery.log'),
      echo: options.verbose,
      onMessage: (message) => {
        progress.onMessage(message);
        dbWatch?.onMessage(message);
        dashboard?.onMessage(message);
        const reason = signInFailureStop(progress.totals(), plan.players);
        if (reason && !stopper.stop) {
          console.error(`rocket-sim: ${scenario.name}: ${reason}; stopping the run`);
          stopper.request({ kind: 'ended_early', reason });
        }
        const abort = abortOnFail.onMessage(message);
        if (abort && !stopper.stop) {
          console.error(`rocket-sim: ${scenario.name}: ${abort}; aborting the run`);
          stopper.request({ kind: 'aborted', reason: abort });
        }
        const ended = options.watch?.(message);
        if (ended && !stopper.stop) {
          console.error(`rocket-sim: ${scenario.name}: ${ended}; stopping the run`);
          stopper.request({ kind: 'ended_early', reason: ended, planned: true });
        }
      },
      // the phases, plus Artillery's start-up, the longest think time and the request timeout
      deadlineMs,
      onDeadline: () =>
        stopper.request({
          kind: 'ended_early',
          reason: `still running ${Math.round(deadlineMs / 1000 - plan.totalSeconds)} s after its planned ${plan.totalSeconds} s`,
        }),
    });
    onAbortable(() => artillery.abort());
    const unsubscribe = stopper.onStop((stop) => {
      log.warn({ event: 'run_stopping', kind: stop.kind, reason: stop.reason });
      artillery.stop(stop);
    });
    const outcome = await artillery.done.finally(() => {
      unsubscribe();
      onAbortable(undefined);
    });
    if (tickTimer) clearInterval(tickTimer);
    await dbWatch.finish(outDir);
    await dashboard?.close();
    dashboard = undefined;
    follow?.stop();
    target.local?.setFaults(NO_FAULTS);
    if (target.pool) await releaseLeases(target.pool, runId).catch(() => 0);

    const stop = stopper.stop;
    // stopped while Artillery was still starting: it had not sent anything yet
    if (stop && !outcome.started && !existsSync(resultsPath)) stoppedBeforeLoad();
    // a stopped Artillery exits 130/143 after the rocket plugin wrote the results of the time that ran
    const crashed =
      outcome.killed || !existsSync(resultsPath) || (stop === undefined && ![0, 1, 21].includes(outcome.exitCode));
    if (crashed) {
      const setupFailure = playerSetupFailure(join(outDir, 'artillery.log'), outcome.exitCode);
      if (setupFailure) throw setupFailure;
      log.error({
        event: 'run_crashed',
        exitCode: outcome.exitCode,
        killed: outcome.killed,
        stop: stop?.reason,
        log: join(outDir, 'artillery.log'),
      });
      await writeFileAtomic(
        metaPath,
        `${JSON.stringify({ ...meta, endedAt: new Date().toISOString(), ...(stop ? { stop } : {}) }, null, 2)}\n`,
      );
      return {
        exitCode: ExitCode.crash,
        outDir,
        resultsPath,
        reportPath: undefined,
        runId,
        seed,
        stop,
        verdict: undefined,
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
    const ended: RunMeta = { ...meta, endedAt: new Date().toISOString(), checks, ...(stop ? { stop } : {}) };
    await writeFileAtomic(metaPath, `${JSON.stringify(ended, null, 2)}\n`);
    await options.beforeReport?.({ outDir, resultsPath, stop });
    const report = await writeRunReport({
      resultsPath,
      metaPath,
      allowNoGates: options.allowNoGates,
      junitPath: options.junit,
      baselinePath: options.baseline,
    });
    await writeFileAtomic(metaPath, `${JSON.stringify({ ...ended, verdict: report.verdict }, null, 2)}\n`);
    log.info({
      event: 'run_complete',
      verdict: report.verdict.label,
      reasons: report.verdict.reasons.map((reason) => reason.kind),
      report: report.reportPath,
      exitCode: report.verdict.passed ? 0 : 1,
      artilleryExitCode: outcome.exitCode,
    });
    return {
      exitCode: report.verdict.passed ? ExitCode.ok : ExitCode.gateFailed,
      outDir,
      resultsPath,
      reportPath: report.reportPath,
      runId,
      seed,
      stop,
      verdict: report.verdict,
    };
  } finally {
    if (tickTimer) clearInterval(tickTimer);
    await dbWatch?.close();
    await dashboard?.close();
    await target?.close();
  }
}
