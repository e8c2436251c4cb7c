/**
 * @module Stops the Artillery run when a worker's players cannot be set up (a missing key, a
 * malformed variable, an unreachable wallet pool): instead of every virtual user failing with a
 * bare `errors.E_CONFIG` counter, the worker prints the error's one line on stderr, once, sets the
 * run's exit code (2 for configuration errors: nothing was sent) and asks Artillery to shut down.
 */
import { ExitCode, SimError, exitCodeOf } from '../../errors/index.ts';
import { redactString } from '../../log/index.ts';

/** The parts of Artillery's global object (in a worker thread) this uses. */
interface ArtilleryGlobal {
  /** a setter: in a worker it forwards the code to the main thread, which exits with it */
  suggestedExitCode?: number;
}

let stopped = false;

/** The line printed for `error`: its message, and its code when it is not a plain configuration error. */
export function setupErrorLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const code = error instanceof SimError || error instanceof Error ? (error as { code?: unknown }).code : undefined;
  const suffix = typeof code === 'string' && code !== 'E_CONFIG' && !message.includes(code) ? ` (${code})` : '';
  return `rocket-sim: the players cannot start: ${redactString(message)}${suffix}`;
}

/**
 * Called for the first virtual user whose setup failed; later calls in the same worker do nothing.
 * Artillery's own graceful stop (SIGTERM to its process) ends every worker; its exit code is the
 * one set here, since Artillery exits with `suggestedExitCode` when one is set.
 */
export function stopRunOnSetupError(error: unknown): void {
  if (stopped) return;
  stopped = true;
  process.stderr.write(`${setupErrorLine(error)}\n`);
  const artillery = (globalThis as { artillery?: ArtilleryGlobal }).artillery;
  const code = exitCodeOf(error) === ExitCode.usage ? ExitCode.usage : ExitCode.crash;
  if (artillery) artillery.suggestedExitCode = code;
  // after the exit code message has left this thread (messages to the main thread keep their order)
  setImmediate(() => process.kill(process.pid, 'SIGTERM'));
}
