/**
 * @module The database sampler end to end, on a PostgreSQL 15 of its own with pg_stat_statements
 * (skipped where Debian's server binaries are missing): `run auction-rush --database-url` (50 players,
 * the live round held for a few seconds while they bid) names the hot round row and lists
 * place_auction_bid; a fixture RPC deadlocks and a fixture RPC outlasting
 * the statement timeout makes players' calls time out, and the rocket.db.* gates fail the run; a database without
 * pg_stat_statements read by a role without pg_read_all_stats degrades without changing the exit code;
 * an interrupted run still writes database.json; the live dashboard of a sampled run carries the
 * sampler's figures while the run goes on.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseWatch } from '../src/dbwatch/index.ts';
import { startLocalStack, type LocalStack } from '../src/local/index.ts';
import { createScratchDatabase, type ScratchDatabase } from '../src/local/db/createScratchDatabase.ts';
import {
  startStatsPostgres,
  statsPostgresAvailable,
  type StatsPostgres,
} from './support/dbwatch/startStatsPostgres.ts';
import { readDashboardUpdate } from './support/live/readDashboardUpdate.ts';
import { runCli } from './support/runCli.ts';
import { startCli } from './support/startCli.ts';
import { tempDir, type TempDir } from './support/tempDir.ts';

const available = statsPostgresAvailable();
let server: StatsPostgres;
let work: TempDir;
const scratch: ScratchDatabase[] = [];

async function sql(url: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

async function database(prefix: string, withStatements: boolean): Promise<string> {
  const db = await createScratchDatabase(server.url, prefix);
  scratch.push(db);
  if (withStatements) await sql(db.url, 'create extension pg_stat_statements');
  return db.url;
}

const readJson = <T>(path: string) => JSON.parse(readFileSync(path, 'utf8')) as T;
const databaseSection = (html: string) =>
  html.slice(
    html.indexOf('<section id="database">'),
    html.indexOf('</section>', html.indexOf('<section id="database">')),
  );

beforeAll(async () => {
  if (!available) return;
  work = tempDir('dbwatch');
  server = await startStatsPostgres();
}, 60_000);

afterAll(async () => {
  for (const db of scratch) await db.drop().catch(() => {});
  server?.stop();
  work?.remove();
});

describe('the database of an embedded PGlite run', () => {
  it('is not sampled and says what PGlite lacks; the stack reports its own time per endpoint', async () => {
    const dir = tempDir('dbwatch-pglite');
    try {
      const out = join(dir.path, 'once');
      const run = await runCli(['run', 'once', '--duration', '5', '--seed', '6', '--out', out], {
        env: { ARTILLERY_DISABLE_TELEMETRY: 'true' },
        timeoutMs: 120_000,
      });
      expect([0, 1], run.stdout.slice(-3000)).toContain(run.code);
      const watch = readJson<DatabaseWatch>(join(out, 'database.json'));
      expect(watch.sampled).toBe(false);
      expect(watch.reason).toMatch(/^embedded PGlite: it has no pg_stat_statements, a single backend/);
      expect(watch.serverTimes?.rpc_sync_wallet_flux_balance?.calls).toBeGreaterThan(0);
      const section = databaseSection(readFileSync(join(out, 'report.html'), 'utf8'));
      expect(section).toContain('Not sampled: embedded PGlite');
      expect(section).toMatch(/data-db-server-times>[\s\S]*<code>rpc_sync_wallet_flux_balance<\/code>/);
    } finally {
      dir.remove();
    }
  }, 180_000);
});

describe.skipIf(!available)('the database sampler', () => {
  it('auction-rush on PostgreSQL: the contention table names the round row, the top statements list place_auction_bid', async () => {
    const url = await database('rush', true);
    const out = join(work.path, 'rush');
    const running = startCli(
      [
        'run',
        'auction-rush',
        '--database-url',
        url,
        '--duration',
        '60',
        '--players',
        '50',
        '--seed',
        '7',
        // all 50 bidders sign in from one IP: the hosted per-IP Auth limit would keep some out of the rush
        '--auth-rate-limits',
        'off',
        '--out',
        out,
      ],
      { env: { SIM_DB_SAMPLE_INTERVAL_MS: '100', ARTILLERY_DISABLE_TELEMETRY: 'true' }, timeoutMs: 180_000 },
    );
    await running.waitFor(/"event":"run_starting"/, 90_000);
    // bids arrive about once a second, each holding the round row for milliseconds: a sample rarely
    // lands on a wait. Like a slow transaction elsewhere in the backend, hold the live round while the
    // rush bids, so its bidders queue on that row.
    const holder = new pg.Client({ connectionString: url });
    await holder.connect();
    try {
      let round: number | undefined;
      for (let attempt = 0; attempt < 120 && round === undefined; attempt += 1) {
        const { rows } = await holder.query<{ id: string }>(
          "select id from public.auction_rounds where status = 'bidding' and ends_at > now() order by id limit 1",
        );
        if (rows[0]) round = Number(rows[0].id);
        else await new Promise((resolve) => setTimeout(resolve, 500));
      }
      expect(round, 'a round in bidding').toBeDefined();
      // 1.5 s at a time: under auction-rush's own gate on the lock wait p95 (2 s)
      for (let hold = 0; hold < 6; hold += 1) {
        await holder.query('begin');
        await holder.query('select id from public.auction_rounds where id = $1 for update', [round]);
        await new Promise((resolve) => setTimeout(resolve, 1500));
        await holder.query('commit');
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    } finally {
      await holder.end();
    }
    const run = await running.done;
    expect(run.code, run.stdout.slice(-3000) + run.stderr.slice(-3000)).toBe(0);
    const watch = readJson<DatabaseWatch>(join(out, 'database.json'));
    expect(watch.sampled).toBe(true);
    expect(watch.missing).toEqual([]);
    expect(watch.phases.map((phase) => phase.name)).toEqual(['stock parts', 'rush']);
    const roundWaits = watch.samples
      .flatMap((sample) => sample.lockWaits)
      .filter((wait) => wait.relation === 'auction_rounds' && wait.row !== null && /^id=\d+$/.test(wait.row));
    expect(roundWaits.length).toBeGreaterThan(0);
    expect(Math.max(...roundWaits.map((wait) => wait.waitedMs))).toBeGreaterThan(0);

    const section = databaseSection(readFileSync(join(out, 'report.html'), 'utf8'));
    const contention = section.slice(section.indexOf('data-db-contention'));
    expect(contention).toMatch(
      /<code>auction_rounds<\/code><\/td><td>id=\d+<\/td><td>(tuple|transactionid)<\/td><td class="num">[1-9]/,
    );
    expect(section).toMatch(/top statements by total time[\s\S]*<code>rpc_place_auction_bid<\/code>/);
    // one plain sentence per RPC that waited longest in a phase, naming what it waited on
    expect(section).toMatch(/<ul class="findings" data-db-findings><li>p95 of <code>rpc_/);
    // auction-rush gained the database gates, and they passed
    const meta = readJson<{ ensure: { conditions: { expression: string }[] } }>(join(out, 'run-meta.json'));
    expect(meta.ensure.conditions.map((condition) => condition.expression)).toContain(
      'rocket.db.lock_wait_ms.p95 < 2000',
    );
  }, 240_000);

  it('a deadlock and statement timeouts: the report shows both with their statements and the rocket.db gates fail with exit 1', async () => {
    const url = await database('deadlock', true);
    const out = join(work.path, 'deadlock');
    const run = startCli(['run', 'smoke', '--database-url', url, '--duration', '25', '--seed', '3', '--out', out], {
      env: { SIM_DB_SAMPLE_INTERVAL_MS: '200', ARTILLERY_DISABLE_TELEMETRY: 'true' },
      timeoutMs: 180_000,
    });
    await run.waitFor(/"event":"run_starting"/, 90_000);
    const fixtures = join(import.meta.dirname, 'fixtures', 'dbwatch');
    await sql(url, readFileSync(join(fixtures, 'deadlock.sql'), 'utf8'));
    await sql(url, readFileSync(join(fixtures, 'slow-inventory.sql'), 'utf8'));
    const a = new pg.Client({ connectionString: url });
    const b = new pg.Client({ connectionString: url });
    await Promise.all([a.connect(), b.connect()]);
    try {
      const deadlock = await Promise.allSettled([
        a.query('select public.rocket_fixture_deadlock(1, 2)'),
        b.query('select public.rocket_fixture_deadlock(2, 1)'),
      ]);
      expect(deadlock.filter((outcome) => outcome.status === 'rejected')).toHaveLength(1);
    } finally {
      await Promise.all([a.end(), b.end()]);
    }
    const result = await run.done;
    expect(result.code, result.stdout.slice(-3000)).toBe(1);
    const watch = readJson<DatabaseWatch>(join(out, 'database.json'));
    expect(watch.samples.reduce((sum, sample) => sum + (sample.database?.deadlocks ?? 0), 0)).toBe(1);
    const section = databaseSection(readFileSync(join(out, 'report.html'), 'utf8'));
    expect(section).toContain('data-db-deadlocks="1"');
    expect(section).toMatch(/<h3>Deadlocks<\/h3>[\s\S]*rocket_fixture_deadlock/);
    expect(section).toMatch(/<h3>Statement timeouts<\/h3>[\s\S]*get_user_inventory/);
    const meta = readJson<{ verdict: { reasons: { kind: string; name?: string; detail?: string }[] } }>(
      join(out, 'run-meta.json'),
    );
    const failed = JSON.stringify(meta.verdict.reasons);
    expect(failed).toContain('rocket.db.deadlocks == 0');
    expect(failed).toContain('rocket.db.statement_timeouts == 0');
  }, 240_000);

  it('an interrupted run still writes database.json and the section', async () => {
    const url = await database('interrupt', true);
    const out = join(work.path, 'interrupt');
    const run = startCli(['run', 'smoke', '--database-url', url, '--duration', '60', '--seed', '4', '--out', out], {
      env: { SIM_DB_SAMPLE_INTERVAL_MS: '250', ARTILLERY_DISABLE_TELEMETRY: 'true' },
      timeoutMs: 180_000,
    });
    await run.waitFor(/"event":"run_progress"/, 90_000);
    run.signal('SIGINT');
    const result = await run.done;
    // judged on the time that ran: passed or failed, never a crash
    expect([0, 1], result.stdout.slice(-3000)).toContain(result.code);
    const watch = readJson<DatabaseWatch>(join(out, 'database.json'));
    expect(watch.sampled).toBe(true);
    expect(watch.samples.length).toBeGreaterThan(0);
    expect(databaseSection(readFileSync(join(out, 'report.html'), 'utf8'))).toContain('data-db-totals');
  }, 240_000);

  it("the live dashboard of a sampled run shows the sampler's figures per window", async () => {
    const url = await database('live', true);
    const out = join(work.path, 'live');
    const args = ['run', 'smoke', '--database-url', url, '--dashboard', '0', '--duration', '25', '--seed', '5'];
    const run = startCli([...args, '--out', out], {
      env: { SIM_DB_SAMPLE_INTERVAL_MS: '500', ARTILLERY_DISABLE_TELEMETRY: 'true' },
      timeoutMs: 180_000,
    });
    try {
      await run.waitFor(/"event":"dashboard_ready"[^\n]*\n/, 120_000);
      const ready = run
        .output()
        .split('\n')
        .find((line) => line.includes('"event":"dashboard_ready"'));
      const dashboard = String((JSON.parse(ready!) as { url: string }).url);
      const update = await readDashboardUpdate(
        `${dashboard}events`,
        (candidate) => candidate.windows >= 1 && candidate.database.latest !== undefined,
        90_000,
      );
      console.info(`live database: ${JSON.stringify(update.database)}`);
      expect(update.database.sampled).toBe(true);
      expect(update.database.note).toMatch(/^sampled embedded stack PostgreSQL \(127\.0\.0\.1:\d+\/rocket_sim_live_/);
      expect(update.database.latest?.connections).toBeGreaterThan(0);
      expect(update.database.latest?.maxConnections).toBeGreaterThan(0);
      const sessions = update.charts.charts.find((chart) => chart.id === 'db-sessions');
      expect(sessions?.series.map((series) => series.label)).toEqual(['active', 'waiting']);
      expect(sessions?.series[0]?.values).toHaveLength(update.charts.x.length);
      expect(sessions?.series[0]?.values.some((value) => value !== null)).toBe(true);
      const result = await run.done;
      expect([0, 1], result.stdout.slice(-3000)).toContain(result.code);
    } finally {
      try {
        run.signal('SIGKILL');
      } catch {
        // it has ended already
      }
      await run.done.catch(() => undefined);
    }
  }, 240_000);

  describe('a database without pg_stat_statements, read by a role without pg_read_all_stats', () => {
    let stack: LocalStack;
    beforeAll(async () => {
      stack = await startLocalStack({
        port: 0,
        auction: { submissionsMs: 8_000, roundMs: 20_000, tickIntervalMs: 1_000 },
      });
    }, 60_000);
    afterAll(async () => {
      await stack?.stop();
    });

    it('completes with the verdict of the scenario alone; the section says what was missing', async () => {
      const url = await database('plain', false);
      await sql(
        server.url,
        "drop role if exists rocket_watch_limited; create role rocket_watch_limited login password 'limited-pw-1234'",
      );
      const limited = new URL(url);
      limited.username = 'rocket_watch_limited';
      limited.password = 'limited-pw-1234';
      const env = {
        SUPABASE_URL: stack.url,
        SUPABASE_ANON_KEY: stack.anonKey,
        SIM_SUPABASE_SERVICE_ROLE_KEY: stack.serviceRoleKey,
        SIM_WALLET_SOURCE: 'ephemeral',
        SIM_SIWE_URI: 'http://localhost:3000/',
        ARTILLERY_DISABLE_TELEMETRY: 'true',
      };
      const out = join(work.path, 'limited');
      const run = await runCli(
        [
          'run',
          'once',
          '--target',
          stack.url,
          '--duration',
          '5',
          '--seed',
          '5',
          '--out',
          out,
          '--database-url',
          limited.toString(),
        ],
        { env, timeoutMs: 120_000 },
      );
      // the verdict is the scenario's own: the database gates the sampled run gained all passed
      expect([0, 1], run.stdout.slice(-3000)).toContain(run.code);
      const meta = readJson<{ ensure: { conditions: { expression: string }[] }; verdict: { reasons: unknown[] } }>(
        join(out, 'run-meta.json'),
      );
      expect(meta.ensure.conditions.map((condition) => condition.expression)).toContain('rocket.db.deadlocks == 0');
      expect(JSON.stringify(meta.verdict.reasons)).not.toContain('rocket.db.');
      const watch = readJson<DatabaseWatch>(join(out, 'database.json'));
      expect(watch.sampled).toBe(true);
      expect(watch.missing.join('\n')).toMatch(/pg_stat_statements is not installed/);
      expect(watch.missing.join('\n')).toMatch(/rocket_watch_limited is not a member of pg_read_all_stats/);
      const section = databaseSection(readFileSync(join(out, 'report.html'), 'utf8'));
      expect(section).toContain('pg_stat_statements is not installed in this database');
      expect(section).toContain('not a member of pg_read_all_stats');
    }, 240_000);
  });
});
