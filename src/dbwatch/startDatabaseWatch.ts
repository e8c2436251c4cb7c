/**
 * @module The database sampler beside a run: one read-only connection (its own statement and lock
 * timeouts), a sample every interval while the load runs, the load's phases marked on the same time
 * axis, and `database.json` written when it stops (also after an interrupt). It never fails a run:
 * a database it cannot reach or read is written down as not sampled, with the reason.
 */
import pg from 'pg';
import type { Logger } from '../log/index.ts';
import type { DatabaseSample, DatabaseWatch, PhaseMark } from './DatabaseWatch.ts';
import { probeDatabase, SAMPLER_TAG, type DatabaseCapabilities } from './probeDatabase.ts';
import { newSamplerState, sampleDatabase } from './sampleDatabase.ts';

export interface DatabaseWatcher {
  /** the database answered and is being sampled (false: `stop()` returns the reason) */
  readonly sampling: boolean;
  /** marks the start of a load phase (the rocket plugin's `rocket:phase` message) */
  onPhase(name: string, at?: number): void;
  /** what was sampled so far, in the shape of `database.json` (the live dashboard reads it every window) */
  snapshot(): DatabaseWatch;
  /** ends the sampling, closes the connection and returns what `database.json` holds; idempotent */
  stop(): Promise<DatabaseWatch>;
}

export interface DatabaseWatchOptions {
  /** the database URL: a secret, never logged nor written */
  url: string;
  /** what the report names as the watched database (no credentials) */
  source: string;
  intervalMs: number;
  log: Logger;
}

/** `host:port/database` of a URL, without user or password. */
export function databaseSource(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.host}${parsed.pathname}`;
  } catch {
    return 'the database';
  }
}

/** The first line of an error, with anything URL-like cut out (pg errors never carry the password, but be sure). */
function reasonOf(error: unknown): string {
  const text = (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
  return text.replace(/postgres(ql)?:\/\/\S+/gi, '<database url>');
}

/** Connects and starts sampling; resolves once the first sample (the baseline) is taken or the connection failed. */
export async function startDatabaseWatch(options: DatabaseWatchOptions): Promise<DatabaseWatcher> {
  const { log, intervalMs } = options;
  const startedAt = Date.now();
  const phases: PhaseMark[] = [];
  const samples: DatabaseSample[] = [];
  const state = newSamplerState();
  let failedSamples = 0;
  let capabilities: DatabaseCapabilities | undefined;
  let reason: string | undefined;
  const client = new pg.Client({ connectionString: options.url, application_name: 'rocket-sim-dbwatch' });
  client.on('error', () => {});
  const timeoutMs = Math.max(500, Math.min(intervalMs, 5000));
  try {
    await client.connect();
    await client.query(
      `${SAMPLER_TAG} set default_transaction_read_only = on; set statement_timeout = ${timeoutMs}; set lock_timeout = 200`,
    );
    capabilities = await probeDatabase(client);
    await sampleDatabase(client, capabilities, state);
  } catch (error) {
    reason = `cannot read ${options.source}: ${reasonOf(error)}`;
    await client.end().catch(() => {});
  }
  if (capabilities && reason === undefined) {
    log.info({ event: 'database_sampling', source: options.source, intervalMs, missing: capabilities.missing });
    if (capabilities.missing.length > 0)
      log.warn({ event: 'database_sampling_degraded', source: options.source, missing: capabilities.missing });
  } else {
    log.warn({ event: 'database_not_sampled', source: options.source, reason });
  }

  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let stopped = false;
  const tick = () => {
    if (stopped || !capabilities) return;
    running = sampleDatabase(client, capabilities, state)
      .then((sample) => {
        samples.push(sample);
      })
      .catch(() => {
        failedSamples += 1;
      })
      .finally(() => {
        running = undefined;
        if (!stopped) timer = setTimeout(tick, intervalMs);
      });
  };
  if (capabilities && reason === undefined) timer = setTimeout(tick, intervalMs);

  const current = (): DatabaseWatch => ({
    version: 1,
    sampled: reason === undefined,
    ...(reason === undefined ? {} : { reason }),
    source: options.source,
    intervalMs,
    startedAt,
    endedAt: Date.now(),
    server: capabilities
      ? {
          version: capabilities.version,
          maxConnections: capabilities.maxConnections,
          statementsTrack: capabilities.statementsTrack,
        }
      : undefined,
    missing: capabilities?.missing ?? [],
    phases: [...phases],
    samples: [...samples],
    statements: Object.fromEntries(state.texts),
    samplerMs: Math.round(state.samplerMs * 1000) / 1000,
    failedSamples,
  });
  let result: DatabaseWatch | undefined;
  return {
    sampling: capabilities !== undefined && reason === undefined,
    onPhase(name, at = Date.now()) {
      phases.push({ name, at });
    },
    snapshot: () => result ?? current(),
    async stop() {
      if (result) return result;
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
      // a last sample closes the last window
      if (capabilities && reason === undefined) {
        await sampleDatabase(client, capabilities, state)
          .then((sample) => samples.push(sample))
          .catch(() => (failedSamples += 1));
        await client.end().catch(() => {});
      }
      result = current();
      return result;
    },
  };
}

/** What database.json says when nothing could be sampled (embedded PGlite, no URL for a remote target). */
export function notSampled(reason: string, intervalMs: number): DatabaseWatch {
  const now = Date.now();
  return {
    version: 1,
    sampled: false,
    reason,
    source: 'none',
    intervalMs,
    startedAt: now,
    endedAt: now,
    server: undefined,
    missing: [],
    phases: [],
    samples: [],
    statements: {},
    samplerMs: 0,
    failedSamples: 0,
  };
}
