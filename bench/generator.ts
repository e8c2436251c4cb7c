/**
 * @module Benchmark of the load generator: CPU seconds the Artillery process spends per 1,000
 * requests running the real player flow (artillery.yml + scenarios/gameplay.yml + the processor)
 * versus a bare flow sending the same requests with fixed bodies and no processor, both against a
 * canned-response server in its own process; plus SIWE sign-ins per CPU second on one thread.
 * Run: `node bench/generator.ts [--rate N] [--seconds N] [--cycles N] [--rounds N] [--signins N]`.
 */
import { spawn, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { parse } from 'yaml';
import { randomNonce } from '../src/auth/randomNonce.ts';
import { web3SignInBody } from '../src/auth/web3SignInBody.ts';
import { accountFor } from '../src/wallets/accountFor.ts';
import { nativeSecp256k1 } from '../src/wallets/nativeSecp256k1.ts';
import { artilleryBin } from '../src/cli/run/spawnArtillery.ts';
import { faucetMessage } from '../src/gameplay/faucetMessage.ts';
import { packageRoot } from '../src/packageRoot.ts';
import { emitFigures, figure, type Figure } from './lib/figure.ts';
import { median } from './lib/median.ts';
import { readProcStat } from './lib/readProcStat.ts';
import { startCannedServer, type CannedServer } from './lib/startCannedServer.ts';

const TARGET_CPU_RATIO = 1.25;
const TARGET_SIGNINS = 2000;
/** the request mix of the two flows may differ by this share of requests per virtual user */
const TARGET_MIX_DEVIATION = 0.1;
const SAMPLE_MS = 500;
/** CPU of Artillery's start-up (loading, bundling, worker start) is left out of the window */
const WARMUP_S = 2;
const SIGNIN_DEADLINE_MS = 10_000;

const { values: flags } = parseArgs({
  options: {
    rate: { type: 'string', default: '2' },
    seconds: { type: 'string', default: '15' },
    cycles: { type: 'string', default: '40' },
    rounds: { type: 'string', default: '7' },
    signins: { type: 'string', default: '3000' },
  },
});
const rate = Number(flags.rate);
const seconds = Number(flags.seconds);
const cycles = Number(flags.cycles);
const rounds = Number(flags.rounds);
const signins = Number(flags.signins);
const valid = (n: number, max: number) => Number.isSafeInteger(n) && n >= 1 && n <= max;
if (
  !valid(rate, 39) ||
  !valid(seconds, 600) ||
  !valid(cycles, 1000) ||
  cycles % 2 !== 0 ||
  !valid(rounds, 20) ||
  !valid(signins, 1_000_000) ||
  seconds <= WARMUP_S + 2
) {
  console.error(
    'usage: node bench/generator.ts [--rate 1-39] [--seconds 5-600] [--cycles even 2-1000] [--rounds 1-20] [--signins 1-1000000]',
  );
  process.exit(2);
}

const root = packageRoot();
// a fixed, throw-away key: the bare flow's bodies are signed once, ahead of time; the account is the
// players' own (libsecp256k1 when its binding loads)
const account = accountFor('0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d');
const SIWE = { domain: 'o.finality.dev', uri: 'https://o.finality.dev/', chainId: 1 } as const;

/** SIWE sign-ins per CPU second on this thread: build + sign the legacy message, nothing else. */
async function signInRate(): Promise<{ perCpuSecond: number; perWallSecond: number; done: number }> {
  for (let i = 0; i < 50; i++) await web3SignInBody(account, { ...SIWE, nonce: randomNonce(), issuedAt: new Date() });
  const cpu = process.cpuUsage();
  const started = performance.now();
  let done = 0;
  while (done < signins && performance.now() - started < SIGNIN_DEADLINE_MS) {
    await web3SignInBody(account, { ...SIWE, nonce: randomNonce(), issuedAt: new Date() });
    done += 1;
  }
  const wallMs = performance.now() - started;
  const used = process.cpuUsage(cpu);
  return { perCpuSecond: done / ((used.user + used.system) / 1e6), perWallSecond: done / (wallMs / 1000), done };
}

/** The bare flow: the player flow's requests with fixed bodies, for the same number of cycles. */
async function writeBareScript(dir: string): Promise<string> {
  const shared = parse(await readFile(join(root, 'artillery.yml'), 'utf8')) as {
    config: { http?: unknown; plugins?: unknown };
  };
  const wallet = account.address.toLowerCase();
  const now = new Date();
  const signIn = await web3SignInBody(account, { ...SIWE, nonce: randomNonce(), issuedAt: now });
  const nonce = randomUUID();
  const claim = faucetMessage({ wallet, amount: 20, cooldownSeconds: 86400, chainId: 1, nonce, issuedAt: now });
  const base = {
    p_wallet_address: wallet,
    p_whitelist_bonus_amount: 0,
    p_client_timestamp: now.toISOString(),
    p_user_agent: 'rocket-sim/bench',
  };
  const headers = {
    apikey: 'bench-anon-key',
    authorization: 'Bearer bench-access-token',
    'x-client-info': 'rocket-sim',
  };
  const post = (name: string, path: string, json: unknown) => ({ post: { name, url: path, headers, json } });
  const rpc = (name: string, json: unknown) => post(`rpc_${name}`, `/rest/v1/rpc/${name}`, json);
  const cycle = (second: boolean) => [
    rpc('sync_wallet_flux_balance', base),
    rpc('open_mystery_box', {
      ...base,
      p_box_tier_id: 'rare',
      p_idempotency_key: `box:${wallet}:rare:${randomUUID()}`,
    }),
    rpc('get_active_auction', {}),
    ...(second
      ? [
          rpc('place_auction_bid', {
            ...base,
            p_round_id: 1,
            p_amount: 11.87,
            p_idempotency_key: `bid:${wallet}:1:0:11.87`,
          }),
        ]
      : [
          rpc('get_user_inventory', { p_wallet_address: wallet }),
          rpc('submit_auction_item', {
            p_wallet_address: wallet,
            p_part_id: randomUUID(),
            p_client_timestamp: now.toISOString(),
            p_user_agent: 'rocket-sim/bench',
          }),
        ]),
  ];
  const script = {
    config: { http: shared.config.http, plugins: shared.config.plugins },
    scenarios: [
      {
        name: 'bare',
        flow: [
          post('auth_web3', '/auth/v1/token?grant_type=web3', signIn),
          { get: { name: 'auth_user', url: '/auth/v1/user', headers } },
          rpc('record_flux_faucet_claim', {
            ...base,
            p_claim_amount: 20,
            p_claim_window_seconds: 86400,
            p_settlement_kind: 'offchain_message',
            p_settlement_status: 'confirmed',
            p_signed_message: claim,
            p_signature: await account.signMessage({ message: claim }),
            p_message_nonce: nonce,
            p_chain_id: 1,
            p_idempotency_key: `faucet:${wallet}:${nonce}`,
          }),
          { loop: [...cycle(false), ...cycle(true)], count: cycles / 2 },
        ],
      },
    ],
  };
  const path = join(dir, 'bare.yml');
  // JSON is YAML
  await writeFile(path, JSON.stringify(script, null, 2));
  return path;
}

type Flow = 'processor' | 'bare';

interface Sample {
  t: number;
  cpu: number;
  requests: number;
}

interface FlowRun {
  flow: Flow;
  /** CPU seconds per 1,000 requests in the steady window */
  cpuPer1000: number;
  /** requests/s in the steady window */
  rps: number;
  /** CPU seconds per wall second of the Artillery process in the steady window (1.0 = one core busy) */
  cores: number;
  /** whole process, start-up and teardown included */
  totalCpu: number;
  counts: Record<string, number>;
  vusers: number;
  failedVusers: number;
}

const total = (counts: Record<string, number>) => Object.values(counts).reduce((sum, n) => sum + n, 0);

/** Runs one flow against the canned server, sampling the Artillery process's CPU until it exits. */
async function runFlow(flow: Flow, canned: CannedServer, dir: string, bareScript: string): Promise<FlowRun> {
  await canned.reset();
  const output = join(dir, `${flow}-${Date.now()}.json`);
  const phases = [{ name: 'bench', duration: seconds, arrivalRate: rate }];
  const args =
    flow === 'processor'
      ? [
          '-c',
          join(root, 'artillery.yml'),
          join(root, 'scenarios', 'gameplay.yml'),
          '--overrides',
          JSON.stringify({ config: { phases } }),
          '--variables',
          JSON.stringify({
            weightPlayer: 1,
            loopIntervalMs: 0,
            initialSpreadMs: 0,
            runSeconds: 3600,
            cyclesPerPlayer: cycles,
            maxBoxOpensPerCycle: 1,
            boxOpenProbability: 1,
            submitProbability: 1,
            maxBidAttemptsPerCycle: 1,
            bidAttemptProbability: 1,
          }),
        ]
      : [bareScript, '--overrides', JSON.stringify({ config: { phases } })];
  const child = spawn(process.execPath, [artilleryBin(), 'run', ...args, '-t', canned.url, '-o', output], {
    cwd: root,
    env: {
      ...process.env,
      ARTILLERY_DISABLE_TELEMETRY: 'true',
      SUPABASE_URL: canned.url,
      SUPABASE_ANON_KEY: 'bench-anon-key',
      SIM_WALLET_SOURCE: 'ephemeral',
      SIM_EVENT_LOG: join(dir, `events-${flow}.jsonl`),
      SIM_SEED: '1',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString('utf8')).slice(-4000);
  });
  const exited = new Promise<number>((resolve) => child.once('exit', (code) => resolve(code ?? 1)));
  const samples: Sample[] = [];
  // generous: on a starved machine the virtual users finish their cycles well after the phase
  const deadlineS = seconds * 4 + 120;
  const deadline = Date.now() + deadlineS * 1000;
  let exitCode: number | undefined;
  void exited.then((code) => (exitCode = code));
  while (exitCode === undefined) {
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(
        `artillery (${flow}) ran past its deadline of ${deadlineS} s (${samples.at(-1)?.requests ?? 0} requests answered)`,
      );
    }
    const stat = readProcStat(child.pid!);
    if (stat)
      samples.push({ t: performance.now() / 1000, cpu: stat.cpuSeconds, requests: total(await canned.stats()) });
    await new Promise((resolve) => setTimeout(resolve, SAMPLE_MS));
  }
  if (exitCode !== 0 && exitCode !== 1) throw new Error(`artillery (${flow}) exited with ${exitCode}: ${stderr}`);

  const first = samples.find((sample) => sample.requests > 0);
  if (!first) throw new Error(`artillery (${flow}) sent no request`);
  const start = samples.find((sample) => sample.t >= first.t + WARMUP_S);
  const end = samples.filter((sample) => sample.t <= first.t + seconds - SAMPLE_MS / 1000).at(-1);
  if (!start || !end || end.requests <= start.requests)
    throw new Error(`artillery (${flow}): no steady window in ${samples.length} samples`);
  const results = JSON.parse(await readFile(output, 'utf8')) as { aggregate: { counters: Record<string, number> } };
  const counters = results.aggregate.counters;
  return {
    flow,
    cpuPer1000: ((end.cpu - start.cpu) / (end.requests - start.requests)) * 1000,
    rps: (end.requests - start.requests) / (end.t - start.t),
    cores: (end.cpu - start.cpu) / (end.t - start.t),
    totalCpu: samples.at(-1)!.cpu,
    counts: await canned.stats(),
    vusers: counters['vusers.created'] ?? 0,
    failedVusers: counters['vusers.failed'] ?? 0,
  };
}

const fmt = (value: number, digits = 0) =>
  value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

const build = spawnSync(process.execPath, [join(root, 'scripts', 'build.ts')], {
  cwd: root,
  stdio: ['ignore', 'ignore', 'inherit'],
});
if (build.status !== 0) throw new Error('node scripts/build.ts failed: dist/processor.js would be stale');

const signIn = await signInRate();
console.log(
  `SIWE sign-ins (the players' signer: ${nativeSecp256k1() ? 'libsecp256k1' : 'viem'}, legacy message, one thread): ${fmt(signIn.perCpuSecond)} per CPU second, ${fmt(signIn.perWallSecond)} per wall second (${signIn.done} signed)`,
);
console.log(`  target >= ${TARGET_SIGNINS}/s per core: ${signIn.perCpuSecond >= TARGET_SIGNINS ? 'ok' : 'MISSED'}`);

const dir = await mkdtemp(join(tmpdir(), 'rocket-sim-bench-generator-'));
const canned = await startCannedServer();
const runs: FlowRun[] = [];
try {
  const bareScript = await writeBareScript(dir);
  console.log(
    `\ngenerator CPU: ${rounds} alternating rounds, ${rate} arrivals/s for ${seconds} s, ${cycles} cycles per virtual user, target ${canned.url} (canned, own process)`,
  );
  for (let round = 0; round < rounds; round++) {
    const order: Flow[] = round % 2 === 0 ? ['processor', 'bare'] : ['bare', 'processor'];
    for (const flow of order) {
      const run = await runFlow(flow, canned, dir, bareScript);
      runs.push(run);
      console.log(
        `  round ${round + 1} ${flow.padEnd(9)} ${fmt(run.cpuPer1000, 3)} CPU s / 1,000 requests at ${fmt(run.rps)} req/s using ${fmt(run.cores, 2)} cores; whole process ${fmt(run.totalCpu, 1)} CPU s, ${run.vusers} VUs, ${run.failedVusers} failed`,
      );
    }
  }
} finally {
  await canned.stop();
  await rm(dir, { recursive: true, force: true });
}

const of = (flow: Flow) => runs.filter((run) => run.flow === flow);
const ratios = of('processor').map((run, index) => run.cpuPer1000 / of('bare')[index]!.cpuPer1000);
const ratio = median(ratios);
const perVu = (flow: Flow) =>
  of(flow).reduce((sum, run) => sum + total(run.counts), 0) / of(flow).reduce((sum, run) => sum + run.vusers, 0);
const mixDeviation = Math.abs(perVu('processor') / perVu('bare') - 1);

console.log('\n  request mix per virtual user (all rounds):');
console.log(`    ${'METHOD path'.padEnd(48)} ${'processor'.padStart(9)} ${'bare'.padStart(9)}`);
const keys = [...new Set(runs.flatMap((run) => Object.keys(run.counts)))].sort();
for (const key of keys) {
  const count = (flow: Flow) =>
    of(flow).reduce((sum, run) => sum + (run.counts[key] ?? 0), 0) / of(flow).reduce((sum, run) => sum + run.vusers, 0);
  console.log(`    ${key.padEnd(48)} ${fmt(count('processor'), 2).padStart(9)} ${fmt(count('bare'), 2).padStart(9)}`);
}
console.log(
  `    ${'total'.padEnd(48)} ${fmt(perVu('processor'), 2).padStart(9)} ${fmt(perVu('bare'), 2).padStart(9)}   deviation ${fmt(mixDeviation * 100, 1)} %`,
);
console.log(`\n  processor / bare CPU per 1,000 requests by round: ${ratios.map((value) => fmt(value, 2)).join(' ')}`);
console.log(
  `  processor / bare CPU per 1,000 requests (median of ${rounds}): ${fmt(ratio, 2)}   target <= ${TARGET_CPU_RATIO}: ${ratio <= TARGET_CPU_RATIO ? 'ok' : 'MISSED'}`,
);
console.log('  (both include the same nanotimer arrival spin: same arrival rate, so it inflates both alike)');

const failed = runs.reduce((sum, run) => sum + run.failedVusers, 0);
const figures: Figure[] = [
  figure('generator.signins_per_cpu_second', Math.round(signIn.perCpuSecond), 'sign-ins/s', {
    op: '>=',
    value: TARGET_SIGNINS,
  }),
  figure(
    'generator.processor_cpu_per_1000_requests',
    round3(median(of('processor').map((run) => run.cpuPer1000))),
    'CPU s',
  ),
  figure('generator.bare_cpu_per_1000_requests', round3(median(of('bare').map((run) => run.cpuPer1000))), 'CPU s'),
  figure('generator.processor_over_bare_cpu', round3(ratio), 'ratio', { op: '<=', value: TARGET_CPU_RATIO }),
  figure('generator.processor_rps', Math.round(median(of('processor').map((run) => run.rps))), 'req/s'),
  figure('generator.request_mix_deviation', round3(mixDeviation), 'ratio', { op: '<=', value: TARGET_MIX_DEVIATION }),
  figure('generator.failed_vusers', failed, 'VUs', { op: '<=', value: 0 }),
];
emitFigures('generator', figures);
process.exitCode = figures.every((f) => f.met !== false) ? 0 : 1;

function round3(value: number): number {
  return Math.round(value * 1000) / 1000;
}
