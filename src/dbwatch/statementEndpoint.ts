/**
 * @module Maps a statement text to the endpoint it serves, by PostgREST's statement shape:
 * `WITH pgrst_source AS (SELECT ... "public"."place_auction_bid"(...))` is `rpc_place_auction_bid`,
 * a read or write of `"public"."box_tiers"` is `rest_box_tiers` (the request names of artillery.yml).
 */

const PGRST = /pgrst_source\s+AS\s+\(/i;
const PGRST_CALL = /\bpgrst_call\b/;
const CALL = /"([^"]+)"\."([^"]+)"\s*\(/;
const RELATION = /(?:FROM|INTO|UPDATE)\s+"([^"]+)"\."([^"]+)"/i;

/** `rpc_<function>`, `rest_<table>` or `(other)` (statements not shaped by PostgREST: transactions, settings, the stack's own). */
export function statementEndpoint(statement: string): string {
  if (!PGRST.test(statement)) return '(other)';
  // an RPC's source is `SELECT pgrst_call... FROM ... "schema"."fn"(...) pgrst_call`
  const call = PGRST_CALL.test(statement) ? CALL.exec(statement) : null;
  if (call) return `rpc_${call[2]}`;
  const relation = RELATION.exec(statement);
  return relation ? `rest_${relation[2]}` : '(other)';
}
