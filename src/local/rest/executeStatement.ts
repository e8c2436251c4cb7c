/** @module Runs a built statement inside the request transaction and enforces the singular media type. */
import type { Queryable } from '../db/index.ts';
import type { BuiltStatement } from './buildRead.ts';
import type { MediaChoice } from './negotiate.ts';
import { pgrstErrors } from './pgrstErrors.ts';
import type { StatementRow } from './statementSql.ts';

/**
 * Runs `statement` and returns its row. With `application/vnd.pgrst.object+json` anything but
 * exactly one row is 406 PGRST116, thrown inside the transaction so a mutation is rolled back.
 */
export async function executeStatement(
  tx: Queryable,
  statement: BuiltStatement,
  media: MediaChoice,
): Promise<StatementRow> {
  const [row] = await tx.query<StatementRow>(statement.sql, statement.params);
  const result = row ?? { total: null, page_total: 0, body: null };
  if (media.shape === 'object' && result.page_total !== 1) throw pgrstErrors.singularity(result.page_total);
  return result;
}
