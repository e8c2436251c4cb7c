/** @module `rocket-sim run <scenario>`: a load test with report, gates and post-run checks. */
import { loadSimConfig } from '../../config/index.ts';
import { parseDurationMs } from '../../config/parseDuration.ts';
import { ExitCode, UsageError } from '../../errors/index.ts';
import { parseFaultSpec } from '../../local/index.ts';
import { createLogger } from '../../log/index.ts';
import { integerFlag, stringFlag, targetFlag, type Command, type ParsedArgs } from '../command.ts';
import { createRunStopper } from '../run/createRunStopper.ts';
import { runCapacity, type CapacityOptions } from '../run/runCapacity.ts';
import { runScenario, type Environment, type RunOptions } from '../run/runScenario.ts';
import { scenarioNames } from '../run/scenarioFiles.ts';
import { localStackFlags, localStackOptionsFromArgs } from './local.ts';
import { poolCommands } from './pool.ts';
import { selfTestCommand } from './selfTest.ts';

const ENVIRONMENTS: readonly Environment[] = ['local', 'staging', 'production'];
/** What `rocket-sim run chaos` injects into the embedded stack unless --faults says otherwise. */
const DEFAULT_CHAOS_FAULTS = '5xx=0.05,reset=0.02,latency=200ms@0.1';

/** `--grace`: how long a watched gate must fail before --abort-on-fail ends the run, 0 s to one hour. */
function graceSeconds(args: ParsedArgs): number | undefined {
  const raw = stringFlag(args, 'grace');
  if (raw === undefined) return undefined;
  const ms = parseDurationMs(raw);
  if (ms === undefined || ms % 1000 !== 0 || ms > 3_600_000)
    throw new UsageError(`--grace must be whole seconds (or 30s, 2m) up to one hour (got "${raw}")`);
  return ms / 1000;
}

const CAPACITY_FLAGS = ['from', 'to', 'step-duration', 'model'] as const;

/** The capacity plan of `run capacity` (defaults: 5 to 40 players, 60-s steps); its flags on another scenario are a usage error. */
function capacityOptions(args: ParsedArgs, scenario: string): CapacityOptions | undefined {
  if (scenario !== 'capacity') {
    const given = CAPACITY_FLAGS.find((flag) => args.values[flag] !== undefined);
    if (given) throw new UsageError(`--${given} is a flag of \`rocket-sim run capacity\` (not of ${scenario})`);
    return undefined;
  }
  const model = stringFlag(args, 'model') ?? 'players';
  if (model !== 'players' && model !== 'arrivals')
    throw new UsageError(`--model must be players or arrivals (got "${model}")`);
  const from = integerFlag(args, 'from', 1, 100_000) ?? 5;
  const to = integerFlag(args, 'to', 1, 100_000) ?? Math.max(from, 40);
  if (to < from) throw new UsageError(`--to (${to}) must be at least --from (${from})`);
  const raw = stringFlag(args, 'step-duration');
  const ms = raw === undefined ? 60_000 : parseDurationMs(raw);
  // a step's judged part (after the first third) must hold one whole 10-s window
  if (ms === undefined || ms % 1000 !== 0 || ms < 30_000 || ms > 3_600_000)
    throw new UsageError(`--step-duration must be whole seconds (or 30s, 2m) from 30 s to one hour (got "${raw}")`);
  return { from, to, stepSeconds: ms / 1000, model };
}

/** `--duration`: whole seconds between 1 and one year, written as 300, 90s, 15m or 2h. */
function durationSeconds(args: ParsedArgs): number | undefined {
  const raw = stringFlag(args, 'duration');
  if (raw === undefined) return undefined;
  const ms = parseDurationMs(raw);
  if (ms === undefined || ms % 1000 !== 0 || ms < 1000 || ms > 31_536_000_000)
    throw new UsageError(`--duration must be seconds (or 90s, 15m, 2h) between 1 and one year (got "${raw}")`);
  return ms / 1000;
}

/** `--dashboard PORT` (else SIM_DASHBOARD_PORT) and `--dashboard-host HOST`: the live dashboard, when asked for. */
function dashboardOption(
  args: ParsedArgs,
  fromEnv: { port: number | undefined; host: string | undefined },
): RunOptions['dashboard'] {
  const port = integerFlag(args, 'dashboard', 0, 65_535) ?? fromEnv.port;
  const host = stringFlag(args, 'dashboard-host') ?? fromEnv.host;
  if (host !== undefined && port === undefined)
    throw new UsageError('--dashboard-host needs --dashboard PORT (or SIM_DASHBOARD_PORT)');
  if (host !== undefined && !/^[A-Za-z0-9.:-]+$/.test(host))
    throw new UsageError(`--dashboard-host must be a host name or IP address to listen on (got "${host}")`);
  return port === undefined ? undefined : { port, host };
}

export const runCommand: Command = {
  name: 'run',
  summary:
    'Run a load-test scenario (default target: the embedded local stack) and write results, events and report.html',
  usage: `rocket-sim run <scenario> [-e local|staging|production] [--target URL] [--duration S] [--rate N]
       [--players N] [--max-rate N] [--out DIR] [--seed N] [--confirm-target HOST] [--junit FILE]
       [--baseline results.json] [--allow-no-gates] [--abort-on-fail [--grace 30s]] [--strict-preflight]
       [--dashboard [PORT] [--dashboard-host HOST]] [--verbose] [local stack flags: --database-url --faults ...]
       rocket-sim run capacity [--from N] [--to N] [--step-duration 60s] [--model players|arrivals] [...]

Scenarios: ${scenarioNames().join(', ')}.
-e local (default) starts the embedded stack with a fast auction cadence and economy and seeds a
small managed wallet pool; --target points at a running stack or project instead. Writes
results.json, events.jsonl, artillery.log, run-meta.json, database.json and report.html to
reports/<time>-<scenario>/. --database-url with the embedded stack is its PostgreSQL backend, sampled
beside the load; with --target or -e staging/production it is the target's database, only read
(also SIM_DATABASE_URL; docs/database.md).
Against a remote target a pre-flight compares the planned web3 sign-ins and refreshes per source IP
with the project's Auth limits (SIM_AUTH_RATE_LIMITS, default hosted) and warns, or exits 2 with
--strict-preflight or -e production.
Without --duration, soak runs one-hour chunks until stopped. Ctrl-C or SIGTERM stop the run and
still write its results, health checks and report (marked interrupted); a second Ctrl-C aborts.
--abort-on-fail ends the run (results, checks, report, exit 1 "aborted: ...") once an ensure
threshold has failed in every 10-s window of the grace period (default 30s); a threshold or
condition with abortOnFail: true in the scenario does so without the flag.
run capacity grows the load x1.5 per step from --from (default 5) to --to (default 40), judges each
step after its warm-up (the first third) by the latency thresholds, the failure rate and the
generator's saturation, stops at the first step that does not pass and writes capacity.json
(exit 0 with a figure, 1 without one).
--dashboard [PORT] (none or 0: any free port; also SIM_DASHBOARD_PORT) serves a live page of the run's charts,
phase, players, failures and gates on 127.0.0.1 (its URL in the dashboard_ready event);
--dashboard-host listens elsewhere and then requires the token in that URL.
Exit codes: 0 passed, 1 the run failed (a gate or health check, no request, every virtual user
failed, ended early, aborted), 2 usage or configuration error (nothing sent), 3 target unreachable or crash,
130 interrupted before the load started or aborted.`,
  options: {
    environment: { type: 'string', short: 'e' },
    target: { type: 'string', short: 't' },
    duration: { type: 'string' },
    rate: { type: 'string' },
    players: { type: 'string' },
    'max-rate': { type: 'string' },
    out: { type: 'string' },
    seed: { type: 'string' },
    'confirm-target': { type: 'string' },
    junit: { type: 'string' },
    baseline: { type: 'string' },
    'allow-no-gates': { type: 'boolean' },
    'abort-on-fail': { type: 'boolean' },
    grace: { type: 'string' },
    'strict-preflight': { type: 'boolean' },
    from: { type: 'string' },
    to: { type: 'string' },
    'step-duration': { type: 'string' },
    model: { type: 'string' },
    dashboard: { type: 'string' },
    'dashboard-host': { type: 'string' },
    verbose: { type: 'boolean' },
    ...localStackFlags,
  },
  positionals: true,
  optionalNumbers: { dashboard: '0' },
  async run(args) {
    const config = loadSimConfig();
    if (config.modes.selfTest) return selfTestCommand.run({ values: {}, positionals: [] });
    if (config.modes.bootstrapOnly)
      return poolCommands.find((command) => command.name === 'pool bootstrap')!.run({ values: {}, positionals: [] });
    if (args.positionals.length > 1) throw new UsageError(`run takes one scenario (got ${args.positionals.join(' ')})`);
    const scenario = config.modes.runOnce ? 'once' : args.positionals[0];
    if (scenario === undefined) throw new UsageError(`run needs a scenario: ${scenarioNames().join(', ')}`);

    const environment = (stringFlag(args, 'environment') ?? 'local') as Environment;
    if (!ENVIRONMENTS.includes(environment)) {
      throw new UsageError(
        `-e/--environment: unknown environment "${environment}"; choose one of: ${ENVIRONMENTS.join(', ')}`,
      );
    }
    const targetUrl = targetFlag(args, 'http://127.0.0.1:54321');
    if (config.modes.dryRun && (environment !== 'local' || targetUrl !== undefined)) {
      throw new UsageError('SIM_DRY_RUN=true runs against the embedded local stack: drop -e/--target');
    }
    const stack = localStackOptionsFromArgs(args, { databaseUrlFromEnv: false });
    if (scenario === 'chaos' && stack.faults === undefined && environment === 'local' && targetUrl === undefined) {
      stack.faults = parseFaultSpec(DEFAULT_CHAOS_FAULTS);
    }
    const options: RunOptions = {
      scenario,
      environment,
      targetUrl,
      durationSeconds: durationSeconds(args),
      rate: integerFlag(args, 'rate', 1, 100_000),
      players: integerFlag(args, 'players', 1, 1_000_000),
      maxRate: integerFlag(args, 'max-rate', 1, 100_000),
      outDir: stringFlag(args, 'out'),
      seed: integerFlag(args, 'seed', 0, 0xffff_ffff),
      confirmTarget: stringFlag(args, 'confirm-target'),
      stack,
      junit: stringFlag(args, 'junit'),
      baseline: stringFlag(args, 'baseline'),
      allowNoGates: args.values['allow-no-gates'] === true,
      abortOnFail: args.values['abort-on-fail'] === true,
      graceSeconds: graceSeconds(args),
      strictPreflight: args.values['strict-preflight'] === true,
      verbose: args.values.verbose === true,
      dashboard: dashboardOption(args, { port: config.run.dashboardPort, host: config.run.dashboardHost }),
    };
    const capacity = capacityOptions(args, scenario);
    const human = process.stdout.isTTY === true;
    const log = createLogger({ destination: human ? 'stderr' : 'stdout', level: human ? 'warn' : config.run.logLevel });

    // Ctrl-C / SIGTERM end the run gracefully (results, checks, report); a second one aborts at once
    let abortRun: (() => void) | undefined;
    const stopper = createRunStopper({
      say: (line) => console.error(line),
      abort: () => {
        abortRun?.();
        process.exit(ExitCode.interrupted);
      },
    });
    try {
      // soak without a duration: one-hour chunks (Artillery keeps every window in memory) until stopped;
      // every finished chunk keeps its own report directory
      const chunked = scenario === 'soak' && options.durationSeconds === undefined;
      for (;;) {
        const onAbortable = (abort: (() => void) | undefined) => (abortRun = abort);
        const result = capacity
          ? await runCapacity(config, options, capacity, log, stopper, onAbortable)
          : await runScenario(config, options, log, stopper, onAbortable);
        const verdict = result.verdict?.label ?? (result.exitCode === ExitCode.crash ? 'CRASHED' : 'failed');
        if (human) console.log(`${scenario}: ${verdict} · seed ${result.seed} · ${result.reportPath ?? result.outDir}`);
        // a stop during the health checks or the report of a chunk ends the soak after that chunk
        if (!chunked || result.stop || stopper.stop || result.exitCode === ExitCode.crash) return result.exitCode;
        options.outDir = undefined;
      }
    } finally {
      stopper.dispose();
    }
  },
};
