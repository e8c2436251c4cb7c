/**
 * @module Benchmark of the managed pool bootstrap: starts the embedded local stack (PGlite, port 0),
 * bootstraps 5,000 wallets through the service-role HTTP API and prints wallets/s (target ≥ 500)
 * with the split between key generation + encryption and storage. Run: `node bench/pool.ts [count]`.
 */
import { startLocalStack } from '../src/local/index.ts';
import { bootstrapPool, createPoolClient, loadActiveWallets, poolStatus } from '../src/pool/index.ts';

const TARGET_RATE = 500;
const count = Number(process.argv[2] ?? 5000);
if (!Number.isSafeInteger(count) || count < 1 || count > 100_000) {
  console.error('usage: node bench/pool.ts [count 1-100000]');
  process.exit(2);
}

const stackStarted = performance.now();
const stack = await startLocalStack({ port: 0, auction: false });
const stackMs = performance.now() - stackStarted;
try {
  const client = createPoolClient({ url: stack.url, serviceRoleKey: stack.serviceRoleKey });
  // a throw-away key: the bench pool lives in memory and disappears with the stack
  const key = Buffer.from(crypto.getRandomValues(new Uint8Array(32)));
  const started = performance.now();
  const result = await bootstrapPool(client, {
    key,
    kid: 'bench-v1',
    privateKeys: [],
    importEnvWallets: false,
    targetCount: count,
  });
  const totalMs = performance.now() - started;
  const status = await poolStatus(client);
  if (status.active !== count || result.generatedCount !== count)
    throw new Error(`expected ${count} active wallets, found ${status.active}`);

  const loadStarted = performance.now();
  const loaded = await loadActiveWallets(client, { keys: new Map([['bench-v1', key]]) });
  const loadMs = performance.now() - loadStarted;

  const rate = count / (totalMs / 1000);
  const other = totalMs - result.generateMs - result.storeMs;
  const pct = (ms: number) => `${((ms / totalMs) * 100).toFixed(0)}%`;
  console.log(
    `pool bootstrap: ${count} wallets in ${(totalMs / 1000).toFixed(2)} s on ${stack.db.kind} (stack start ${(stackMs / 1000).toFixed(1)} s)`,
  );
  console.log(
    `  wallets/s:                ${rate.toFixed(0)}  (target >= ${TARGET_RATE}: ${rate >= TARGET_RATE ? 'ok' : 'BELOW TARGET'})`,
  );
  console.log(
    `  generate + encrypt:       ${(result.generateMs / 1000).toFixed(2)} s  ${pct(result.generateMs)}  (${(count / (result.generateMs / 1000)).toFixed(0)} keys/s)`,
  );
  console.log(
    `  storage (HTTP inserts):   ${(result.storeMs / 1000).toFixed(2)} s  ${pct(result.storeMs)}  (${(count / (result.storeMs / 1000)).toFixed(0)} rows/s, keys + profiles)`,
  );
  console.log(`  key check, status, other: ${(other / 1000).toFixed(2)} s  ${pct(other)}`);
  console.log(
    `  load + decrypt all:       ${(loadMs / 1000).toFixed(2)} s  (${(loaded.wallets.length / (loadMs / 1000)).toFixed(0)} wallets/s)`,
  );
  console.log(
    JSON.stringify({
      event: 'bench_pool_bootstrap',
      wallets: count,
      walletsPerSecond: Math.round(rate),
      totalMs: Math.round(totalMs),
      generateMs: Math.round(result.generateMs),
      storeMs: Math.round(result.storeMs),
      loadMs: Math.round(loadMs),
      backend: stack.db.kind,
      targetMet: rate >= TARGET_RATE,
    }),
  );
  process.exitCode = rate >= TARGET_RATE ? 0 : 1;
} finally {
  await stack.stop();
}
