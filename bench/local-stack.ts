/**
 * @module Benchmark of the embedded local stack: what the HTTP layer (gateway, Auth, PostgREST
 * subset) costs over calling the same SQL in-process, for a read and a write RPC, and the
 * gameplay mix with real signed-in players, on PGlite and (with DATABASE_URL) PostgreSQL.
 * The HTTP clients run on their own thread, so the stack's thread only serves.
 * Run: `node bench/local-stack.ts [--count N] [--rounds N] [--mix-cycles N]`.
 */
import { parseArgs } from 'node:util';
import { readVariable } from '../src/config/index.ts';
import { createScratchDatabase, type ScratchDatabase } from '../src/local/db/index.ts';
import { startLocalStack, type LocalStack } from '../src/local/index.ts';
import { callRpcTextIn } from '../test/support/schema/callRpc.ts';
import { withRole } from '../test/support/schema/withRole.ts';
import { benchRpcCases, type RpcCase } from './lib/benchRpcCases.ts';
import { captureTransactionSql, type CapturedStatement } from './lib/captureTransactionSql.ts';
import { createHttpClient, type HttpClient } from './lib/createHttpClient.ts';
import { emitFigures, figure, type Figure } from './lib/figure.ts';
import { median } from './lib/median.ts';
import { percentile } from './lib/percentile.ts';
import { prepareGameplay, resetBids, type GameplayFixture } from './lib/prepareGameplay.ts';
import { runBounded } from './lib/runBounded.ts';
import { emptyMixResult, MIX_RPCS, type MixResult } from './lib/runGameplayMix.ts';
import { startHttpLoadWorker, type HttpLoadWorker } from './lib/startHttpLoadWorker.ts';
import { userRpc } from './lib/userRpc.ts';

/**
 * HTTP keeps at least this share of the rate of the same SQL called in-process on PGlite (the
 * `sql` variant: exactly the statements the HTTP path ran). See docs/performance.md.
 */
const TARGET_HTTP_SHARE = 0.6;
/** concurrent keep-alive clients, one signed-in player each */
const CLIENTS = 8;
const WARMUP_CALLS = 100;
/** no single measured run may take longer than this */
const RUN_DEADLINE_MS = 60_000;

const { values: flags } = parseArgs({
  options: {
    count: { type: 'string', default: '300' },
    rounds: { type: 'string', default: '6' },
    'mix-cycles': { type: 'string', default: '40' },
  },
});
const count = Number(flags.count);
const rounds = Number(flags.rounds);
const mixCycles = Number(flags['mix-cycles']);
if (![count, rounds, mixCycles].every((n) => Number.isSafeInteger(n) && n >= 1 && n <= 100_000)) {
  console.error('usage: node bench/local-stack.ts [--count 1-100000] [--rounds 1-100000] [--mix-cycles 1-100000]');
  process.exit(2);
}

/**
 * `direct`: role + claims and the call, in-process; `sql`: the exact statements the HTTP path sent
 * for the same call (PostgREST's prelude and statement shape), replayed in-process; `http`: the real thing.
 */
type Variant = 'direct' | 'sql' | 'http';
const VARIANTS: readonly Variant[] = ['direct', 'sql', 'http'];

interface Bench {
  stack: LocalStack;
  /** main-thread client for setup and SQL capture (never timed) */
  client: HttpClient;
  load: HttpLoadWorker;
  fixture: GameplayFixture;
}

/** The statements of one HTTP call of `rpc` per player, recorded for the `sql` variant. */
async function captureHttpSql(bench: Bench, rpc: RpcCase): Promise<CapturedStatement[][]> {
  const { stack, client, fixture } = bench;
  const perPlayer: CapturedStatement[][] = [];
  for (const user of fixture.players) {
    const transactions = await captureTransactionSql(stack.db, async () => {
      const response = await userRpc(client, stack.anonKey, user, rpc.fn, rpc.args(user));
      if (response.status !== 200)
        throw new Error(`${rpc.fn} answered ${response.status}: ${response.body.slice(0, 200)}`);
    });
    if (transactions.length !== 1)
      throw new Error(`one HTTP call of ${rpc.fn} ran ${transactions.length} transactions, expected 1`);
    perPlayer.push(transactions[0]!);
  }
  return perPlayer;
}

/** Calls `rpc` `calls` times as the players (one lane each) and returns requests/s. */
async function rate(
  bench: Bench,
  rpc: RpcCase,
  variant: Variant,
  calls: number,
  httpSql: CapturedStatement[][],
): Promise<number> {
  const { stack, fixture } = bench;
  if (variant === 'http') {
    const run = await bench.load.rpc(rpc.fn, calls);
    return run.done / (run.elapsedMs / 1000);
  }
  const run = await runBounded({
    count: calls,
    concurrency: fixture.players.length,
    deadlineMs: RUN_DEADLINE_MS,
    async task(_index, lane) {
      const user = fixture.players[lane]!;
      if (variant === 'direct') {
        // the transaction PostgREST runs, minus the HTTP layer: role + claims, then the call
        await withRole(stack.db, { role: 'authenticated', sub: user.id }, (tx) =>
          callRpcTextIn(tx, rpc.fn, rpc.args(user)),
        );
        return;
      }
      await stack.db.transaction(async (tx) => {
        for (const statement of httpSql[lane]!) await tx.query(statement.sql, statement.params);
      });
    },
  });
  return run.done / (run.elapsedMs / 1000);
}

interface RpcComparison {
  /** median requests/s per variant */
  rates: Record<Variant, number>;
  /** median of the per-round http/direct ratios: HTTP vs a minimal hand-written call */
  overDirect: number;
  /** median of the per-round sql/direct ratios: what PostgREST's statement shape costs */
  sqlShare: number;
  /** median of the per-round http/sql ratios: what the HTTP layer costs over the same SQL (the target) */
  httpOverSql: number;
  /** http/sql of each round, in order */
  httpOverSqlByRound: number[];
}

/** Runs the variants in turn, `rounds` times (the order rotates every round), and takes medians of per-round ratios. */
async function compare(bench: Bench, rpc: RpcCase): Promise<RpcComparison> {
  const httpSql = await captureHttpSql(bench, rpc);
  for (const variant of VARIANTS) await rate(bench, rpc, variant, WARMUP_CALLS, httpSql);
  const samples: Record<Variant, number[]> = { direct: [], sql: [], http: [] };
  const ratios = { overDirect: [] as number[], sqlShare: [] as number[], httpOverSql: [] as number[] };
  for (let round = 0; round < rounds; round++) {
    const got: Partial<Record<Variant, number>> = {};
    for (let i = 0; i < VARIANTS.length; i++) {
      const variant = VARIANTS[(i + round) % VARIANTS.length]!;
      got[variant] = await rate(bench, rpc, variant, count, httpSql);
    }
    for (const variant of VARIANTS) samples[variant].push(got[variant]!);
    ratios.overDirect.push(got.http! / got.direct!);
    ratios.sqlShare.push(got.sql! / got.direct!);
    ratios.httpOverSql.push(got.http! / got.sql!);
  }
  return {
    rates: { direct: median(samples.direct), sql: median(samples.sql), http: median(samples.http) },
    overDirect: median(ratios.overDirect),
    sqlShare: median(ratios.sqlShare),
    httpOverSql: median(ratios.httpOverSql),
    httpOverSqlByRound: ratios.httpOverSql,
  };
}

/** `rounds` rounds of the gameplay mix, the round's bids reset before each (bids are capped at 100,000 FLUX). */
async function mix(bench: Bench): Promise<MixResult> {
  const total = emptyMixResult();
  for (let round = 0; round < rounds; round++) {
    await resetBids(bench.stack, bench.fixture.roundId);
    const result = await bench.load.mix(mixCycles);
    total.requests += result.requests;
    total.elapsedMs += result.elapsedMs;
    total.firstFailure ??= result.firstFailure;
    for (const fn of MIX_RPCS) {
      total.latencies[fn].push(...result.latencies[fn]);
      total.ok[fn] += result.ok[fn];
      total.benign[fn] += result.benign[fn];
      total.failed[fn] += result.failed[fn];
    }
  }
  return total;
}

const fmt = (value: number, digits = 0) =>
  value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const round2 = (value: number) => Math.round(value * 100) / 100;

async function benchBackend(kind: 'pglite' | 'postgres', databaseUrl: string | undefined): Promise<Figure[]> {
  const stack = await startLocalStack({ port: 0, auction: false, databaseUrl });
  const client = createHttpClient(stack.url, { sockets: CLIENTS });
  let load: HttpLoadWorker | undefined;
  const figures: Figure[] = [];
  try {
    const fixture = await prepareGameplay(stack, client, CLIENTS);
    load = startHttpLoadWorker({ url: stack.url, anonKey: stack.anonKey, fixture, deadlineMs: RUN_DEADLINE_MS });
    const bench: Bench = { stack, client, load, fixture };
    console.log(
      `\nlocal stack on ${kind}: ${CLIENTS} keep-alive clients, ${rounds} rotating rounds of ${count} calls per variant, medians (req/s and ratios)`,
    );
    console.log(
      '  sql: the statements the HTTP path sent, replayed in-process; http: through the stack; direct: a minimal hand-written call (role + claims + select fn())',
    );
    console.log(
      `  ${'rpc'.padEnd(34)} ${'direct'.padStart(7)} ${'sql'.padStart(7)} ${'http'.padStart(7)} ${'sql/direct'.padStart(10)} ${'http/sql'.padStart(8)} ${'http/direct'.padStart(11)}`,
    );
    for (const rpc of benchRpcCases) {
      const result = await compare(bench, rpc);
      const target = kind === 'pglite' ? { op: '>=' as const, value: TARGET_HTTP_SHARE } : undefined;
      const share = figure(
        `local_stack.${kind}.${rpc.fn}.http_over_postgrest_sql`,
        round2(result.httpOverSql),
        'ratio',
        target,
      );
      const verdict =
        share.met === undefined ? '' : `  (http/sql target >= ${TARGET_HTTP_SHARE}: ${share.met ? 'ok' : 'MISSED'})`;
      const { rates } = result;
      console.log(
        `  ${`${rpc.fn} (${rpc.kind})`.padEnd(34)} ${fmt(rates.direct).padStart(7)} ${fmt(rates.sql).padStart(7)} ${fmt(rates.http).padStart(7)} ${fmt(result.sqlShare, 2).padStart(10)} ${fmt(result.httpOverSql, 2).padStart(8)} ${fmt(result.overDirect, 2).padStart(11)}${verdict}`,
      );
      console.log(
        `  ${''.padEnd(34)} http/sql by round: ${result.httpOverSqlByRound.map((value) => fmt(value, 2)).join(' ')}`,
      );
      figures.push(
        figure(`local_stack.${kind}.${rpc.fn}.direct_rps`, Math.round(rates.direct), 'req/s'),
        figure(`local_stack.${kind}.${rpc.fn}.postgrest_sql_rps`, Math.round(rates.sql), 'req/s'),
        figure(`local_stack.${kind}.${rpc.fn}.http_rps`, Math.round(rates.http), 'req/s'),
        figure(`local_stack.${kind}.${rpc.fn}.postgrest_sql_over_direct`, round2(result.sqlShare), 'ratio'),
        share,
        figure(`local_stack.${kind}.${rpc.fn}.http_over_direct`, round2(result.overDirect), 'ratio'),
      );
    }

    const result = await mix(bench);
    const seconds = result.elapsedMs / 1000;
    const unexpected = MIX_RPCS.reduce((sum, fn) => sum + result.failed[fn], 0);
    console.log(
      `  gameplay mix: ${CLIENTS} players, ${rounds} rounds of ${mixCycles} cycles (${MIX_RPCS.length} RPCs each): ${fmt(result.requests / seconds)} req/s overall`,
    );
    console.log(
      `    ${'rpc'.padEnd(26)} ${'req/s'.padStart(7)} ${'p50 ms'.padStart(7)} ${'p99 ms'.padStart(7)} ${'ok'.padStart(5)} ${'benign'.padStart(6)} ${'failed'.padStart(6)}`,
    );
    figures.push(figure(`local_stack.${kind}.mix.rps`, Math.round(result.requests / seconds), 'req/s'));
    for (const fn of MIX_RPCS) {
      const samples = result.latencies[fn];
      const p99 = percentile(samples, 99);
      console.log(
        `    ${fn.padEnd(26)} ${fmt(samples.length / seconds).padStart(7)} ${fmt(percentile(samples, 50), 1).padStart(7)} ${fmt(p99, 1).padStart(7)} ${String(result.ok[fn]).padStart(5)} ${String(result.benign[fn]).padStart(6)} ${String(result.failed[fn]).padStart(6)}`,
      );
      figures.push(
        figure(`local_stack.${kind}.mix.${fn}.rps`, Math.round(samples.length / seconds), 'req/s'),
        figure(`local_stack.${kind}.mix.${fn}.p99_ms`, round2(p99), 'ms'),
      );
    }
    figures.push(figure(`local_stack.${kind}.mix.unexpected_errors`, unexpected, 'responses', { op: '<=', value: 0 }));
    if (result.firstFailure) console.log(`    first unexpected failure: ${result.firstFailure}`);
    if (kind === 'pglite')
      console.log(
        '    (PGlite is one connection: every transaction runs after the previous one, whatever the client count)',
      );
  } finally {
    await load?.close();
    client.close();
    await stack.stop();
  }
  return figures;
}

const figures: Figure[] = await benchBackend('pglite', undefined);
const serverUrl = readVariable('DATABASE_URL');
if (serverUrl) {
  let scratch: ScratchDatabase | undefined;
  try {
    scratch = await createScratchDatabase(serverUrl, 'bench');
    figures.push(...(await benchBackend('postgres', scratch.url)));
  } finally {
    await scratch?.drop();
  }
} else {
  console.log('\nPostgreSQL: skipped (set DATABASE_URL to a server where scratch databases may be created)');
}
emitFigures('local-stack', figures);
process.exitCode = figures.every((f) => f.met !== false) ? 0 : 1;
