/**
 * @module Artillery plugin loaded by `rocket-sim run` (ARTILLERY_PLUGINS + ARTILLERY_PLUGIN_PATH).
 * Main thread: reports phases and 10-s stats to the parent over IPC for the progress display, and
 * writes Artillery's own `ensure` verdicts to a file (synchronously: they arrive just before exit).
 * Worker threads: on shutdown, releases the wallet pool leases the processor holds.
 */
import { writeFileSync } from 'node:fs';

interface PluginConfig {
  /** where the ensure check results are written as JSON */
  checksFile?: string;
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

interface Stats {
  counters?: Record<string, number>;
  summaries?: Record<string, { p50?: number; p95?: number; p99?: number }>;
  period?: number | string;
}

interface Check {
  original: string;
  strict: boolean;
  result: unknown;
}

declare const global: { artillery?: { globalEvents?: Emitter } };

const send = (message: unknown): void => {
  if (typeof process.send === 'function' && process.connected) process.send(message);
};

/** Artillery reads this from the module: stats arrive in the current (SSMS) format, not the legacy one. */
export const LEGACY_METRICS_FORMAT = false;

/** Artillery v2 plugin: receives aggregated (not per-worker) stats in the main thread. */
export class Plugin {
  // biome-ignore lint/style/noProcessEnv: LOCAL_WORKER_ID is Artillery's marker of a worker thread, no setting of ours
  private readonly worker = process.env.LOCAL_WORKER_ID !== undefined;

  constructor(script: Script, events: Emitter) {
    if (this.worker) return;
    const config = (script.config.plugins?.rocket ?? {}) as PluginConfig;
    events.on('phaseStarted', (phase: Phase) => {
      send({
        type: 'rocket:phase',
        name: phase.name,
        index: phase.index,
        durationSeconds: phase.duration ?? phase.pause,
        at: Date.now(),
      });
    });
    events.on('stats', (stats: Stats) => {
      const responseTime = stats.summaries?.['http.response_time'];
      send({
        type: 'rocket:stats',
        period: Number(stats.period),
        counters: stats.counters ?? {},
        responseTime,
        at: Date.now(),
      });
    });
    global.artillery?.globalEvents?.on('checks', (checks: Check[]) => {
      const results = checks.map((check) => ({
        expression: check.original,
        strict: check.strict,
        passed: check.result === 1 || check.result === true,
      }));
      if (config.checksFile) writeFileSync(config.checksFile, `${JSON.stringify(results, null, 2)}\n`);
      send({ type: 'rocket:checks', results });
    });
  }

  /** Called in each worker thread before it exits. */
  cleanup(done: () => void): void {
    const close = (globalThis as { __rocketSimClose?: () => Promise<void> }).__rocketSimClose;
    if (!this.worker || !close) {
      done();
      return;
    }
    close().then(done, done);
  }
}
