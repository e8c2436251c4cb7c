/**
 * @module Test support: stops every `rocket-sim` child a test file started, all at once. SIGTERM
 * first (a clean stop, as users stop it); whatever still runs after `graceMs` is killed with its
 * process group, so a failed or slow test never leaves a stack running after vitest exits.
 */
import type { RunningCli } from './startCli.ts';

/** Signals all, waits up to `graceMs` for each, then SIGKILLs the process groups still alive. */
export async function stopClis(clis: readonly RunningCli[], graceMs = 20_000): Promise<void> {
  const ended = new Set<RunningCli>();
  for (const cli of clis) {
    void cli.done.then(() => ended.add(cli));
    try {
      cli.signal('SIGTERM');
    } catch {
      // already gone
    }
  }
  await Promise.race([
    Promise.all(clis.map((cli) => cli.done)),
    new Promise((resolve) => setTimeout(resolve, graceMs).unref()),
  ]);
  for (const cli of clis) {
    if (ended.has(cli)) continue;
    try {
      process.kill(-cli.pid, 'SIGKILL');
    } catch {
      // ended meanwhile
    }
  }
  await Promise.all(clis.map((cli) => cli.done));
}
