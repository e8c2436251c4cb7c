/** @module `rocket-sim health`: the post-run health checks against a target, as a table, JSON or JUnit. */
import { loadSimConfig, requireServiceKey, type Env } from '../../config/index.ts';
import { ConfigError, ExitCode } from '../../errors/index.ts';
import { formatHealthTable, HEALTH_CHECK_DEFAULTS, runHealthChecks } from '../../health/index.ts';
import { redactString } from '../../log/index.ts';
import { junit } from '../../report/junit.ts';
import { writeFileAtomic } from '../../report/writeFileAtomic.ts';
import { durationFlagMs, integerFlag, stringFlag, targetFlag, type Command } from '../command.ts';

/** Where the command reads configuration and writes output; tests replace it. */
export interface HealthCommandIo {
  /** environment for loadSimConfig (default: the process environment) */
  env?: Env;
  /** the table or JSON document (default: process.stdout) */
  print?: (text: string) => void;
  fetch?: typeof fetch;
}

/** The `health` command with configuration and output taken from `io`. */
export function createHealthCommand(io: HealthCommandIo = {}): Command {
  return {
    name: 'health',
    summary: 'Check the target after a run: FLUX ledger reconciliation, auction invariants, scheduler lag, row counts',
    usage: `rocket-sim health [--target URL] [--json] [--tick-interval 60s] [--junit FILE] [--max-rows 20]
       [--read-only] [--request-timeout 5s]

Reads the operational views and tables with SIM_SUPABASE_SERVICE_ROLE_KEY through PostgREST
(SUPABASE_URL, or --target). Writes nothing except the snapshot rows of run_flux_reconciliation()
(what ops runs daily); --read-only skips that call. --tick-interval is how often the auction tick
runs on the target (the scheduler checks' tolerance). Exit codes: 0 all checks passed or skipped,
1 a check failed, 2 configuration error, 3 target unreachable (5 s per request).`,
    options: {
      target: { type: 'string' },
      json: { type: 'boolean' },
      'tick-interval': { type: 'string' },
      junit: { type: 'string' },
      'max-rows': { type: 'string' },
      'read-only': { type: 'boolean' },
      'request-timeout': { type: 'string' },
    },
    async run(args) {
      const target = targetFlag(args, 'https://<project>.supabase.co');
      const tickIntervalMs = durationFlagMs(args, 'tick-interval') ?? HEALTH_CHECK_DEFAULTS.tickIntervalMs;
      const requestTimeoutMs = durationFlagMs(args, 'request-timeout') ?? HEALTH_CHECK_DEFAULTS.requestTimeoutMs;
      const maxRows = integerFlag(args, 'max-rows', 0, 1000) ?? HEALTH_CHECK_DEFAULTS.maxRows;
      const junitPath = stringFlag(args, 'junit');
      const config = loadSimConfig(io.env);
      const url = target ?? config.target.url;
      if (!url)
        throw new ConfigError(
          'SUPABASE_URL',
          'is required (or VITE_SUPABASE_URL, or --target URL): the project to check',
        );
      const serviceRoleKey = requireServiceKey(
        config,
        'for rocket-sim health: the views, the ledger and run_flux_reconciliation are service-role only',
      );

      const checks = await runHealthChecks({
        url,
        serviceRoleKey,
        tickIntervalMs,
        maxRows,
        requestTimeoutMs,
        reconcile: args.values['read-only'] !== true,
        ...(io.fetch ? { fetch: io.fetch } : {}),
      });
      const host = new URL(url).host;
      const passed = !checks.some((check) => check.verdict === 'fail');
      if (junitPath) await writeFileAtomic(junitPath, junit({ checks }));
      const print = io.print ?? ((text: string) => void process.stdout.write(text));
      if (args.values.json) {
        print(
          `${redactString(JSON.stringify({ target: host, verdict: passed ? 'pass' : 'fail', checks }, null, 2))}\n`,
        );
      } else {
        print(formatHealthTable(checks, host));
        if (junitPath) print(`JUnit: ${junitPath}\n`);
      }
      return passed ? ExitCode.ok : ExitCode.gateFailed;
    },
  };
}

export const healthCommand: Command = createHealthCommand();
