import { describe, expect, it } from 'vitest';
import type { Db } from '../db/index.ts';
import type { LocalRequest } from '../http/types.ts';
import { RestError } from './RestError.ts';
import { runTransaction, type TransactionContext } from './runTransaction.ts';
import type { SchemaCache } from './schemaCache.ts';

/** A database whose pool never hands out a connection, as pg-pool reports it after connectionTimeoutMillis. */
const exhausted = {
  kind: 'postgres',
  transaction: async () => {
    throw new Error('timeout exceeded when trying to connect');
  },
} as unknown as Db;

const context: TransactionContext = {
  db: exhausted,
  cache: { roleSettings: new Map() } as unknown as SchemaCache,
  extraSearchPath: [],
  enforceStatementTimeouts: true,
};
const request = { method: 'POST', path: '/rpc/f', headers: {} } as unknown as LocalRequest;

describe('runTransaction', () => {
  it("answers a pool acquisition timeout with PostgREST's 504 PGRST003", async () => {
    const error = await runTransaction(
      context,
      request,
      { role: 'anon', claims: {}, authenticated: false } as never,
      'public',
      false,
      async () => 1,
    ).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RestError);
    expect(error).toMatchObject({
      status: 504,
      body: { code: 'PGRST003', message: 'Timed out acquiring connection from connection pool.' },
    });
  });
});
