/**
 * @module The local stack's auction scheduler: what the production `auction-tick` cron does, on a
 * fast cadence. It calls the database's tick function (the reference schema's `run_auction_tick()`,
 * or a project's own) and writes the cadence where the schema reads it from settings.
 */
import type { Logger } from '../log/index.ts';
import type { Db } from './db/index.ts';

export interface AuctionCadence {
  /** length of the submission phase */
  submissionsMs: number;
  /** whole round, submissions + bidding */
  roundMs: number;
  /** how often the stack runs the tick function; 0 = no ticker */
  tickIntervalMs: number;
}

/**
 * Where the round lengths come from: `settings` when the schema reads them from
 * `public.auction_settings` (the stack can shorten them), `fixed` when its functions hard-code them.
 */
export type CadenceSource = 'settings' | 'fixed';

export interface AuctionTicker {
  start(): void;
  /** stops the interval and waits for a tick in flight */
  stop(): Promise<void>;
  /** pauses scheduling (the stack keeps serving); used to simulate a dead scheduler */
  pause(): void;
  resume(): void;
  /** runs `run_auction_tick()` now (waits for a tick in flight first) */
  tickNow(): Promise<unknown>;
  status(): {
    running: boolean;
    ticks: number;
    lastTickAt: string | undefined;
    lastError: string | undefined;
    intervalMs: number;
    /** the function each tick calls, `public.<name>()` */
    tickFunction: string;
    cadence: CadenceSource;
  };
}

const PRODUCTION_TICK_MS = 60_000;

/**
 * Writes the cadence into `auction_settings` (when given and the schema reads it there) and returns
 * a ticker calling `public.<tickFunction>()`. Ticks never overlap: the next one waits for the
 * previous, like the production tick's advisory lock.
 */
export async function createAuctionTicker(
  db: Db,
  cadence: AuctionCadence | undefined,
  log?: Logger,
  tickFunction = 'run_auction_tick',
): Promise<AuctionTicker> {
  const [columns] = await db.query<{ n: number }>(
    `select count(*)::int as n from information_schema.columns
      where table_schema = 'public' and table_name = 'auction_settings'
        and column_name in ('submission_window', 'round_duration')`,
  );
  const source: CadenceSource = columns?.n === 2 ? 'settings' : 'fixed';
  if (cadence && source === 'fixed') {
    log?.warn({
      event: 'auction_cadence_fixed',
      tickFunction,
      message: 'the schema has no public.auction_settings to read round lengths from: its own cadence applies',
    });
  }
  if (cadence && source === 'settings') {
    await db.query(
      `update public.auction_settings
          set submission_window = make_interval(secs => $1::double precision / 1000),
              round_duration = make_interval(secs => $2::double precision / 1000),
              updated_at = now()`,
      [cadence.submissionsMs, cadence.roundMs],
    );
  }
  const intervalMs = cadence?.tickIntervalMs ?? PRODUCTION_TICK_MS;
  let timer: NodeJS.Timeout | undefined;
  let inFlight: Promise<unknown> = Promise.resolve();
  let ticks = 0;
  let lastTickAt: string | undefined;
  let lastError: string | undefined;
  let paused = false;

  const tickNow = (): Promise<unknown> => {
    inFlight = inFlight.then(async () => {
      try {
        const rows = await db.query<{ result: unknown }>(`select public.${tickFunction}() as result`);
        ticks += 1;
        lastTickAt = new Date().toISOString();
        lastError = undefined;
        return rows[0]?.result;
      } catch (error) {
        lastError = error instanceof Error ? error.message : String(error);
        log?.warn({ event: 'auction_tick_failed', message: lastError });
        return undefined;
      }
    });
    return inFlight;
  };

  return {
    start() {
      if (timer) return;
      void tickNow();
      timer = setInterval(() => {
        if (!paused) void tickNow();
      }, intervalMs);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
      await inFlight;
    },
    pause() {
      paused = true;
    },
    resume() {
      paused = false;
    },
    tickNow,
    status: () => ({
      running: timer !== undefined && !paused,
      ticks,
      lastTickAt,
      lastError,
      intervalMs,
      tickFunction,
      cadence: source,
    }),
  };
}
