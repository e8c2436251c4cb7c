/**
 * @module `npm run bench`: every benchmark of the project in sequence (report, pool, local-stack,
 * generator, soak), each in its own process, then bench/results.json with every figure and
 * whether it meets its target, and a summary table. The whole run stays under 25 minutes on 2 cores.
 * Run: `node bench/run-all.ts [--skip name,...] [--soak-minutes M] [--out FILE]`.
 */
import { spawn } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { packageRoot } from '../src/packageRoot.ts';
import { writeFileAtomic } from '../src/report/writeFileAtomic.ts';
import { figure, parseFigures, targetText, type Figure } from './lib/figure.ts';
import { figuresOfExistingBench } from './lib/figuresOfExistingBench.ts';

const TARGET_TOTAL_MINUTES = 25;

interface BenchSpec {
  name: string;
  args: string[];
  /** kill the bench after this long */
  timeoutMinutes: number;
}

const { values: flags } = parseArgs({
  options: {
    skip: { type: 'string', default: '' },
    'soak-minutes': { type: 'string', default: '15' },
    out: { type: 'string' },
  },
});
const soakMinutes = Number(flags['soak-minutes']);
if (!Number.isSafeInteger(soakMinutes) || soakMinutes < 2 || soakMinutes > 240) {
  console.error(
    'usage: node bench/run-all.ts [--skip report,pool,local-stack,generator,soak] [--soak-minutes 2-240] [--out FILE]',
  );
  process.exit(2);
}
const root = packageRoot();
const BENCHES: readonly BenchSpec[] = [
  { name: 'report', args: [], timeoutMinutes: 3 },
  { name: 'pool', args: [], timeoutMinutes: 3 },
  { name: 'local-stack', args: [], timeoutMinutes: 8 },
  { name: 'generator', args: [], timeoutMinutes: 10 },
  { name: 'soak', args: ['--minutes', String(soakMinutes)], timeoutMinutes: soakMinutes + 6 },
];
const skipped = new Set(
  flags.skip
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean),
);
const unknown = [...skipped].filter((name) => !BENCHES.some((bench) => bench.name === name));
if (unknown.length > 0) {
  console.error(
    `unknown bench in --skip: ${unknown.join(', ')} (known: ${BENCHES.map((bench) => bench.name).join(', ')})`,
  );
  process.exit(2);
}
const outPath = flags.out ?? join(root, 'bench', 'results.json');

interface BenchOutcome {
  name: string;
  exitCode: number;
  seconds: number;
  /** why no figures were read, when that happened */
  error?: string;
}

/** Runs `node bench/<name>.ts`, echoing its output, and resolves with its stdout and exit code. */
function runBench(spec: BenchSpec): Promise<{ stdout: string; exitCode: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(root, 'bench', `${spec.name}.ts`), ...spec.args], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let stdout = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      stdout += text;
      // the machine-readable line is for us, not for the reader
      process.stdout.write(
        text
          .split('\n')
          .filter((line) => !line.includes('"bench_figures"'))
          .join('\n'),
      );
    });
    const timer = setTimeout(() => {
      console.error(`\n${spec.name}: still running after ${spec.timeoutMinutes} min, stopping it`);
      child.kill('SIGINT');
      setTimeout(() => child.kill('SIGKILL'), 15_000).unref();
    }, spec.timeoutMinutes * 60_000);
    child.once('error', reject);
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ stdout, exitCode: code ?? (signal ? 128 : 1) });
    });
  });
}

const started = performance.now();
const outcomes: BenchOutcome[] = [];
const figures: Figure[] = [];
for (const spec of BENCHES) {
  if (skipped.has(spec.name)) continue;
  console.log(`\n=== ${spec.name} ${'='.repeat(Math.max(3, 70 - spec.name.length))}`);
  const benchStarted = performance.now();
  const { stdout, exitCode } = await runBench(spec);
  const outcome: BenchOutcome = {
    name: spec.name,
    exitCode,
    seconds: Math.round((performance.now() - benchStarted) / 100) / 10,
  };
  try {
    const found =
      spec.name === 'report' || spec.name === 'pool' ? figuresOfExistingBench(spec.name, stdout) : parseFigures(stdout);
    if (found.length === 0) throw new Error('the bench printed no figures');
    figures.push(...found);
  } catch (error) {
    outcome.error = error instanceof Error ? error.message : String(error);
  }
  outcomes.push(outcome);
}
const totalMinutes = (performance.now() - started) / 60_000;
if (skipped.size === 0 && soakMinutes === 15) {
  figures.push(
    figure('bench.total_minutes', Math.round(totalMinutes * 10) / 10, 'min', { op: '<', value: TARGET_TOTAL_MINUTES }),
  );
} else {
  figures.push(figure('bench.total_minutes', Math.round(totalMinutes * 10) / 10, 'min'));
}

const cpu = cpus();
const results = {
  generatedAt: new Date().toISOString(),
  machine: {
    cpus: cpu.length,
    cpuModel: cpu[0]?.model ?? 'unknown',
    memoryGb: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    platform: `${process.platform} ${process.arch}`,
    node: process.version,
  },
  postgres: figures.some((f) => f.name.startsWith('local_stack.postgres.')),
  soakMinutes: skipped.has('soak') ? undefined : soakMinutes,
  totalMinutes: Math.round(totalMinutes * 10) / 10,
  benches: outcomes,
  figures,
};
await writeFileAtomic(outPath, `${JSON.stringify(results, null, 2)}\n`);

const width = Math.max(...figures.map((f) => f.name.length), 10);
console.log(`\n=== summary ${'='.repeat(60)}`);
console.log(`${'figure'.padEnd(width)}  ${'value'.padStart(12)} ${'unit'.padEnd(11)} ${'target'.padEnd(11)} met`);
for (const f of figures) {
  const met = f.met === undefined ? '' : f.met ? 'yes' : 'NO';
  console.log(
    `${f.name.padEnd(width)}  ${String(f.value).padStart(12)} ${f.unit.padEnd(11)} ${targetText(f.target).padEnd(11)} ${met}`,
  );
}
for (const outcome of outcomes) {
  if (outcome.exitCode !== 0 || outcome.error)
    console.log(`${outcome.name}: exit code ${outcome.exitCode}${outcome.error ? `, ${outcome.error}` : ''}`);
}
const missed = figures.filter((f) => f.met === false).length;
console.log(
  `\n${figures.length} figures, ${missed} targets missed, ${outcomes.filter((o) => o.error).length} benches without figures; ${totalMinutes.toFixed(1)} min in all; written to ${outPath}`,
);
process.exitCode = missed === 0 && outcomes.every((o) => !o.error) ? 0 : 1;
