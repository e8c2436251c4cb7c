/** @module A PostgREST request of a health check that the target answered with an error. */
import { ExitCode, SimError } from '../errors/index.ts';

/** PostgREST codes meaning "this table, view or function does not exist on the target". */
const MISSING_CODES = new Set(['PGRST205', 'PGRST202', '42P01']);
/** An error page from a proxy can be a whole HTML document; a summary needs its start only. */
const MAX_DETAIL = 300;

/**
 * The target answered a health-check request with an HTTP error. The message names the request and
 * quotes PostgREST's code and message (never headers or keys). A failed check is exit code 1.
 */
export class HealthRequestError extends SimError {
  override readonly code: string = 'E_HEALTH_REQUEST';
  override readonly exitCode: ExitCode = ExitCode.gateFailed;
  override name = 'HealthRequestError';
  /** table, view or `rpc/<function>` the request went to */
  readonly relation: string;
  readonly status: number;
  /** PostgREST or SQLSTATE code from the error body, '' when there was none */
  readonly pgrstCode: string;

  constructor(relation: string, status: number, pgrstCode: string, detail: string) {
    const shown = detail.length > MAX_DETAIL ? `${detail.slice(0, MAX_DETAIL)}…` : detail;
    super(`${relation}: HTTP ${status}${pgrstCode ? ` ${pgrstCode}` : ''}${shown ? ` ${shown}` : ''}`);
    this.relation = relation;
    this.status = status;
    this.pgrstCode = pgrstCode;
  }

  /** The target has no such table, view or function (404 PGRST205 / PGRST202 / 42P01). */
  get missing(): boolean {
    return this.status === 404 && MISSING_CODES.has(this.pgrstCode);
  }
}
