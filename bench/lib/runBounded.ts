/** @module Runs a benchmark task a bounded number of times from a few concurrent lanes, with a deadline. */

export interface BoundedRun {
  /** tasks that finished */
  done: number;
  elapsedMs: number;
  /** the deadline stopped the run before `count` tasks */
  timedOut: boolean;
}

/**
 * Starts `task(index, lane)` for index 0..count-1 from `concurrency` lanes; no new task starts after
 * `deadlineMs`. A task that throws ends the run with that error (benchmarks must not hide failures).
 */
export async function runBounded(options: {
  count: number;
  concurrency: number;
  deadlineMs: number;
  /** `lane` (0..concurrency-1) lets a task keep per-lane state, e.g. one user per lane */
  task: (index: number, lane: number) => Promise<void>;
}): Promise<BoundedRun> {
  const started = performance.now();
  const stopAt = started + options.deadlineMs;
  let next = 0;
  let done = 0;
  let timedOut = false;
  const lane = async (laneIndex: number) => {
    while (next < options.count) {
      if (performance.now() > stopAt) {
        timedOut = true;
        return;
      }
      const index = next++;
      await options.task(index, laneIndex);
      done += 1;
    }
  };
  await Promise.all(
    Array.from({ length: Math.max(1, Math.min(options.concurrency, options.count)) }, (_, laneIndex) =>
      lane(laneIndex),
    ),
  );
  return { done, elapsedMs: performance.now() - started, timedOut };
}
