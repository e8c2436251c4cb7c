/**
 * @module Which database a run samples, and `database.json` in its folder: the embedded stack's
 * PostgreSQL backend on its own, a remote target's database from `--database-url` or
 * SIM_DATABASE_URL; embedded PGlite and a remote target without a URL are written down as not
 * sampled, with the reason. The URL is registered as a secret before anything can print it.
 */
import { join } from 'node:path';
import type { SimConfig } from '../../config/index.ts';
import { databaseSource, notSampled, startDatabaseWatch, type DatabaseWatch } from '../../dbwatch/index.ts';
import type { Logger } from '../../log/index.ts';
import { registerSecret } from '../../log/index.ts';
import { writeFileAtomic } from '../../report/writeFileAtomic.ts';

export interface RunDatabaseWatch {
  /** the sampler reads the database (the scenario's database gates apply); false also when it could not connect */
  sampling: boolean;
  /** the rocket plugin's IPC messages: phases are marked on the sampler's time axis */
  onMessage(message: unknown): void;
  /** what was sampled so far (the live dashboard's database panels) */
  snapshot(): DatabaseWatch;
  /** stops sampling and writes `database.json` into `outDir`; idempotent */
  finish(outDir: string): Promise<DatabaseWatch>;
  /** stops sampling without writing (a run that ends before its load); idempotent */
  close(): Promise<void>;
}

/** Why embedded PGlite is not sampled: what it lacks. */
const PGLITE_REASON =
  'embedded PGlite: it has no pg_stat_statements, a single backend (no other sessions in pg_stat_activity, no lock waits in pg_locks) and no pg_stat_database counters; run with --database-url postgres://… to sample the database';

export async function startRunDatabaseWatch(options: {
  config: SimConfig;
  /** the embedded stack runs this run (its backend URL when it is PostgreSQL, its own time per endpoint) */
  local: { databaseUrl: string | undefined; serverTimes(): NonNullable<DatabaseWatch['serverTimes']> } | undefined;
  /** `--database-url` of a remote target */
  databaseUrl: string | undefined;
  log: Logger;
}): Promise<RunDatabaseWatch> {
  const { config, log } = options;
  const intervalMs = config.dbwatch.sampleIntervalMs;
  const url = options.local ? options.local.databaseUrl : (options.databaseUrl ?? config.dbwatch.databaseUrl);
  const local = options.local;
  const before = local?.serverTimes();
  /** the stack's time per endpoint since the sampler started */
  const serverTimes = (): Pick<DatabaseWatch, 'serverTimes'> => {
    if (!local || !before) return {};
    const delta: NonNullable<DatabaseWatch['serverTimes']> = {};
    for (const [endpoint, now] of Object.entries(local.serverTimes())) {
      const was = before[endpoint];
      const calls = now.calls - (was?.calls ?? 0);
      if (calls > 0)
        delta[endpoint] = {
          calls,
          totalMs: Math.round((now.totalMs - (was?.totalMs ?? 0)) * 10) / 10,
          maxMs: Math.round(now.maxMs * 10) / 10,
          errors: now.errors - (was?.errors ?? 0),
        };
    }
    return { serverTimes: delta };
  };
  if (url === undefined) {
    const reason = local
      ? PGLITE_REASON
      : 'no database URL was given: pass --database-url (or SIM_DATABASE_URL) to sample the target database';
    let written: DatabaseWatch | undefined;
    return {
      sampling: false,
      onMessage() {},
      snapshot: () => notSampled(reason, intervalMs),
      finish: async (outDir) => {
        written ??= { ...notSampled(reason, intervalMs), ...serverTimes() };
        await writeFileAtomic(join(outDir, 'database.json'), `${JSON.stringify(written)}\n`);
        return written;
      },
      close: async () => {},
    };
  }
  registerSecret(url);
  const password = (() => {
    try {
      return decodeURIComponent(new URL(url).password);
    } catch {
      return '';
    }
  })();
  registerSecret(password);
  const source = options.local ? `embedded stack PostgreSQL (${databaseSource(url)})` : databaseSource(url);
  const watcher = await startDatabaseWatch({ url, source, intervalMs, log });
  let finished: Promise<DatabaseWatch> | undefined;
  return {
    // a database that did not answer adds no gates: the run is judged as an unsampled one
    sampling: watcher.sampling,
    onMessage(message) {
      const typed = message as { type?: string; name?: string; index?: number; at?: number };
      if (typed.type === 'rocket:phase')
        watcher.onPhase(
          typed.name ?? `phase ${(typed.index ?? 0) + 1}`,
          typeof typed.at === 'number' ? typed.at : undefined,
        );
    },
    snapshot: () => watcher.snapshot(),
    finish(outDir) {
      finished ??= watcher.stop().then(async (sampled) => {
        const result = { ...sampled, ...serverTimes() };
        await writeFileAtomic(join(outDir, 'database.json'), `${JSON.stringify(result)}\n`);
        return result;
      });
      return finished;
    },
    async close() {
      await watcher.stop();
    },
  };
}
