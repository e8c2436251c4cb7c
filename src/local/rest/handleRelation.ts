/** @module `/<table>` endpoints: GET/HEAD reads, POST insert/upsert, PATCH update, DELETE (contract B4). */
import type { LocalResponse } from '../http/types.ts';
import { applyRangeHeader } from './applyRangeHeader.ts';
import { buildDelete } from './buildDelete.ts';
import { buildInsert, UPDATED_COUNTER } from './buildInsert.ts';
import { buildRead, type BuiltStatement } from './buildRead.ts';
import { executeStatement } from './executeStatement.ts';
import { buildUpdate } from './buildUpdate.ts';
import { closestMatch } from './closestMatch.ts';
import { contentRange, readRange } from './contentRange.ts';
import type { ReturnPreference } from './mutationSql.ts';
import { parseQueryParams, type ParsedQuery } from './parseQueryParams.ts';
import { preferenceApplied } from './parsePrefer.ts';
import { pgrstErrors } from './pgrstErrors.ts';
import { isJsonObject, payloadKeys, readRequestBody } from './readRequestBody.ts';
import { baseHeaders, type RequestState, type RestContext } from './RequestState.ts';
import { runTransaction } from './runTransaction.ts';
import type { Payload } from './payloadSql.ts';
import type { ColumnInfo, RelationInfo } from './schemaCache.ts';
import type { StatementRow } from './statementSql.ts';

function withOptional(
  headers: Record<string, string>,
  name: string,
  value: string | undefined,
): Record<string, string> {
  return value === undefined ? headers : { ...headers, [name]: value };
}

function countRequested(state: RequestState): boolean {
  return state.preferences.count !== undefined;
}

function lookupRelation(context: RestContext, schema: string, name: string): RelationInfo {
  const relations = context.cache.relations.get(schema);
  const relation = relations?.get(name);
  if (!relation) throw pgrstErrors.tableNotFound(schema, name, closestMatch(relations?.keys() ?? [], name, 0.75));
  return relation;
}

async function read(
  context: RestContext,
  state: RequestState,
  relation: RelationInfo,
  query: ParsedQuery,
): Promise<LocalResponse> {
  const head = state.request.method === 'HEAD';
  const statement = buildRead({
    relation,
    query,
    media: state.media,
    count: countRequested(state),
    head,
    maxRows: context.maxRows,
  });
  const row = await runTransaction(context, state.request, state.auth, state.schema, true, (tx) =>
    executeStatement(tx, statement, state.media),
  );
  const total = row.total ?? undefined;
  const { status, contentRange: range } = readRange(query.offset, row.page_total, total);
  if (status === 416) throw pgrstErrors.outOfRange(query.offset, total ?? 0);
  const headers = withOptional(
    { ...baseHeaders(state), 'content-type': state.media.contentType, 'content-range': range },
    'preference-applied',
    preferenceApplied(state.preferences, {}),
  );
  return { status, headers, ...(head ? {} : { body: row.body ?? '[]' }) };
}

/** The payload columns: `?columns=` or the keys of the (first) object; all must exist (PGRST204). */
function payloadColumns(relation: RelationInfo, query: ParsedQuery, value: unknown): ColumnInfo[] {
  const names = query.columns ?? payloadKeys(value);
  return names.map((name) => {
    const column = relation.columns.get(name);
    if (!column) throw pgrstErrors.columnNotFound(relation.name, name);
    return column;
  });
}

/** The JSON body of POST (object or array of objects) or PATCH (one object) and its payload columns. */
function readPayload(
  state: RequestState,
  relation: RelationInfo,
  query: ParsedQuery,
  allowArray: boolean,
): { payload: Payload; columns: ColumnInfo[] } {
  const body = readRequestBody(state.request, 'relation');
  const isArray = Array.isArray(body.value);
  if (isArray && allowArray && !(body.value as unknown[]).every(isJsonObject))
    throw pgrstErrors.invalidBody('All object keys must match');
  if (!isJsonObject(body.value) && !(isArray && allowArray)) throw pgrstErrors.invalidBody('Empty or invalid json');
  return { payload: { text: body.text, isArray }, columns: payloadColumns(relation, query, body.value) };
}

function locationHeader(relation: RelationInfo, row: StatementRow): string | undefined {
  if (row.page_total !== 1 || row.body === null || relation.primaryKey.length === 0) return undefined;
  const parsed = JSON.parse(row.body) as Record<string, unknown> | Record<string, unknown>[];
  const keys = Array.isArray(parsed) ? parsed[0] : parsed;
  if (!keys) return undefined;
  const query = relation.primaryKey
    .map((column) => {
      const value = keys[column];
      const filter =
        value === null || value === undefined
          ? 'is.null'
          : `eq.${typeof value === 'object' ? JSON.stringify(value) : String(value)}`;
      return `${encodeURIComponent(column)}=${encodeURIComponent(filter)}`;
    })
    .join('&');
  return `/${relation.name}?${query}`;
}

async function insert(
  context: RestContext,
  state: RequestState,
  relation: RelationInfo,
  query: ParsedQuery,
): Promise<LocalResponse> {
  const { preferences } = state;
  const { payload, columns } = readPayload(state, relation, query, true);
  const returning: ReturnPreference = preferences.return ?? 'minimal';
  const plan = buildInsert({
    relation,
    query,
    columns,
    payload,
    resolution: preferences.resolution,
    missingDefault: preferences.missing === 'default',
    returning,
    media: state.media,
  });
  const { row, updated } = await runTransaction(context, state.request, state.auth, state.schema, false, async (tx) => {
    const result = await executeStatement(tx, plan, state.media);
    let updatedRows = 0;
    if (plan.resolution === 'merge-duplicates') {
      const [counter] = await tx.query<{ updated: string | null }>(
        `SELECT nullif(current_setting('${UPDATED_COUNTER}', true), '') AS updated`,
      );
      updatedRows = Number(counter?.updated ?? 0);
    }
    return { row: result, updated: updatedRows };
  });
  const inserted = row.page_total - updated;
  const status = inserted <= 0 && plan.resolution === 'merge-duplicates' ? 200 : 201;
  let headers: Record<string, string> = {
    ...baseHeaders(state),
    'content-range': contentRange(1, 0, countRequested(state) ? row.page_total : undefined),
  };
  headers = withOptional(
    headers,
    'preference-applied',
    preferenceApplied(preferences, { resolution: plan.resolution !== undefined, missing: true, return: true }),
  );
  if (returning === 'headers-only') headers = withOptional(headers, 'location', locationHeader(relation, row));
  if (returning !== 'representation') return { status, headers };
  return { status, headers: { ...headers, 'content-type': state.media.contentType }, body: row.body ?? '[]' };
}

function hasFilters(query: ParsedQuery): boolean {
  return query.filters.length > 0 || query.logic.length > 0;
}

function mutationReturn(state: RequestState): ReturnPreference {
  // headers-only has no meaning for PATCH/DELETE; PostgREST answers it like minimal
  return state.preferences.return === 'representation' ? 'representation' : 'minimal';
}

async function mutate(
  context: RestContext,
  state: RequestState,
  statement: BuiltStatement,
  returning: ReturnPreference,
  range: (rows: number) => string,
): Promise<LocalResponse> {
  const { preferences } = state;
  const row = await runTransaction(context, state.request, state.auth, state.schema, false, async (tx) => {
    const result = await executeStatement(tx, statement, state.media);
    if (
      preferences.handling === 'strict' &&
      preferences.maxAffected !== undefined &&
      result.page_total > preferences.maxAffected
    ) {
      throw pgrstErrors.maxAffected(result.page_total);
    }
    return result;
  });
  const headers = withOptional(
    { ...baseHeaders(state), 'content-range': range(row.page_total) },
    'preference-applied',
    preferenceApplied(preferences, { missing: state.request.method === 'PATCH', return: true, maxAffected: true }),
  );
  if (returning !== 'representation') return { status: 204, headers };
  return { status: 200, headers: { ...headers, 'content-type': state.media.contentType }, body: row.body ?? '[]' };
}

async function update(
  context: RestContext,
  state: RequestState,
  relation: RelationInfo,
  query: ParsedQuery,
): Promise<LocalResponse> {
  const { payload, columns } = readPayload(state, relation, query, false);
  if (!hasFilters(query)) throw pgrstErrors.requiresWhere('UPDATE');
  if (query.limit !== undefined || query.offset > 0) throw pgrstErrors.notImplemented('limit/offset on PATCH');
  const returning = mutationReturn(state);
  const statement = buildUpdate({
    relation,
    query,
    columns,
    payload,
    missingDefault: state.preferences.missing === 'default',
    returning,
    media: state.media,
  });
  const count = countRequested(state);
  return mutate(context, state, statement, returning, (rows) => contentRange(0, rows - 1, count ? rows : undefined));
}

async function remove(
  context: RestContext,
  state: RequestState,
  relation: RelationInfo,
  query: ParsedQuery,
): Promise<LocalResponse> {
  if (!hasFilters(query)) throw pgrstErrors.requiresWhere('DELETE');
  if (query.limit !== undefined || query.offset > 0) throw pgrstErrors.notImplemented('limit/offset on DELETE');
  const returning = mutationReturn(state);
  const statement = buildDelete({ relation, query, returning, media: state.media });
  const count = countRequested(state);
  return mutate(context, state, statement, returning, (rows) => contentRange(1, 0, count ? rows : undefined));
}

/** Answers a request on the table or view `name` of the negotiated schema. */
export async function handleRelation(context: RestContext, state: RequestState, name: string): Promise<LocalResponse> {
  const { method } = state.request;
  const relation = lookupRelation(context, state.schema, name);
  if (method === 'OPTIONS') {
    return {
      status: 200,
      headers: { allow: 'OPTIONS,GET,HEAD,POST,PATCH,DELETE', 'access-control-allow-origin': '*' },
    };
  }
  // every parameter that is not reserved must be a filter with an operator (PGRST100 otherwise)
  const query = parseQueryParams(state.request.query, state.schema, name, { rpcRead: false });
  switch (method) {
    case 'GET':
    case 'HEAD':
      return read(context, state, relation, applyRangeHeader(state.request, query));
    case 'POST':
      return insert(context, state, relation, query);
    case 'PATCH':
      return update(context, state, relation, query);
    case 'DELETE':
      return remove(context, state, relation, query);
    case 'PUT':
      throw pgrstErrors.notImplemented('PUT (single-row upsert)');
    default:
      throw pgrstErrors.unsupportedMethod(method);
  }
}
