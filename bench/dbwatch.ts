/**
 * @module Benchmark of the database sampler's cost: one `rocket-sim run auction-rush` on a
 * PostgreSQL 15 of its own with pg_stat_statements, sampled at the default interval; the sampler's
 * own database time (its tagged statements in pg_stat_statements) over the database time of the
 * load, in the same run. Target ≤ 2 %. Run with `node bench/dbwatch.ts [--interval-ms N]`.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import type { DatabaseWatch } from '../src/dbwatch/index.ts';
import { createScratchDatabase } from '../src/local/db/createScratchDatabase.ts';
import { packageRoot } from '../src/packageRoot.ts';
import { startStatsPostgres, statsPostgresAvailable } from '../test/support/dbwatch/startStatsPostgres.ts';
import { emitFigures, figure } from './lib/figure.ts';

const TARGET_RATIO = 0.02;

const { values } = parseArgs({ options: { 'interval-ms': { type: 'string', default: '2000' } } });
const intervalMs = Number(values['interval-ms']);
if (!Number.isSafeInteger(intervalMs) || intervalMs < 100 || intervalMs > 60_000) {
  console.error('usage: node bench/dbwatch.ts [--interval-ms 100-60000]');
  process.exit(2);
}
if (!statsPostgresAvailable()) {
  console.error('bench/dbwatch.ts needs /usr/lib/postgresql/15/bin (initdb, pg_ctl) and a postgres user');
  process.exit(2);
}

const server = await startStatsPostgres();
const out = mkdtempSync(join(tmpdir(), 'rocket-sim-bench-dbwatch-'));
try {
  const db = await createScratchDatabase(server.url, 'bench');
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  await client.query('create extension pg_stat_statements');
  await client.end();
  const run = spawnSync(
    process.execPath,
    [
      join(packageRoot(), 'bin', 'rocket-sim.js'),
      'run',
      'auction-rush',
      '--database-url',
      db.url,
      '--seed',
      '1',
      '--out',
      out,
    ],
    {
      env: { ...process.env, SIM_DB_SAMPLE_INTERVAL_MS: String(intervalMs), ARTILLERY_DISABLE_TELEMETRY: 'true' },
      stdio: ['ignore', 'ignore', 'inherit'],
      timeout: 300_000,
    },
  );
  const watch = JSON.parse(readFileSync(join(out, 'database.json'), 'utf8')) as DatabaseWatch;
  const loadMs = watch.samples.reduce(
    (total, sample) => total + sample.statements.reduce((sum, delta) => sum + delta.totalMs, 0),
    0,
  );
  const ratio = watch.samplerMs / loadMs;
  console.error(
    `auction-rush exit ${run.status}: ${watch.samples.length} samples every ${intervalMs} ms; sampler ${watch.samplerMs.toFixed(1)} ms of database time, load ${loadMs.toFixed(1)} ms: ${(ratio * 100).toFixed(2)} % (target <= ${TARGET_RATIO * 100} %)`,
  );
  emitFigures('dbwatch', [
    figure('dbwatch.sampler_over_load_db_time', Math.round(ratio * 10_000) / 10_000, 'ratio', {
      op: '<=',
      value: TARGET_RATIO,
    }),
    figure('dbwatch.load_db_ms', Math.round(loadMs), 'ms'),
    figure('dbwatch.sampler_db_ms', Math.round(watch.samplerMs), 'ms'),
    figure('dbwatch.samples', watch.samples.length, 'count'),
  ]);
  await db.drop();
} finally {
  server.stop();
  rmSync(out, { recursive: true, force: true });
}
