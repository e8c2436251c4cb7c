/** @module `rocket-sim report`: the HTML report, gate verdicts and JUnit XML from an Artillery results file. */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ExitCode, UsageError } from '../../errors/index.ts';
import { loadRunMeta } from '../../report/runMeta.ts';
import { writeRunReport, type GateSource } from '../../report/writeRunReport.ts';
import { checkInputFile, checkOutputFile } from '../checkPaths.ts';
import { stringFlag, type Command, type ParsedArgs } from '../command.ts';
import { configFileGates, scenarioGates } from '../run/scenarioGates.ts';
import { readScenario } from '../run/scenarioFiles.ts';
import { printOutcome } from '../printOutcome.ts';
import { compareThresholdFlags, compareThresholdOptions } from './compare.ts';

/** Written by a run next to its results; picked up when --meta is not given. */
const RUN_META_FILE = 'run-meta.json';

/** The flags that name the gates of results files that carry none (report and merge share them). */
export const gateFlags = {
  scenario: { type: 'string' },
  config: { type: 'string' },
  environment: { type: 'string', short: 'e' },
  'allow-no-gates': { type: 'boolean' },
} as const;

export const GATE_FLAGS_USAGE = `Gates come from --scenario NAME (a shipped scenario plus the -e environment's thresholds from
artillery.yml) or --config FILE (any Artillery script's config.plugins.ensure), else from the
run-meta.json of the run, else from what the rocket plugin recorded in the results file. A run
without any gate fails ("no gates found") unless --allow-no-gates; a run that sent no request or
whose every virtual user failed never passes.`;

/** `--scenario` / `--config` as a gate source, for `environment` (-e, else `fallbackEnvironment`, else local). */
export function gateSourceFromFlags(args: ParsedArgs, fallbackEnvironment?: string): GateSource | undefined {
  const scenario = stringFlag(args, 'scenario');
  const config = stringFlag(args, 'config');
  const given = stringFlag(args, 'environment');
  if (scenario !== undefined && config !== undefined) throw new UsageError('give --scenario or --config, not both');
  if (given !== undefined && scenario === undefined && config === undefined) {
    throw new UsageError('-e/--environment chooses the thresholds of --scenario or --config: give one of them');
  }
  const environment = given ?? fallbackEnvironment ?? 'local';
  if (scenario !== undefined) {
    const file = readScenario(scenario);
    return { ensure: scenarioGates(file.path, environment), from: `scenario ${file.name} (-e ${environment})` };
  }
  if (config !== undefined) {
    checkInputFile(config, '--config');
    return { ensure: configFileGates(config, environment), from: `--config ${config} (-e ${environment})` };
  }
  return undefined;
}

export const reportCommand: Command = {
  name: 'report',
  summary: 'Build the HTML report (and JUnit XML) from an Artillery results file; exit 1 when the run failed',
  usage: [
    'report <results.json> [-o report.html] [--baseline baseline.json] [--junit FILE] [--meta run-meta.json]',
    '       [--scenario NAME | --config FILE] [-e ENV] [--allow-no-gates]',
    '       [--max-p95-regression 10%] [--max-error-rate-increase 1pp]',
    '',
    'Writes one self-contained HTML file (default: report.html next to the results). Run details and',
    'health-check results come from --meta, or from run-meta.json next to the results.',
    GATE_FLAGS_USAGE,
    'With --baseline the run is compared with an earlier results file (thresholds as in `compare`).',
    'Exit codes: 0 passed, 1 the run failed (gates, checks, comparison, no gates, no requests), 2 bad input.',
  ].join('\n'),
  options: {
    output: { type: 'string', short: 'o' },
    baseline: { type: 'string' },
    junit: { type: 'string' },
    meta: { type: 'string' },
    ...gateFlags,
    ...compareThresholdOptions,
  },
  positionals: true,
  async run(args) {
    if (args.positionals.length !== 1) {
      throw new UsageError(`report needs exactly one results file (got ${args.positionals.length})`);
    }
    const resultsPath = args.positionals[0] ?? '';
    const baselinePath = stringFlag(args, 'baseline');
    const outputPath = stringFlag(args, 'output');
    const junitPath = stringFlag(args, 'junit');
    const thresholds = compareThresholdFlags(args);
    checkInputFile(resultsPath, 'results file');
    if (baselinePath !== undefined) checkInputFile(baselinePath, '--baseline');
    if (outputPath !== undefined) checkOutputFile(outputPath, '-o/--output');
    else checkOutputFile(join(dirname(resultsPath), 'report.html'), 'report.html beside the results');
    if (junitPath !== undefined) checkOutputFile(junitPath, '--junit');
    const besideResults = join(dirname(resultsPath), RUN_META_FILE);
    const metaPath = stringFlag(args, 'meta') ?? (existsSync(besideResults) ? besideResults : undefined);
    if (!metaPath)
      console.error(`report: no ${RUN_META_FILE} next to ${resultsPath}; run details are shown as unknown`);
    const metaEnvironment = metaPath ? (await loadRunMeta(metaPath)).environment : undefined;

    const outcome = await writeRunReport({
      resultsPath,
      metaPath,
      gates: gateSourceFromFlags(args, metaEnvironment),
      allowNoGates: args.values['allow-no-gates'] === true,
      outputPath,
      junitPath,
      baselinePath,
      thresholds,
    });
    if (outcome.comparison) {
      console.log(
        `baseline: ${outcome.comparison.verdict === 'pass' ? 'no regression' : 'regression'} against ${baselinePath}`,
      );
    }
    printOutcome(outcome);
    return outcome.verdict.passed ? ExitCode.ok : ExitCode.gateFailed;
  },
};
