/**
 * @module `rocket-sim merge`: one results file, run-meta and report from the runs of workers that
 * ran side by side (Kubernetes pods, several hosts), gated by the scenario's `ensure` config.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { ExitCode, UsageError } from '../../errors/index.ts';
import { loadResults, loadRunMeta, writeFileAtomic, writeRunReport } from '../../report/index.ts';
import { mergedPercentiles, mergeResults } from '../../report/mergeResults.ts';
import { mergeRunMetas } from '../../report/mergeRunMetas.ts';
import { checkInputFile, checkOutputDir, checkOutputFile } from '../checkPaths.ts';
import { stringFlag, type Command } from '../command.ts';
import { printOutcome } from '../printOutcome.ts';
import { GATE_FLAGS_USAGE, gateFlags, gateSourceFromFlags } from './report.ts';

const RUN_META_FILE = 'run-meta.json';

/** A worker's name in the merged report: the directory that holds its results file. */
function workerName(resultsPath: string): string {
  return dirname(resolve(resultsPath)).split(/[\\/]/).at(-1) || resultsPath;
}

/** Refuses a run given twice: the same file, the same content, or the same run id (exit code 2, nothing written). */
function refuseDuplicates(inputs: readonly { path: string; text: string; runId: string | undefined }[]): void {
  const seen = new Map<string, string>();
  for (const input of inputs) {
    const keys = [
      `path ${input.path}`,
      `content ${createHash('sha256').update(input.text).digest('hex')}`,
      ...(input.runId ? [`run id ${input.runId}`] : []),
    ];
    for (const key of keys) {
      const earlier = seen.get(key);
      if (earlier !== undefined) {
        const why = key.startsWith('path')
          ? 'the same file'
          : key.startsWith('content')
            ? 'identical files'
            : `the same run (${key})`;
        throw new UsageError(
          `merge: ${earlier} and ${input.path} are ${why}: each worker's results must be merged once`,
        );
      }
      seen.set(key, input.path);
    }
  }
}

export const mergeCommand: Command = {
  name: 'merge',
  summary: 'Merge the results of workers that ran side by side into one results file, run-meta and report',
  usage: [
    'merge <results.json>... --out DIR [--junit FILE] [--scenario NAME | --config FILE] [-e ENV] [--allow-no-gates]',
    '',
    "Each argument is a worker's results file (its run-meta.json next to it is read when present).",
    'Counters, rates, request counts, min, max and mean add up exactly; percentiles merge exactly from',
    'the sketches rocket-sim run records (DDSketch, 1 % accuracy); results without them (plain Artillery)',
    "merge to the highest worker's percentile, an upper bound, and the report says so. Gates are the",
    "first worker's ensure config, evaluated once on the merged metrics; every worker's health checks are",
    'listed under its directory name. Writes DIR/results.json, DIR/run-meta.json and DIR/report.html.',
    'The same file, identical files or the same run id given twice are refused.',
    GATE_FLAGS_USAGE,
    'Exit codes: 0 passed, 1 the merged run failed, 2 bad input.',
  ].join('\n'),
  options: {
    out: { type: 'string', short: 'o' },
    junit: { type: 'string' },
    ...gateFlags,
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
    for (const path of inputs) checkInputFile(path, 'results file');
    checkOutputDir(outDir, '--out');
    const junitPath = stringFlag(args, 'junit');
    if (junitPath !== undefined) checkOutputFile(junitPath, '--junit');

    const runs = await Promise.all(inputs.map((path) => loadResults(path)));
    const metas = await Promise.all(
      inputs.map(async (path) => {
        const metaPath = join(dirname(path), RUN_META_FILE);
        return { name: workerName(path), meta: existsSync(metaPath) ? await loadRunMeta(metaPath) : undefined };
      }),
    );
    refuseDuplicates(
      await Promise.all(
        inputs.map(async (path, index) => ({
          path,
          text: await readFile(path, 'utf8'),
          runId: metas[index]?.meta?.runId ?? runs[index]?.rocketSim?.runId,
        })),
      ),
    );
    const gates = gateSourceFromFlags(args, metas.find((entry) => entry.meta)?.meta?.environment);
    const merged = mergeResults(runs);
    const mergedMeta = {
      ...mergeRunMetas(metas.map((entry, index) => ({ ...entry, recorded: runs[index]?.rocketSim }))),
      mergedPercentiles: mergedPercentiles(runs),
    };
    const resultsPath = join(outDir, 'results.json');
    const metaPath = join(outDir, RUN_META_FILE);
    await writeFileAtomic(resultsPath, `${JSON.stringify(merged, null, 2)}\n`);
    await writeFileAtomic(metaPath, `${JSON.stringify(mergedMeta, null, 2)}\n`);
    const outcome = await writeRunReport({
      resultsPath,
      metaPath,
      gates,
      allowNoGates: args.values['allow-no-gates'] === true,
      junitPath,
    });
    await writeFileAtomic(metaPath, `${JSON.stringify({ ...mergedMeta, verdict: outcome.verdict }, null, 2)}\n`);

    console.log(
      `merged ${inputs.length} workers: ${merged.aggregate.counters['http.requests'] ?? 0} requests, percentiles: ${mergedMeta.mergedPercentiles}`,
    );
    printOutcome(outcome);
    return outcome.verdict.passed ? ExitCode.ok : ExitCode.gateFailed;
  },
};
