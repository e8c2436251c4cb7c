/**
 * @module Artillery plugin loaded by `rocket-sim run` (ARTILLERY_PLUGINS + ARTILLERY_PLUGIN_PATH).
 * Main thread: reports phases and 10-s stats to the parent over IPC for the progress display, writes
 * Artillery's own `ensure` verdicts to a file, records the run's gates, id and end in the results
 * file (`rocketSim`), and, when the run is stopped early (SIGINT/SIGTERM: Artillery 2.0.34 then
 * writes no results at all), writes the results file itself from the windows it saw plus what each
 * worker still held. Worker threads: flush their unsent metrics when stopped early, and release the
 * wallet pool leases the processor holds.
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { BroadcastChannel, threadId } from 'node:worker_threads';
import { attachSketches } from '../src/report/attachSketches.ts';
import { RECORDED_RUN_KEY, type RecordedRun } from '../src/report/recordedRun.ts';
import { serializeSketches, type EncodedSketches } from '../src/report/serializeSketches.ts';
import type { RunStop } from '../src/report/runStop.ts';

interface PluginConfig {
  /** where the ensure check results are written as JSON */
  checksFile?: string;
  /** the scenario name to record (default: the script's file name) */
  scenario?: string;
  /** the run id to record (default: SIM_RUN_ID) */
  runId?: string;
}

interface Script {
  config: { plugins?: Record<string, unknown> };
}

interface Emitter {
  on(event: string, listener: (...args: never[]) => void): void;
}

interface Phase {
  name?: string;
  index?: number;
  duration?: number;
  pause?: number;
}

/** One period of Artillery's metrics (SSMS), with live sketches in `histograms`. */
interface PeriodMetrics {
  period: number | string;
  counters?: Record<string, number>;
  histograms?: Record<string, unknown>;
  summaries?: Record<string, { p50?: number; p95?: number; p99?: number }>;
  [key: string]: unknown;
}

/** The parts of Artillery's SSMS class this plugin uses (global.artillery.__SSMS). */
interface SsmsClass {
  prototype: SsmsInstance;
  pack(periods: PeriodMetrics[]): PeriodMetrics;
  mergeBuckets(periods: PeriodMetrics[]): Record<string, PeriodMetrics>;
  summarizeHistogram(histogram: unknown): Record<string, number>;
  serializeMetrics(period: PeriodMetrics): string;
  deserializeMetrics(text: string): PeriodMetrics;
  empty(ts?: number): PeriodMetrics;
}

interface SsmsInstance {
  stop(): unknown;
  aggregate(forceAll?: boolean): void;
  getBucketIds(): string[];
  getMetrics(period: string): PeriodMetrics;
  on(event: string, listener: (...args: never[]) => void): void;
  off(event: string, listener: (...args: never[]) => void): void;
  __rocketFlushed?: boolean;
}

interface Check {
  original: string;
  strict: boolean;
  result: unknown;
}

interface ArtilleryGlobal {
  globalEvents?: Emitter;
  __SSMS?: SsmsClass;
  ext?: (extension: { ext: string; method: (event: unknown) => Promise<void> }) => void;
  testInfo?: {
    flags?: { output?: unknown };
    metadata?: { testConfig?: { environment?: string; scriptPath?: string } };
  };
}

/** Messages between the main thread and the workers of one Artillery process. */
type ChannelMessage =
  | { type: 'hello'; worker: number }
  | { type: 'received'; period: string }
  | { type: 'flushed'; worker: number; periods: string[] };

declare const global: { artillery?: ArtilleryGlobal };

const CHANNEL = 'rocket-sim:metrics';
/** How long the main thread waits for the workers' last metrics after an early stop. */
const FLUSH_WAIT_MS = 10_000;

const send = (message: unknown): void => {
  if (typeof process.send === 'function' && process.connected) process.send(message);
};

/** Writes JSON next to its destination, then renames it into place: readers never see half a file. */
function writeJsonAtomic(path: string, value: unknown): void {
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, `${JSON.stringify(value, null, 2)}\n`);
  renameSync(temp, path);
}

/** Artillery reads this from the module: stats arrive in the current (SSMS) format, not the legacy one. */
export const LEGACY_METRICS_FORMAT = false;

/** Artillery v2 plugin: receives aggregated (not per-worker) stats in the main thread. */
export class Plugin {
  // biome-ignore lint/style/noProcessEnv: LOCAL_WORKER_ID is Artillery's marker of a worker thread, no setting of ours
  private readonly worker = process.env.LOCAL_WORKER_ID !== undefined;
  private channel: BroadcastChannel | undefined;

  constructor(script: Script, events: Emitter) {
    const config = (script.config.plugins?.rocket ?? {}) as PluginConfig;
    if (this.worker) this.startWorker();
    else this.startMain(script, events, config);
  }

  // --- worker threads ------------------------------------------------------------------------

  /**
   * Makes the runner's metrics flush on an early stop: Artillery's `stop` command ends a worker
   * without sending the metrics of the window in progress (and of windows the main thread has not
   * received yet); these go to the main thread over a BroadcastChannel instead.
   */
  private startWorker(): void {
    const ssms = global.artillery?.__SSMS;
    if (!ssms) return;
    const channel = new BroadcastChannel(CHANNEL);
    channel.unref();
    this.channel = channel;
    const received = new Set<string>();
    channel.onmessage = (event: { data: ChannelMessage }) => {
      if (event.data.type === 'received') received.add(String(event.data.period));
    };
    channel.postMessage({ type: 'hello', worker: threadId } satisfies ChannelMessage);
    const proto = ssms.prototype;
    const aggregate = proto.aggregate;
    const stop = proto.stop;
    proto.aggregate = function (this: SsmsInstance, forceAll?: boolean) {
      // the normal end of a run flushes everything itself: nothing is left to send at stop()
      if (forceAll) this.__rocketFlushed = true;
      return aggregate.call(this, forceAll);
    };
    proto.stop = function (this: SsmsInstance) {
      if (!this.__rocketFlushed) {
        aggregate.call(this, true);
        this.__rocketFlushed = true;
        const periods = this.getBucketIds()
          .filter((period) => !received.has(String(period)))
          .map((period) => ssms.serializeMetrics(this.getMetrics(period)));
        try {
          channel.postMessage({ type: 'flushed', worker: threadId, periods } satisfies ChannelMessage);
        } catch {
          // the channel closed: the main thread is gone, there is nobody to send to
        }
      }
      return stop.call(this);
    };
  }

  // --- main thread ---------------------------------------------------------------------------

  private startMain(script: Script, events: Emitter, config: PluginConfig): void {
    const artillery = global.artillery;
    /** every 10-s window Artillery emitted, by period */
    const windows = new Map<string, PeriodMetrics>();
    /** each window's sketches, encoded when it arrives (Artillery replaces them by summaries at the end) */
    const sketches = new Map<string, EncodedSketches>();
    let done = false;
    let stop: RunStop | undefined;
    let requestedStop: Omit<RunStop, 'at'> | undefined;
    const workers = new Set<number>();
    const flushed = new Map<number, string[]>();
    let onFlushed: (() => void) | undefined;

    {
      const channel = new BroadcastChannel(CHANNEL);
      channel.unref();
      this.channel = channel;
      channel.onmessage = (event: { data: ChannelMessage }) => {
        const message = event.data;
        if (message.type === 'hello') workers.add(message.worker);
        if (message.type === 'flushed') {
          flushed.set(message.worker, message.periods);
          onFlushed?.();
        }
      };
    }

    const recorded = (): RecordedRun => {
      const testConfig = artillery?.testInfo?.metadata?.testConfig;
      const ensure = script.config.plugins?.ensure as RecordedRun['ensure'];
      const scriptPath = testConfig?.scriptPath;
      const scenario = config.scenario ?? (scriptPath ? basename(scriptPath).replace(/\.[^.]+$/, '') : undefined);
      // biome-ignore lint/style/noProcessEnv: plain Artillery runs have only the environment's run id (the processor's too)
      const runId = config.runId ?? process.env.SIM_RUN_ID;
      return {
        ...(scenario !== undefined ? { scenario } : {}),
        ...(testConfig?.environment ? { environment: testConfig.environment } : {}),
        ...(runId ? { runId } : {}),
        ...(ensure && typeof ensure === 'object' ? { ensure } : {}),
        ...(stop ? { stop } : {}),
      };
    };
    const outputPath = (): string | undefined => {
      const output = artillery?.testInfo?.flags?.output;
      // a directory output gets a timestamped name from Artillery that the plugin cannot know
      return typeof output === 'string' && output.endsWith('.json') ? output : undefined;
    };

    // Artillery handles SIGINT/SIGTERM from here on: a stop now gets the results of the time that ran
    send({ type: 'rocket:ready', at: Date.now() });
    events.on('phaseStarted', (phase: Phase) => {
      send({
        type: 'rocket:phase',
        name: phase.name,
        index: phase.index,
        durationSeconds: phase.duration ?? phase.pause,
        at: Date.now(),
      });
    });
    events.on('stats', (stats: PeriodMetrics) => {
      const period = String(stats.period);
      windows.set(period, stats);
      const windowSketches = serializeSketches(stats.histograms);
      sketches.set(period, windowSketches);
      this.channel?.postMessage({ type: 'received', period } satisfies ChannelMessage);
      send({
        type: 'rocket:stats',
        period: Number(stats.period),
        counters: stats.counters ?? {},
        responseTime: stats.summaries?.['http.response_time'],
        // the window's percentiles, for rules judged window by window (--abort-on-fail)
        summaries: stats.summaries ?? {},
        // the live dashboard's gates so far merge them into the run's percentiles
        sketches: windowSketches,
        at: Date.now(),
      });
    });
    events.on('done', () => {
      done = true;
    });
    // rocket-sim says why it stops the run before it sends the signal
    process.on('message', (message: { type?: string; stop?: Omit<RunStop, 'at'> }) => {
      if (message?.type === 'rocket:stop' && message.stop) requestedStop = message.stop;
    });
    artillery?.globalEvents?.on('shutdown:start', (opts: { earlyStop?: boolean; exitCode?: number }) => {
      if (!opts?.earlyStop || done) return;
      stop = {
        ...(requestedStop ?? { kind: 'interrupted', reason: opts.exitCode === 143 ? 'SIGTERM' : 'SIGINT' }),
        at: new Date().toISOString(),
      };
    });
    artillery?.globalEvents?.on('checks', (checks: Check[]) => {
      const results = checks.map((check) => ({
        expression: check.original,
        strict: check.strict,
        passed: check.result === 1 || check.result === true,
      }));
      if (config.checksFile) writeFileSync(config.checksFile, `${JSON.stringify(results, null, 2)}\n`);
      send({ type: 'rocket:checks', results });
    });
    // after a normal end Artillery has written the results file: add what it does not hold
    artillery?.ext?.({
      ext: 'beforeExit',
      method: async () => {
        const path = outputPath();
        if (!done || !path) return;
        const results = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
        writeJsonAtomic(path, { ...attachSketches(results, sketches), [RECORDED_RUN_KEY]: recorded() });
      },
    });

    this.finishEarlyStop = async () => {
      const path = outputPath();
      const ssms = artillery?.__SSMS;
      if (done || !stop || !path || !ssms) return;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, FLUSH_WAIT_MS);
        onFlushed = () => {
          if ([...workers].every((worker) => flushed.has(worker))) {
            clearTimeout(timer);
            resolve();
          }
        };
        onFlushed();
      });
      writeJsonAtomic(path, {
        ...earlyResults(ssms, windows, [...flushed.values()].flat()),
        [RECORDED_RUN_KEY]: recorded(),
      });
    };
  }

  private finishEarlyStop: (() => Promise<void>) | undefined;

  private closeChannel(): void {
    const channel = this.channel;
    this.channel = undefined;
    channel?.close();
  }

  /** Called in each worker thread before it exits, and in the main thread after the workers were told to stop. */
  cleanup(done: () => void): void {
    if (!this.worker) {
      const finish = this.finishEarlyStop?.() ?? Promise.resolve();
      finish
        .catch((error: unknown) => {
          process.stderr.write(`rocket plugin: could not write the results of the stopped run: ${String(error)}\n`);
        })
        .finally(() => {
          this.closeChannel();
          done();
        });
      return;
    }
    this.closeChannel();
    const close = (globalThis as { __rocketSimClose?: () => Promise<void> }).__rocketSimClose;
    if (!close) {
      done();
      return;
    }
    close().then(done, done);
  }
}

/**
 * The results file of a stopped run in Artillery's own shape: every window Artillery emitted, plus
 * the windows only the workers' flushes hold (merged across workers), and their aggregate with
 * percentiles from the merged sketches.
 */
function earlyResults(
  ssms: SsmsClass,
  windows: Map<string, PeriodMetrics>,
  flushes: string[],
): Record<string, unknown> {
  const pending = flushes.map((text) => ssms.deserializeMetrics(text)).filter((pd) => !windows.has(String(pd.period)));
  const extra = Object.values(ssms.mergeBuckets(pending)).map((pd) => ({ ...pd, summaries: summaries(ssms, pd) }));
  const periods = [...windows.values(), ...extra].sort((a, b) => Number(a.period) - Number(b.period));
  const aggregate = periods.length > 0 ? ssms.pack(periods) : ssms.empty();
  const aggregateSummaries = summaries(ssms, aggregate);
  // Artillery reports these at a normal end even when zero; virtual users still playing at the stop
  // are neither completed nor failed
  const counters = { 'vusers.completed': 0, 'vusers.failed': 0, ...aggregate.counters };
  return {
    aggregate: {
      ...aggregate,
      counters,
      summaries: aggregateSummaries,
      histograms: aggregateSummaries,
      sketches: serializeSketches(aggregate.histograms),
    },
    intermediate: periods.map((pd) => ({
      ...pd,
      histograms: pd.summaries ?? summaries(ssms, pd),
      sketches: serializeSketches(pd.histograms),
    })),
  };
}

function summaries(ssms: SsmsClass, pd: PeriodMetrics): Record<string, Record<string, number>> {
  return Object.fromEntries(
    Object.entries(pd.histograms ?? {}).map(([name, sketch]) => [name, ssms.summarizeHistogram(sketch)]),
  );
}
