/**
 * @module `rocket-sim merge`: one results file, run-meta and report from the runs of workers that
 * ran side by side (Kubernetes pods, several hosts), gated by the scenario's `ensure` config.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { ExitCode, UsageError } from '../../errors/index.ts';
import { redactString } from '../../log/index.ts';
import { loadResults, loadRunMeta, writeFileAtomic, writeRunReport } from '../../report/index.ts';
import { mergeResults } from '../../report/mergeResults.ts';
import { mergeRunMetas } from '../../report/mergeRunMetas.ts';
import { stringFlag, type Command } from '../command.ts';

const RUN_META_FILE = 'run-meta.json';

/** A worker's name in the merged report: the directory that holds its results file. */
function workerName(resultsPath: string): string {
  return dirname(resolve(resultsPath)).split(/[\\/]/).at(-1) || resultsPath;
}

export const mergeCommand: Command = {
  name: 'merge',
  summary: 'Merge the results of workers that ran side by side into one results file, run-meta and report',
  usage: [
    'merge <results.json>... --out DIR [--junit FILE]',
    '',
    "Each argument is a worker's results file (its run-meta.json next to it is read when present).",
    'Counters, rates, request counts, min, max and mean add up exactly; a merged percentile is the',
    "highest of the workers' (an upper bound: percentiles cannot be merged from summaries). Gates are",
    "the first worker's ensure config evaluated on the merged totals; every worker's health checks are",
    'listed under its directory name. Writes DIR/results.json, DIR/run-meta.json and DIR/report.html.',
    'Exit codes: 0 passed, 1 a strict gate or a health check failed, 2 bad input.',
  ].join('\n'),
  options: {
    out: { type: 'string', short: 'o' },
    junit: { type: 'string' },
  },
  positionals: true,
  async run(args) {
    if (args.positionals.length === 0) throw new UsageError('merge needs at least one results file');
    const out = stringFlag(args, 'out');
    if (out === undefined) throw new UsageError('merge needs --out DIR (where the merged results and report go)');
    const inputs = args.positionals.map((path) => resolve(path));
    const outDir = resolve(out);
    if (inputs.some((path) => dirname(path) === outDir))
      throw new UsageError('--out must not be the directory of one of the inputs');

    const runs = await Promise.all(inputs.map((path) => loadResults(path)));
    const metas = await Promise.all(
      inputs.map(async (path) => {
        const metaPath = join(dirname(path), RUN_META_FILE);
        return { name: workerName(path), meta: existsSync(metaPath) ? await loadRunMeta(metaPath) : undefined };
      }),
    );
    const merged = mergeResults(runs);
    const resultsPath = join(outDir, 'results.json');
    const metaPath = join(outDir, RUN_META_FILE);
    await writeFileAtomic(resultsPath, `${JSON.stringify(merged, null, 2)}\n`);
    await writeFileAtomic(metaPath, `${JSON.stringify(mergeRunMetas(metas), null, 2)}\n`);
    const outcome = await writeRunReport({ resultsPath, metaPath, junitPath: stringFlag(args, 'junit') });

    console.log(`merged ${inputs.length} workers: ${merged.aggregate.counters['http.requests'] ?? 0} requests`);
    for (const gate of outcome.gates ?? [])
      console.log(`${gate.passed ? 'ok' : 'fail'}: ${gate.name}${gate.strict ? '' : ' (optional)'}`);
    for (const check of outcome.checks ?? [])
      console.log(redactString(`${check.verdict}: ${check.name}: ${check.summary}`));
    console.log(`report: ${outcome.reportPath}`);
    console.log(`verdict: ${outcome.verdict}`);
    return outcome.passed ? ExitCode.ok : ExitCode.gateFailed;
  },
};
