/** @module `/rpc/<fn>` endpoints: POST with a JSON body, GET/HEAD with query arguments (contract B1). */
import type { LocalResponse } from '../http/types.ts';
import { applyRangeHeader } from './applyRangeHeader.ts';
import { buildRpc, type RpcArguments } from './buildRpc.ts';
import { readRange } from './contentRange.ts';
import { executeStatement } from './executeStatement.ts';
import { parseQueryParams } from './parseQueryParams.ts';
import { preferenceApplied } from './parsePrefer.ts';
import { pgrstErrors } from './pgrstErrors.ts';
import { payloadKeys, readRequestBody } from './readRequestBody.ts';
import { baseHeaders, type RequestState, type RestContext } from './RequestState.ts';
import { resolveFunction, type CallShape } from './resolveFunction.ts';
import { runTransaction } from './runTransaction.ts';

/** Text arguments by name (repeated names collect their values, for VARIADIC parameters). */
function textArguments(pairs: readonly [string, string][]): RpcArguments & { kind: 'query' } {
  const values = new Map<string, string[]>();
  for (const [key, value] of pairs) values.set(key, [...(values.get(key) ?? []), value]);
  return { kind: 'query', values };
}

/** A POST call's arguments, the keys it is resolved by, and the body's type for the unnamed-parameter fallback. */
function postArguments(
  state: RequestState,
  columns: string[] | undefined,
): { args: RpcArguments; keys: string[]; bodyType: CallShape['bodyType'] } {
  const body = readRequestBody(state.request, 'rpc');
  if (body.kind === 'form') {
    const args = textArguments(body.fields);
    return { args, keys: [...args.values.keys()], bodyType: 'other' };
  }
  if (body.kind === 'raw') {
    const payload =
      body.type === 'bytea' ? { text: '', bytes: body.bytes, isArray: false } : { text: body.text, isArray: false };
    return { args: { kind: 'body', payload }, keys: [], bodyType: body.type };
  }
  const payload = { text: body.text, isArray: Array.isArray(body.value) };
  // with `?columns=` the body is passed on unchecked (PostgREST's RawJSON)
  return { args: { kind: 'body', payload }, keys: columns ?? payloadKeys(body.value), bodyType: 'json' };
}

/** Calls the function `name` of the negotiated schema. */
export async function handleRpc(context: RestContext, state: RequestState, name: string): Promise<LocalResponse> {
  const { method } = state.request;
  if (method === 'OPTIONS') {
    const overloads = context.cache.functions.get(state.schema)?.get(name) ?? [];
    const allow =
      overloads.length > 0 && overloads.every((fn) => fn.volatility === 'volatile')
        ? 'OPTIONS,POST'
        : 'OPTIONS,GET,HEAD,POST';
    return { status: 200, headers: { allow, 'access-control-allow-origin': '*' } };
  }
  if (method !== 'GET' && method !== 'HEAD' && method !== 'POST') throw pgrstErrors.invalidRpcMethod(method);
  const post = method === 'POST';
  const parsed = parseQueryParams(state.request.query, state.schema, name, { rpcRead: !post });
  const query = applyRangeHeader(state.request, parsed);
  let args: RpcArguments;
  let keys: string[];
  let bodyType: CallShape['bodyType'] = 'json';
  if (post) ({ args, keys, bodyType } = postArguments(state, query.columns));
  else {
    const text = textArguments(query.rpcArgs);
    args = text;
    keys = [...text.values.keys()];
  }
  const call = resolveFunction(context.cache, state.schema, name, keys, { post, bodyType });
  const head = method === 'HEAD';
  const statement = buildRpc({
    call,
    args,
    query,
    media: state.media,
    count: state.preferences.count !== undefined,
    head,
    maxRows: context.maxRows,
  });
  // GET never writes; POST runs read-only unless the function is VOLATILE, as PostgREST does
  const readOnly = !post || call.fn.volatility !== 'volatile';
  const row = await runTransaction(context, state.request, state.auth, state.schema, readOnly, (tx) =>
    executeStatement(tx, statement, state.media),
  );
  const { status, contentRange } = readRange(query.offset, row.page_total, row.total ?? undefined);
  if (status === 416) throw pgrstErrors.outOfRange(query.offset, row.total ?? 0);
  let headers: Record<string, string> = { ...baseHeaders(state), 'content-range': contentRange };
  const applied = preferenceApplied(state.preferences, {});
  if (applied !== undefined) headers['preference-applied'] = applied;
  if (call.fn.returns === 'void') return { status: 204, headers };
  headers = { ...headers, 'content-type': state.media.contentType };
  return head ? { status, headers } : { status, headers, body: row.body ?? 'null' };
}
