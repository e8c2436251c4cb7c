/** @module Typed errors with stable string codes; the CLI maps each to an exit code. */

/** Process exit codes of every rocket-sim command (docs/ci.md). */
export const ExitCode = {
  ok: 0,
  /** an `ensure` gate, a health check or a comparison failed */
  gateFailed: 1,
  /** usage or configuration error: nothing was sent */
  usage: 2,
  /** the target was unreachable or the run crashed */
  crash: 3,
  /** interrupted before the load started (nothing sent), or aborted by a second interrupt (128 + SIGINT) */
  interrupted: 130,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/**
 * Base class of every error rocket-sim raises on purpose. Messages name the variable, flag or
 * row at fault and never contain a secret.
 */
export class SimError extends Error {
  readonly code: string = 'E_SIM';
  readonly exitCode: ExitCode = ExitCode.crash;
  override name = 'SimError';
}

/** Wrong command line: unknown command, flag or argument. */
export class UsageError extends SimError {
  override readonly code: string = 'E_USAGE';
  override readonly exitCode: ExitCode = ExitCode.usage;
  override name = 'UsageError';
}

/** A configuration value (environment variable or flag) is missing or malformed. */
export class ConfigError extends SimError {
  override readonly code: string = 'E_CONFIG';
  override readonly exitCode: ExitCode = ExitCode.usage;
  override name = 'ConfigError';
  /** the environment variable or flag at fault */
  readonly variable: string;
  constructor(variable: string, message: string, options?: ErrorOptions) {
    super(`${variable}: ${message}`, options);
    this.variable = variable;
  }
}

/** The pre-flight found the plan over a platform limit and was told to refuse (`--strict-preflight`, `-e production`). */
export class PreflightError extends SimError {
  override readonly code: string = 'E_PREFLIGHT';
  override readonly exitCode: ExitCode = ExitCode.usage;
  override name = 'PreflightError';
}

/** The target did not answer (connection refused, DNS failure, timeout). */
export class TargetUnreachableError extends SimError {
  override readonly code: string = 'E_TARGET_UNREACHABLE';
  override name = 'TargetUnreachableError';
}

/** SIGINT/SIGTERM arrived before the load started: nothing was sent and nothing is left half-written. */
export class RunInterruptedError extends SimError {
  override readonly code: string = 'E_INTERRUPTED';
  override readonly exitCode: ExitCode = ExitCode.interrupted;
  override name = 'RunInterruptedError';
}

/** Returns the exit code for any thrown value: SimErrors carry theirs, anything else is a crash. */
export function exitCodeOf(error: unknown): ExitCode {
  return error instanceof SimError ? error.exitCode : ExitCode.crash;
}
