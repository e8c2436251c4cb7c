/**
 * @module The one way a `rocket-sim run` ends before its time. A stop (Ctrl-C, SIGTERM from `docker
 * stop`, a rule such as "every sign-in failed", the deadline, later `--abort-on-fail`) ends the run
 * gracefully: Artillery is stopped, the results of the time that ran are written, the health checks
 * run and the report is written with the stop on it. A second interrupt aborts at once. The first
 * stop wins; later requests are ignored.
 */
import type { RunStop } from '../../report/runStop.ts';

export interface RunStopper {
  /** the stop requested so far (undefined while the run runs its course) */
  readonly stop: RunStop | undefined;
  /** asks the run to end gracefully; ignored when a stop was already requested */
  request(stop: Omit<RunStop, 'at'>): void;
  /** `listener` is called once with the stop (at once when one was requested already); returns an unsubscribe */
  onStop(listener: (stop: RunStop) => void): () => void;
  /** removes the signal handlers */
  dispose(): void;
}

export interface RunStopperOptions {
  /** what a person sees after the first interrupt and after the second */
  say(line: string): void;
  /** the second interrupt: kill what runs and leave at once (default: exit 130) */
  abort(signal: NodeJS.Signals): void;
  /** the clock (tests) */
  now?: () => Date;
  /** the process whose SIGINT/SIGTERM are handled (tests pass an EventEmitter) */
  signals?: Pick<NodeJS.Process, 'on' | 'off'>;
}

/** Installs SIGINT and SIGTERM handlers: the first signal requests an `interrupted` stop, the second aborts. */
export function createRunStopper(options: RunStopperOptions): RunStopper {
  const now = options.now ?? (() => new Date());
  const signals = options.signals ?? process;
  const listeners = new Set<(stop: RunStop) => void>();
  let stop: RunStop | undefined;
  let interrupts = 0;

  const request = (requested: Omit<RunStop, 'at'>) => {
    if (stop) return;
    stop = { ...requested, at: now().toISOString() };
    for (const listener of [...listeners]) listener(stop);
  };
  const onSignal = (signal: NodeJS.Signals) => {
    interrupts += 1;
    if (interrupts === 1) {
      options.say(
        `rocket-sim: ${signal}: stopping the run (results of the time that ran, health checks, report); ${signal === 'SIGINT' ? 'Ctrl-C' : signal} again aborts at once`,
      );
      if (stop) options.say(`rocket-sim: the run is already stopping (${stop.reason})`);
      request({ kind: 'interrupted', reason: signal });
      return;
    }
    options.say(`rocket-sim: ${signal} again: aborting now, without results or report`);
    options.abort(signal);
  };
  signals.on('SIGINT', onSignal);
  signals.on('SIGTERM', onSignal);

  return {
    get stop() {
      return stop;
    },
    request,
    onStop(listener) {
      if (stop) {
        listener(stop);
        return () => {};
      }
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    dispose() {
      signals.off('SIGINT', onSignal);
      signals.off('SIGTERM', onSignal);
      listeners.clear();
    },
  };
}
