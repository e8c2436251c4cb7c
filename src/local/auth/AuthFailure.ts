/** @module The two error kinds GoTrue answers with: HTTPError (status + error code) and OAuthError (always 400). */
import { ExitCode, SimError } from '../../errors/index.ts';

/** A GoTrue HTTPError: rendered per `X-Supabase-Api-Version` (contract A2). */
export interface HttpAuthFailure {
  kind: 'http';
  status: number;
  /** GoTrue `error_code`, e.g. `validation_failed` */
  code: string;
  message: string;
}

/** A GoTrue OAuthError: HTTP 400 `{error, error_description}`. */
export interface OAuthAuthFailure {
  kind: 'oauth';
  /** OAuth error, `invalid_grant` unless stated */
  error?: string;
  description: string;
}

export type AuthFailure = HttpAuthFailure | OAuthAuthFailure;

/** Builds an HTTPError failure. */
export function httpFailure(status: number, code: string, message: string): HttpAuthFailure {
  return { kind: 'http', status, code, message };
}

/** Builds an OAuthError failure (`invalid_grant` by default). */
export function oauthFailure(description: string, error = 'invalid_grant'): OAuthAuthFailure {
  return error === 'invalid_grant' ? { kind: 'oauth', description } : { kind: 'oauth', error, description };
}

/** Carries an AuthFailure out of a transaction (which rolls back) to the response renderer. */
export class AuthRequestError extends SimError {
  override readonly code: string = 'E_AUTH_REQUEST';
  override readonly exitCode: ExitCode = ExitCode.usage;
  override name = 'AuthRequestError';
  readonly failure: AuthFailure;
  constructor(failure: AuthFailure, options?: ErrorOptions) {
    super(
      failure.kind === 'http'
        ? `${failure.status} ${failure.code}: ${failure.message}`
        : `${failure.error ?? 'invalid_grant'}: ${failure.description}`,
      options,
    );
    this.failure = failure;
  }
}
