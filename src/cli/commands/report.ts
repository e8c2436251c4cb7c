/** @module `rocket-sim report`: the HTML report, gate verdicts and JUnit XML from an Artillery results file. */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ExitCode, UsageError } from '../../errors/index.ts';
import { redactString } from '../../log/index.ts';
import { fmt } from '../../report/fmt.ts';
import { writeRunReport } from '../../report/writeRunReport.ts';
import { stringFlag, type Command } from '../command.ts';
import { compareThresholdFlags, compareThresholdOptions } from './compare.ts';

/** Written by a run next to its results; picked up when --meta is not given. */
const RUN_META_FILE = 'run-meta.json';

export const reportCommand: Command = {
  name: 'report',
  summary: 'Build the HTML report (and JUnit XML) from an Artillery results file; exit 1 when the run failed',
  usage: [
    'report <results.json> [-o report.html] [--baseline baseline.json] [--junit FILE] [--meta run-meta.json]',
    '       [--max-p95-regression 10%] [--max-error-rate-increase 1pp]',
    '',
    'Writes one self-contained HTML file (default: report.html next to the results). Run details, the',
    'ensure config and health-check results come from --meta, or from run-meta.json next to the results.',
    'With --baseline the run is compared with an earlier results file (thresholds as in `compare`).',
    'Exit codes: 0 passed, 1 a strict gate, a health check or the comparison failed, 2 bad input.',
  ].join('\n'),
  options: {
    output: { type: 'string', short: 'o' },
    baseline: { type: 'string' },
    junit: { type: 'string' },
    meta: { type: 'string' },
    ...compareThresholdOptions,
  },
  positionals: true,
  async run(args) {
    if (args.positionals.length !== 1) {
      throw new UsageError(`report needs exactly one results file (got ${args.positionals.length})`);
    }
    const resultsPath = args.positionals[0] ?? '';
    const baselinePath = stringFlag(args, 'baseline');
    const thresholds = compareThresholdFlags(args);
    const besideResults = join(dirname(resultsPath), RUN_META_FILE);
    const metaPath = stringFlag(args, 'meta') ?? (existsSync(besideResults) ? besideResults : undefined);
    if (!metaPath)
      console.error(`report: no ${RUN_META_FILE} next to ${resultsPath}; run details are shown as unknown`);

    const outcome = await writeRunReport({
      resultsPath,
      metaPath,
      outputPath: stringFlag(args, 'output'),
      junitPath: stringFlag(args, 'junit'),
      baselinePath,
      thresholds,
    });
    for (const gate of outcome.gates ?? []) {
      console.log(`${gate.passed ? 'ok' : 'fail'}: ${gate.name}${gate.strict ? '' : ' (optional)'}`);
    }
    for (const check of outcome.checks ?? [])
      console.log(redactString(`${check.verdict}: ${check.name}: ${check.summary}`));
    if (outcome.comparison) {
      console.log(
        `baseline: ${outcome.comparison.verdict === 'pass' ? 'no regression' : 'regression'} against ${baselinePath}`,
      );
    }
    console.log(
      `report: ${outcome.reportPath} (${fmt.bytes(outcome.reportBytes)})${outcome.junitPath ? `, JUnit: ${outcome.junitPath}` : ''}`,
    );
    console.log(`verdict: ${outcome.verdict}`);
    return outcome.passed ? ExitCode.ok : ExitCode.gateFailed;
  },
};
