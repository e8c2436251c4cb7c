/**
 * @module The statement for `/rpc/<fn>` (PostgREST `callPlanToQuery`): named-notation call fed by
 * `json_to_record` over the body (omitted parameters take their DEFAULTs, JSON null passes NULL),
 * or by text arguments cast to the parameter types for GET; the result shaped by return type.
 */
import type { BuiltStatement } from './buildRead.ts';
import type { ColumnScope } from './fieldSql.ts';
import type { MediaChoice } from './negotiate.ts';
import { orderSql } from './orderSql.ts';
import type { ParsedQuery } from './parseQueryParams.ts';
import { payloadSql, type Payload } from './payloadSql.ts';
import type { ResolvedCall } from './resolveFunction.ts';
import { selectListSql } from './selectListSql.ts';
import { arrayLiteral, qualifiedName, quoteIdent, SqlParams } from './sql.ts';
import { bodyExpression, limitOffsetSql, statementSql, type BodyShape } from './statementSql.ts';
import { whereSql } from './whereSql.ts';

/** Where the arguments come from: the POST body, or GET query parameters (values per name). */
export type RpcArguments =
  | { kind: 'body'; payload: Payload }
  | { kind: 'query'; values: ReadonlyMap<string, readonly string[]> };

function callSql(call: ResolvedCall, args: RpcArguments, params: SqlParams): { from: string; argumentList: string } {
  const [single] = call.fn.params;
  if (call.mode === 'single' && single && args.kind === 'body') {
    return { from: '', argumentList: `${params.add(args.payload.bytes ?? args.payload.text)}::${single.type}` };
  }
  if (call.named.length === 0) return { from: '', argumentList: '' };
  if (args.kind === 'query') {
    const list = call.named.map((param) => {
      const values = args.values.get(param.name) ?? [];
      const text = param.variadic ? arrayLiteral(values) : (values[values.length - 1] ?? '');
      return `${param.variadic ? 'VARIADIC ' : ''}${quoteIdent(param.name)} := ${params.add(text)}::${param.type}`;
    });
    return { from: '', argumentList: list.join(', ') };
  }
  const columns = call.named.map((param) => ({ name: param.name, type: param.type, defaultExpr: undefined }));
  const from = payloadSql(columns, args.payload, params, { firstOnly: true, withDefaults: false });
  const list = call.named.map(
    (param) => `${param.variadic ? 'VARIADIC ' : ''}${quoteIdent(param.name)} := pgrst_body.${quoteIdent(param.name)}`,
  );
  return { from, argumentList: list.join(', ') };
}

/** The call statement; `shape` tells the caller how the body was built (void → 204). */
export function buildRpc(options: {
  call: ResolvedCall;
  args: RpcArguments;
  query: ParsedQuery;
  media: MediaChoice;
  count: boolean;
  head: boolean;
  maxRows: number | undefined;
}): BuiltStatement & { shape: BodyShape } {
  const { call, query } = options;
  const { fn } = call;
  const params = new SqlParams();
  const { from, argumentList } = callSql(call, options.args, params);
  const invocation = `${qualifiedName(fn.schema, fn.name)}(${argumentList})`;
  const composite = fn.returns === 'composite' || fn.returns === 'setof_composite';
  const source = composite
    ? `SELECT pgrst_call.* FROM ${from === '' ? '' : `${from}, LATERAL `}${invocation} pgrst_call`
    : `SELECT pgrst_call.pgrst_scalar FROM ${from === '' ? '' : `${from}, `}LATERAL (SELECT ${invocation} pgrst_scalar) pgrst_call`;
  // only composite results have columns to select, filter and order on
  const scope: ColumnScope = {
    qualifier: 'pgrst_source',
    relationName: fn.name,
    columns: composite ? fn.returnColumns : new Map(),
  };
  const select = composite ? selectListSql(scope, query.select, params) : 'pgrst_source.pgrst_scalar';
  if (!composite && !query.selectIsDefault)
    selectListSql(
      scope,
      query.select.filter((item) => item.kind !== 'star'),
      params,
    );
  const where = whereSql(scope, query.filters, query.logic, params);
  const order = orderSql(scope, query.order, params);
  const set = fn.returns === 'setof_composite' || fn.returns === 'setof_scalar';
  const page = `SELECT ${select} FROM pgrst_source ${where} ${order} ${limitOffsetSql(query.limit, query.offset, set ? options.maxRows : undefined)}`;
  let shape: BodyShape;
  if (options.head || fn.returns === 'void') shape = 'none';
  else if (fn.returns === 'composite') shape = 'object';
  else if (fn.returns === 'setof_composite') shape = 'array';
  else shape = fn.returns;
  const sql = statementSql({
    source,
    page,
    countSql: options.count ? `SELECT 1 FROM pgrst_source ${where}` : undefined,
    body: bodyExpression(shape, options.media),
  });
  return { sql, params: params.values, shape };
}
