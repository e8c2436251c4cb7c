/**
 * @module Benchmark of generator sizing: how many concurrent players one generator core sustains,
 * at the legacy pace (45 s cycles) and at the smoke pace (2 s), and the memory per 1,000 players.
 * The real player flow (artillery.yml + the processor, ephemeral wallets) runs against the canned
 * server (its own process) at two player counts per pace; the Artillery process's CPU is sampled
 * from /proc in the steady window after every player joined, its RSS and event-loop delay come from
 * the workers' own rocket.generator.* metrics. Players per core = players / cores used at the larger
 * count (fixed costs included, so conservative); MB per 1,000 players = the RSS growth between the
 * two counts. A run whose generator was saturated (src/capacity/generatorMetrics.ts) is said so.
 * Run: `node bench/players-per-core.ts [--seconds N] [--small N] [--large N]`.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { GENERATOR_METRICS, generatorWindow } from '../src/capacity/generatorMetrics.ts';
import { artilleryBin } from '../src/cli/run/spawnArtillery.ts';
import { packageRoot } from '../src/packageRoot.ts';
import { emitFigures, figure, type Figure } from './lib/figure.ts';
import { readProcStat } from './lib/readProcStat.ts';
import { startCannedServer, type CannedServer } from './lib/startCannedServer.ts';

const SAMPLE_MS = 500;
/** players join over this many seconds; the steady window starts after it plus one loop of spread */
const JOIN_S = 10;

const { values: flags } = parseArgs({
  options: {
    seconds: { type: 'string', default: '50' },
    small: { type: 'string', default: '20' },
    large: { type: 'string', default: '80' },
  },
});
const seconds = Number(flags.seconds);
const small = Number(flags.small);
const large = Number(flags.large);
const valid = (n: number, min: number, max: number) => Number.isSafeInteger(n) && n >= min && n <= max;
if (!valid(seconds, 30, 600) || !valid(small, 1, 5000) || !valid(large, small + 1, 10_000)) {
  console.error('usage: node bench/players-per-core.ts [--seconds 30-600] [--small 1-5000] [--large >small]');
  process.exit(2);
}

const PACES = { legacy: 45_000, smoke: 2_000 } as const;
type Pace = keyof typeof PACES;

interface Sample {
  t: number;
  cpu: number;
}

interface PaceRun {
  players: number;
  /** CPU seconds per wall second of the Artillery process in the steady window (1.0 = one core) */
  cores: number;
  /** highest RSS the workers sampled, MB */
  rssMb: number;
  /** highest per-window median event-loop p99, ms */
  eventLoopP99Ms: number;
  saturatedWindows: number;
  requestsPerSecond: number;
}

const root = packageRoot();

async function runPace(pace: Pace, players: number, canned: CannedServer, dir: string): Promise<PaceRun> {
  await canned.reset();
  const output = join(dir, `${pace}-${players}.json`);
  const phases = [
    { name: 'bench', duration: seconds, arrivalRate: Math.max(1, Math.ceil(players / JOIN_S)), maxVusers: players },
  ];
  const args = [
    '-c',
    join(root, 'artillery.yml'),
    join(root, 'scenarios', 'gameplay.yml'),
    '--overrides',
    JSON.stringify({ config: { phases } }),
    '--variables',
    JSON.stringify({ weightPlayer: 1, loopIntervalMs: PACES[pace], initialSpreadMs: 2000, runSeconds: seconds }),
    '-t',
    canned.url,
    '-o',
    output,
  ];
  const child = spawn(process.execPath, [artilleryBin(), 'run', ...args], {
    cwd: root,
    env: {
      ...process.env,
      ARTILLERY_DISABLE_TELEMETRY: 'true',
      SUPABASE_URL: canned.url,
      SUPABASE_ANON_KEY: 'bench-anon-key',
      SIM_WALLET_SOURCE: 'ephemeral',
      SIM_EVENT_LOG: join(dir, `events-${pace}-${players}.jsonl`),
      SIM_SEED: '1',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString('utf8')).slice(-4000);
  });
  let exitCode: number | undefined;
  child.once('exit', (code) => (exitCode = code ?? 1));
  const started = performance.now() / 1000;
  const deadline = started + seconds * 3 + 120;
  const samples: Sample[] = [];
  while (exitCode === undefined) {
    if (performance.now() / 1000 > deadline) {
      child.kill('SIGKILL');
      throw new Error(`artillery (${pace}, ${players} players) ran past its deadline`);
    }
    const stat = readProcStat(child.pid!);
    if (stat) samples.push({ t: performance.now() / 1000, cpu: stat.cpuSeconds });
    await new Promise((resolve) => setTimeout(resolve, SAMPLE_MS));
  }
  if (exitCode !== 0 && exitCode !== 1) throw new Error(`artillery (${pace}) exited with ${exitCode}: ${stderr}`);
  const results = JSON.parse(await readFile(output, 'utf8')) as {
    aggregate: { counters: Record<string, number> };
    intermediate: { counters: Record<string, number>; summaries: Record<string, Record<string, number>> }[];
  };
  // steady: after Artillery's start-up (~3 s), the joins and one spread; before the phase ends
  const from = started + 3 + JOIN_S + 2;
  const to = started + 3 + seconds - 1;
  const window = samples.filter((sample) => sample.t >= from && sample.t <= to);
  if (window.length < 2) throw new Error(`artillery (${pace}): no steady window in ${samples.length} samples`);
  const judged = results.intermediate.map((w) => generatorWindow(w.summaries));
  const max = (values: (number | null)[]) => Math.max(0, ...values.filter((v): v is number => v !== null));
  const responses = results.intermediate.slice(2, -1).map((w) => w.counters['http.responses'] ?? 0);
  return {
    players,
    cores: (window.at(-1)!.cpu - window[0]!.cpu) / (window.at(-1)!.t - window[0]!.t),
    rssMb: max(results.intermediate.map((w) => w.summaries[GENERATOR_METRICS.rssMb]?.max ?? null)),
    eventLoopP99Ms: max(judged.map((w) => w.eventLoopP99Ms)),
    saturatedWindows: judged.filter((w) => w.saturated).length,
    requestsPerSecond: responses.length === 0 ? 0 : responses.reduce((a, b) => a + b, 0) / (responses.length * 10),
  };
}

const fmt = (value: number, digits = 0) =>
  value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

const build = spawnSync(process.execPath, [join(root, 'scripts', 'build.ts')], {
  cwd: root,
  stdio: ['ignore', 'ignore', 'inherit'],
});
if (build.status !== 0) throw new Error('node scripts/build.ts failed: dist/processor.js would be stale');

const dir = await mkdtemp(join(tmpdir(), 'rocket-sim-bench-players-'));
const canned = await startCannedServer();
const figures: Figure[] = [];
try {
  console.log(
    `players per generator core: ${small} and ${large} players, ${seconds} s each, target ${canned.url} (canned)`,
  );
  for (const pace of Object.keys(PACES) as Pace[]) {
    const runs = [await runPace(pace, small, canned, dir), await runPace(pace, large, canned, dir)];
    for (const run of runs)
      console.log(
        `  ${pace.padEnd(6)} ${String(run.players).padStart(5)} players: ${fmt(run.cores, 3)} cores, ${fmt(run.requestsPerSecond, 1)} req/s, RSS ${fmt(run.rssMb)} MB, event-loop p99 ${fmt(run.eventLoopP99Ms)} ms, ${run.saturatedWindows} saturated windows`,
      );
    const [a, b] = runs as [PaceRun, PaceRun];
    const perCore = b.players / b.cores;
    const mbPer1000 = ((b.rssMb - a.rssMb) / (b.players - a.players)) * 1000;
    console.log(
      `  ${pace}: ${fmt(perCore)} players per core (at ${b.players} players${b.saturatedWindows > 0 ? ', the generator was saturated: a ceiling, not a sustained figure' : ''}), ${fmt(mbPer1000)} MB per 1,000 players`,
    );
    figures.push(
      figure(`players_per_core.${pace}`, Math.round(perCore), 'players'),
      figure(`players_per_core.${pace}_mb_per_1000_players`, Math.round(mbPer1000), 'MB'),
      figure(`players_per_core.${pace}_saturated_windows`, b.saturatedWindows, 'windows'),
    );
  }
} finally {
  await canned.stop();
  await rm(dir, { recursive: true, force: true });
}
emitFigures('players-per-core', figures);
