/** @module Awaits something expected to fail with a database error and returns its SQLSTATE and message. */
import { isDbError } from '../../../src/local/db/index.ts';

/** The SQLSTATE and message of the database error `work` rejects with; throws if it resolves or fails otherwise. */
export async function dbErrorOf(work: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await work;
  } catch (error) {
    if (isDbError(error)) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error('expected a database error, but the call succeeded');
}
