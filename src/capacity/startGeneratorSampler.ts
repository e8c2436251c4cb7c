/**
 * @module Generator honesty, worker side: each Artillery worker thread measures its own saturation
 * once a second (event-loop delay from `perf_hooks.monitorEventLoopDelay`, the thread's CPU share,
 * the process RSS) and emits them as `rocket.generator.*` histograms, so every 10-s window of the
 * results says whether the generator could keep up. A starved worker sends late and under-reports
 * latency (coordinated omission); these metrics are how the report tells.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { GENERATOR_METRICS } from './generatorMetrics.ts';

export interface GeneratorMetricSink {
  histogram(name: string, value: number): void;
}

/** How often one sample is taken (ms). */
const SAMPLE_MS = 1000;

let started: (() => void) | undefined;

/** CPU time of this thread (Node ≥ 23.9 `process.threadCpuUsage`), else of the process. */
function cpuMicros(): number {
  const usage = (process as { threadCpuUsage?: () => NodeJS.CpuUsage }).threadCpuUsage?.() ?? process.cpuUsage();
  return usage.user + usage.system;
}

/**
 * Starts sampling into `sink` (once per thread: later calls return the running sampler's stop).
 * Every second: `rocket.generator.event_loop_p99_ms` (p99 of the event-loop delay over that second),
 * `rocket.generator.cpu_pct` (CPU of this thread, % of one core), `rocket.generator.rss_mb`.
 * The timer is unref'd: it never keeps a worker alive. Returns a stop function.
 */
export function startGeneratorSampler(
  sink: GeneratorMetricSink,
  now: () => number = performance.now.bind(performance),
): () => void {
  if (started) return started;
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  let lastWall = now();
  let lastCpu = cpuMicros();
  const timer = setInterval(() => {
    const wall = now();
    const cpu = cpuMicros();
    const elapsedMs = wall - lastWall;
    if (elapsedMs > 0) sink.histogram(GENERATOR_METRICS.cpuPct, ((cpu - lastCpu) / 1000 / elapsedMs) * 100);
    // the histogram holds nanoseconds; an idle loop still reports its resolution (~10 ms)
    sink.histogram(GENERATOR_METRICS.eventLoopP99Ms, delay.percentile(99) / 1e6);
    sink.histogram(GENERATOR_METRICS.rssMb, process.memoryUsage.rss() / 1024 / 1024);
    delay.reset();
    lastWall = wall;
    lastCpu = cpu;
  }, SAMPLE_MS);
  timer.unref();
  started = () => {
    clearInterval(timer);
    delay.disable();
    started = undefined;
  };
  return started;
}
