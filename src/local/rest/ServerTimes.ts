/**
 * @module Time the embedded PostgREST spends per endpoint, from the request reaching it to its
 * response (role prelude, statement, body): what the stack can say about the database when it runs
 * on PGlite, which has none of the statistics views. Keyed like the load report's request names.
 */

export interface EndpointTime {
  calls: number;
  totalMs: number;
  maxMs: number;
  /** responses with a status of 400 or more */
  errors: number;
}

export type ServerTimes = Record<string, EndpointTime>;

/** Accumulates per-endpoint times; `snapshot()` copies them. */
export function createServerTimes(): {
  record(endpoint: string, ms: number, failed: boolean): void;
  snapshot(): ServerTimes;
} {
  const times = new Map<string, EndpointTime>();
  return {
    record(endpoint, ms, failed) {
      const time = times.get(endpoint) ?? { calls: 0, totalMs: 0, maxMs: 0, errors: 0 };
      time.calls += 1;
      time.totalMs += ms;
      time.maxMs = Math.max(time.maxMs, ms);
      if (failed) time.errors += 1;
      times.set(endpoint, time);
    },
    snapshot: () => Object.fromEntries([...times].map(([endpoint, time]) => [endpoint, { ...time }])),
  };
}
