/**
 * @module Generator honesty, judging side: the names of the `rocket.generator.*` metrics each
 * worker emits, the documented saturation bounds, and the judgment of one 10-s window: was the
 * load generator itself the limit? (docs/performance.md#generator-saturation)
 */

/** Histograms each Artillery worker emits once a second (src/capacity/startGeneratorSampler.ts). */
export const GENERATOR_METRICS = {
  /** p99 of the worker's event-loop delay over one second, ms */
  eventLoopP99Ms: 'rocket.generator.event_loop_p99_ms',
  /** CPU time of the worker thread over one second, % of one core */
  cpuPct: 'rocket.generator.cpu_pct',
  /** resident set size of the Artillery process, MB */
  rssMb: 'rocket.generator.rss_mb',
} as const;

/**
 * A window is saturated when the median of its per-second event-loop p99 samples is above this
 * (ms): a worker whose timers run this late sends its requests late, and measures late.
 */
export const SATURATED_EVENT_LOOP_P99_MS = 200;
/** ... or when the median of its per-second CPU samples is at least this (% of one core). */
export const SATURATED_CPU_PCT = 95;

export interface GeneratorWindow {
  /** median of the per-second event-loop p99 samples, ms (null: no sample in the window) */
  eventLoopP99Ms: number | null;
  /** median of the per-second CPU samples, % of one core */
  cpuPct: number | null;
  /** highest RSS sampled, MB */
  rssMb: number | null;
  /** the generator was the limit in this window */
  saturated: boolean;
  /** why, for people: `event-loop p99 850 ms > 200 ms` */
  reason: string | undefined;
}

type Summaries = Readonly<Record<string, Readonly<Record<string, number>> | undefined>>;

/** The generator's state in one window (summaries of `intermediate[i]`), judged by the bounds above. */
export function generatorWindow(summaries: Summaries): GeneratorWindow {
  const loop = summaries[GENERATOR_METRICS.eventLoopP99Ms]?.p50 ?? null;
  const cpu = summaries[GENERATOR_METRICS.cpuPct]?.p50 ?? null;
  const rss = summaries[GENERATOR_METRICS.rssMb]?.max ?? null;
  const reasons: string[] = [];
  if (loop !== null && loop > SATURATED_EVENT_LOOP_P99_MS)
    reasons.push(`event-loop p99 ${Math.round(loop)} ms > ${SATURATED_EVENT_LOOP_P99_MS} ms`);
  if (cpu !== null && cpu >= SATURATED_CPU_PCT)
    reasons.push(`CPU ${Math.round(cpu)} % ≥ ${SATURATED_CPU_PCT} % of a core`);
  return {
    eventLoopP99Ms: loop,
    cpuPct: cpu,
    rssMb: rss,
    saturated: reasons.length > 0,
    reason: reasons.length > 0 ? reasons.join(', ') : undefined,
  };
}
