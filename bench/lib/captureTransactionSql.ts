/**
 * @module A measurement tap: records the statements the local stack sends inside transactions
 * while `work` runs, so a benchmark can replay exactly the SQL of an HTTP request in-process.
 */
import type { Db, Queryable } from '../../src/local/db/index.ts';

export interface CapturedStatement {
  sql: string;
  params: readonly unknown[];
}

/**
 * Runs `work` with `db.transaction` wrapped to record every `query` of every transaction, then
 * restores it. Returns the statements of each transaction, in order.
 */
export async function captureTransactionSql(db: Db, work: () => Promise<void>): Promise<CapturedStatement[][]> {
  const original = db.transaction;
  const transactions: CapturedStatement[][] = [];
  const tapped = <T>(fn: (tx: Queryable) => Promise<T>): Promise<T> =>
    original.call(db, (tx) => {
      const statements: CapturedStatement[] = [];
      transactions.push(statements);
      return fn({
        query: (sql, params = []) => {
          statements.push({ sql, params });
          return tx.query(sql, params);
        },
        exec: (sql) => tx.exec(sql),
      });
    }) as Promise<T>;
  (db as { transaction: Db['transaction'] }).transaction = tapped;
  try {
    await work();
  } finally {
    (db as { transaction: Db['transaction'] }).transaction = original;
  }
  return transactions;
}
