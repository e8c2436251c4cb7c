/** @module Typed errors of the managed wallet pool; messages name the table, wallet, key id or variable, never key material. */
import { ConfigError, ExitCode, SimError } from '../errors/index.ts';
import { PoolDecryptError } from '../wallets/index.ts';

/** The project lacks the pool schema (a migration is not applied): fix the project, then re-run. */
export class PoolSchemaError extends SimError {
  override readonly code: string = 'E_POOL_SCHEMA';
  override readonly exitCode: ExitCode = ExitCode.usage;
  override name = 'PoolSchemaError';
}

/** The key in use may not touch the pool tables (not the service-role key, or an invalid JWT). */
export class PoolAccessError extends ConfigError {
  override readonly code: string = 'E_POOL_ACCESS';
  override name = 'PoolAccessError';
}

/** A pool request failed for another reason (constraint, timeout, HTTP 5xx). */
export class PoolRequestError extends SimError {
  override readonly code: string = 'E_POOL_REQUEST';
  override name = 'PoolRequestError';
  /** PostgreSQL SQLSTATE or PostgREST code, '' when the server gave none */
  readonly dbCode: string;
  constructor(message: string, dbCode: string, options?: ErrorOptions) {
    super(message, options);
    this.dbCode = dbCode;
  }
}

/** No usable wallet: the pool is empty, every row is leased, or no row decrypts. */
export class PoolEmptyError extends SimError {
  override readonly code: string = 'E_POOL_EMPTY';
  override readonly exitCode: ExitCode = ExitCode.usage;
  override name = 'PoolEmptyError';
}

/**
 * The configured encryption key does not open the pool's rows stored under its own key id:
 * writing with it would mix two keys under one kid, so nothing is written.
 */
export class PoolWrongKeyError extends PoolDecryptError {
  override readonly code: string = 'E_POOL_WRONG_KEY';
  override name = 'PoolWrongKeyError';
}
