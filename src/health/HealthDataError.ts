/** @module A response value without the shape a health check relies on (e.g. an amount that is not a decimal). */
import { ExitCode, SimError } from '../errors/index.ts';

/** The message names the column and row; the check that read it fails with it (exit code 1). */
export class HealthDataError extends SimError {
  override readonly code: string = 'E_HEALTH_DATA';
  override readonly exitCode: ExitCode = ExitCode.gateFailed;
  override name = 'HealthDataError';
}
