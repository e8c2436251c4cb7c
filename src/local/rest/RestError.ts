/** @module The error every REST request path raises on purpose: a PostgREST-shaped response waiting to be sent. */
import { SimError } from '../../errors/index.ts';

/** The JSON body PostgREST sends for every error: all four keys, `details`/`hint` null when absent. */
export interface RestErrorBody {
  code: string;
  message: string;
  details: string | null;
  hint: string | null;
}

/** A request the REST layer refuses, with the HTTP status, body and extra headers to answer with. */
export class RestError extends SimError {
  override readonly code: string = 'E_REST_REQUEST';
  override name = 'RestError';
  readonly status: number;
  readonly body: RestErrorBody;
  readonly headers: Record<string, string>;

  constructor(
    status: number,
    body: { code: string; message: string; details?: string | null; hint?: string | null },
    headers: Record<string, string> = {},
  ) {
    super(`${body.code}: ${body.message}`);
    this.status = status;
    this.body = { code: body.code, message: body.message, details: body.details ?? null, hint: body.hint ?? null };
    this.headers = headers;
  }
}
