/**
 * @module Soak benchmark: `rocket-sim run gameplay` at a constant player count against its embedded
 * stack for 15 minutes, sampling the resident memory of the generator (the Artillery child) and of
 * the stack (the rocket-sim process that hosts it) every 5 s, compares the minute before minute 2
 * with the last minute (medians: one sample can land on either side of a garbage collection), then
 * reads the error rate from results.json. Run: `node bench/soak.ts [--minutes M] [--players N] [--keep]`.
 */
import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { packageRoot } from '../src/packageRoot.ts';
import { loadResults } from '../src/report/artilleryResults.ts';
import { summarizeResults } from '../src/report/summarizeResults.ts';
import { childPids } from './lib/childPids.ts';
import { commandLine } from './lib/commandLine.ts';
import { emitFigures, figure, type Figure } from './lib/figure.ts';
import { median } from './lib/median.ts';
import { readProcStat } from './lib/readProcStat.ts';

const TARGET_RSS_GROWTH = 0.1;
const SAMPLE_MS = 5_000;
/** start-up (build, stack, pool) and teardown (report, health checks) on top of the run itself */
const OVERHEAD_S = 300;

const { values: flags } = parseArgs({
  options: {
    minutes: { type: 'string', default: '15' },
    players: { type: 'string', default: '20' },
    keep: { type: 'boolean', default: false },
  },
});
const minutes = Number(flags.minutes);
const players = Number(flags.players);
if (
  !Number.isSafeInteger(minutes) ||
  minutes < 2 ||
  minutes > 240 ||
  !Number.isSafeInteger(players) ||
  players < 1 ||
  players > 200
) {
  console.error('usage: node bench/soak.ts [--minutes 2-240] [--players 1-200] [--keep]');
  process.exit(2);
}
/** "minute 2": early enough to be the baseline, late enough that every player has joined and warmed up */
const earlyS = Math.min(120, (minutes * 60) / 2);
/** the end of the last window, a little before the phases end so both processes are still in steady state */
const lateS = minutes * 60 - 15;
/** each point is the median of the samples in the window that ends at it */
const windowS = Math.min(60, earlyS / 2);

interface Sample {
  /** seconds since the Artillery process appeared */
  t: number;
  generatorRss: number;
  stackRss: number;
}

const root = packageRoot();
const outDir = await mkdtemp(join(tmpdir(), 'rocket-sim-bench-soak-'));
const cliLog = createWriteStream(join(outDir, 'cli.log'));
const cli = spawn(
  process.execPath,
  [
    join(root, 'bin', 'rocket-sim.js'),
    'run',
    'gameplay',
    '--duration',
    String(minutes * 60),
    '--players',
    String(players),
    '--out',
    outDir,
  ],
  { cwd: root, env: { ...process.env, ARTILLERY_DISABLE_TELEMETRY: 'true' }, stdio: ['ignore', 'pipe', 'pipe'] },
);
cli.stdout!.pipe(cliLog);
cli.stderr!.pipe(cliLog);
let exitCode: number | undefined;
const exited = new Promise<number>((resolve) =>
  cli.once('exit', (code, signal) => resolve(code ?? (signal ? 128 : 1))),
);
void exited.then((code) => (exitCode = code));

console.log(
  `soak: rocket-sim run gameplay, ${players} players for ${minutes} min against the embedded stack (PGlite); output ${outDir}`,
);
const deadline = Date.now() + (minutes * 60 + OVERHEAD_S) * 1000;
const samples: Sample[] = [];
let artilleryPid: number | undefined;
let artilleryStart = 0;
while (exitCode === undefined) {
  if (Date.now() > deadline) {
    cli.kill('SIGINT');
    throw new Error(
      `rocket-sim run did not finish within ${minutes * 60 + OVERHEAD_S} s; stopped it (output in ${outDir})`,
    );
  }
  artilleryPid ??= childPids(cli.pid!).find((pid) => commandLine(pid)?.includes('artillery'));
  if (artilleryPid !== undefined) {
    if (artilleryStart === 0) artilleryStart = performance.now();
    const generator = readProcStat(artilleryPid);
    const stack = readProcStat(cli.pid!);
    if (generator && stack) {
      samples.push({
        t: (performance.now() - artilleryStart) / 1000,
        generatorRss: generator.rssBytes,
        stackRss: stack.rssBytes,
      });
    }
  }
  await new Promise((resolve) => setTimeout(resolve, SAMPLE_MS));
}
await new Promise<void>((resolve) => cliLog.end(() => resolve()));

type Pick = (sample: Sample) => number;
/** Median of the samples in the window ending at `endS`; undefined when the run did not get that far. */
function windowMedian(pick: Pick, endS: number): number | undefined {
  const inWindow = samples.filter((sample) => sample.t > endS - windowS && sample.t <= endS);
  return inWindow.length > 0 && samples.some((sample) => sample.t >= endS - SAMPLE_MS / 1000)
    ? median(inWindow.map(pick))
    : undefined;
}

const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;
const growth = (from: number, to: number) => Math.round(((to - from) / from) * 1000) / 1000;
const figures: Figure[] = [];
let summarized = false;
try {
  const generatorPick: Pick = (sample) => sample.generatorRss;
  const stackPick: Pick = (sample) => sample.stackRss;
  const points = [generatorPick, stackPick].map((pick) => ({
    early: windowMedian(pick, earlyS),
    late: windowMedian(pick, lateS),
  }));
  if (points.some((point) => point.early === undefined || point.late === undefined)) {
    throw new Error(
      `rocket-sim run (exit code ${exitCode}) ended before minute ${(lateS / 60).toFixed(1)} of its Artillery run; see ${join(outDir, 'cli.log')}`,
    );
  }
  const [generatorRss, stackRss] = points as [{ early: number; late: number }, { early: number; late: number }];
  const summary = summarizeResults(await loadResults(join(outDir, 'results.json')));
  const unexpected = summary.failures.reduce((sum, row) => sum + row.count, 0);
  const benign = summary.benign.reduce((sum, row) => sum + row.count, 0);
  const peak = (pick: Pick) => Math.max(...samples.map(pick));
  const span = (endS: number) => `min ${((endS - windowS) / 60).toFixed(1)}-${(endS / 60).toFixed(1)}`;

  console.log(
    `  ${'RSS MB (median of the window)'.padEnd(32)} ${span(earlyS).padStart(13)} ${span(lateS).padStart(13)} ${'peak'.padStart(7)} ${'growth'.padStart(8)}`,
  );
  for (const [label, pick, point] of [
    ['generator (Artillery process)', generatorPick, generatorRss],
    ['local stack (rocket-sim process)', stackPick, stackRss],
  ] as const) {
    const g = growth(point.early, point.late);
    console.log(
      `  ${label.padEnd(32)} ${String(mb(point.early)).padStart(13)} ${String(mb(point.late)).padStart(13)} ${String(mb(peak(pick))).padStart(7)} ${`${(g * 100).toFixed(1)} %`.padStart(8)}   target < ${TARGET_RSS_GROWTH * 100} %: ${g < TARGET_RSS_GROWTH ? 'ok' : 'MISSED'}`,
    );
  }
  const trace = (pick: Pick) =>
    Array.from({ length: minutes }, (_, minute) =>
      samples.filter((sample) => sample.t >= minute * 60 && sample.t < (minute + 1) * 60).map(pick),
    )
      .map((values) => (values.length > 0 ? String(Math.round(mb(median(values)))) : '-'))
      .join(' ');
  console.log(`  per-minute median RSS MB, generator: ${trace(generatorPick)}`);
  console.log(`  per-minute median RSS MB, stack:     ${trace(stackPick)}`);
  console.log(
    `  requests ${summary.requests} (${summary.rps.toFixed(1)}/s), ${summary.cycleErrors} cycle errors, ${summary.vusers.failed} failed virtual users`,
  );
  console.log(
    `  unexpected failures ${unexpected} (${summary.failures.map((row) => `${row.name} ${row.count}`).join(', ') || 'none'}), benign rejections ${benign} (${summary.benign.map((row) => `${row.name} ${row.count}`).join(', ') || 'none'})`,
  );
  console.log(`  rocket-sim run exit code ${exitCode}`);

  const rssTarget = { op: '<' as const, value: TARGET_RSS_GROWTH };
  figures.push(
    figure('soak.generator_rss_early_mb', mb(generatorRss.early), 'MB'),
    figure('soak.generator_rss_late_mb', mb(generatorRss.late), 'MB'),
    figure('soak.generator_rss_peak_mb', mb(peak(generatorPick)), 'MB'),
    figure('soak.generator_rss_growth', growth(generatorRss.early, generatorRss.late), 'ratio', rssTarget),
    figure('soak.stack_rss_early_mb', mb(stackRss.early), 'MB'),
    figure('soak.stack_rss_late_mb', mb(stackRss.late), 'MB'),
    figure('soak.stack_rss_peak_mb', mb(peak(stackPick)), 'MB'),
    figure('soak.stack_rss_growth', growth(stackRss.early, stackRss.late), 'ratio', rssTarget),
    figure('soak.requests', summary.requests, 'requests'),
    figure('soak.rps', Math.round(summary.rps * 10) / 10, 'req/s'),
    figure('soak.benign_rejections', benign, 'responses'),
    figure('soak.unexpected_failures', unexpected, 'failures', { op: '<=', value: 0 }),
    figure(
      'soak.error_rate',
      summary.requests > 0 ? Math.round((unexpected / summary.requests) * 1e6) / 1e6 : 0,
      'ratio',
      { op: '<=', value: 0 },
    ),
    figure('soak.failed_vusers', summary.vusers.failed, 'VUs', { op: '<=', value: 0 }),
  );
  summarized = true;
} finally {
  // kept when something went wrong: cli.log, artillery.log and events.jsonl explain it
  if (summarized && !flags.keep) await rm(outDir, { recursive: true, force: true });
}
emitFigures('soak', figures);
process.exitCode = figures.every((f) => f.met !== false) ? 0 : 1;
