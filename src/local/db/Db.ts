/** @module The database seam of the local stack: one interface over PGlite and a PostgreSQL pool. */

/** Something SQL can be sent to: the database itself or an open transaction. */
export interface Queryable {
  /**
   * Runs one statement with `$1..$n` parameters and returns its rows. Value types differ between
   * drivers (bigint/numeric may arrive as string or number): cast in SQL (`::text`, `::int`) when JS reads a value.
   */
  query<Row = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<Row[]>;
  /** Runs a multi-statement SQL script without parameters. */
  exec(sql: string): Promise<void>;
}

/** A database backend. Everything above the driver uses only this. */
export interface Db extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /**
   * Runs `fn` in one transaction (BEGIN ... COMMIT, ROLLBACK on throw). PGlite has one connection,
   * so its transactions run one at a time; PostgreSQL runs them concurrently from a pool.
   */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** The fields both drivers put on a database error. */
export interface DbErrorFields {
  code: string;
  message: string;
  detail?: string | undefined;
  hint?: string | undefined;
}

/** True for errors raised by PostgreSQL (either driver): they carry a 5-character SQLSTATE `code`. */
export function isDbError(error: unknown): error is Error & DbErrorFields {
  const code: unknown = error instanceof Error ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code);
}
