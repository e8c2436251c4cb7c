/**
 * @module Splits a request's query string into PostgREST's parts (`ApiRequest/QueryParams.hs`):
 * select, filters, and/or trees, order, limit/offset, columns, on_conflict, and RPC arguments
 * (parameters whose value carries no operator).
 */
import { isFtsOperator, isSingleValueOperator } from './filterOperators.ts';
import { parseColumns } from './parseColumns.ts';
import { parseFilter, parseFilterKey } from './parseFilter.ts';
import { parseLogicTree } from './parseLogicTree.ts';
import { parseOrder } from './parseOrder.ts';
import { parseSelect } from './parseSelect.ts';
import { pgrstErrors } from './pgrstErrors.ts';
import type { Filter, LogicTree, OrderTerm, SelectItem } from './queryTypes.ts';

export interface ParsedQuery {
  select: SelectItem[];
  /** true when the request had no `select` (PostgREST then returns every column) */
  selectIsDefault: boolean;
  filters: Filter[];
  logic: LogicTree[];
  order: OrderTerm[];
  limit: number | undefined;
  offset: number;
  columns: string[] | undefined;
  onConflict: string[] | undefined;
  /** parameters without an operator: arguments of `GET /rpc/fn` (only read with `rpcRead`) */
  rpcArgs: [string, string][];
}

const RESERVED_EMBEDDABLE = new Set(['order', 'limit', 'offset', 'and', 'or']);

/** PostgREST's test for "this value is a filter, not an RPC argument" (`hasOperator`/`hasFtsOperator`). */
function hasOperator(value: string): boolean {
  const parts = value.split('.');
  const first = parts[0] ?? '';
  if (first === 'not' && parts.length >= 2) return true;
  if (first === 'is' || first === 'in') return true;
  if (isSingleValueOperator(first.replace(/\((any|all)\)$/, ''))) return true;
  const beforeParen = value.split('(');
  return beforeParen.length >= 2 && isFtsOperator(beforeParen[0] ?? '');
}

/** True when a dotted key is still one field (`"a.b"`, `data->>x`), not an embedded resource path. */
function isRootField(key: string): boolean {
  try {
    parseFilterKey(key);
    return true;
  } catch {
    return false;
  }
}

function nonNegativeInteger(name: 'limit' | 'offset', value: string): number {
  if (!/^[0-9]+$/.test(value) || !Number.isSafeInteger(Number(value))) {
    throw pgrstErrors.queryParam(`${name} parameter`, value, 1, 'expecting a non-negative integer');
  }
  return Number(value);
}

/**
 * Parses the query string of a request on `schema`.`relation` (the name is used in embed errors).
 * With `rpcRead` (GET/HEAD on an RPC) a parameter without an operator is an argument; otherwise it
 * is a filter that fails to parse (400 PGRST100), as in PostgREST.
 */
export function parseQueryParams(
  query: URLSearchParams,
  schema: string,
  relation: string,
  { rpcRead }: { rpcRead: boolean },
): ParsedQuery {
  const parsed: ParsedQuery = {
    select: [{ kind: 'star' }],
    selectIsDefault: true,
    filters: [],
    logic: [],
    order: [],
    limit: undefined,
    offset: 0,
    columns: undefined,
    onConflict: undefined,
    rpcArgs: [],
  };
  for (const [key, value] of query) {
    const segments = key.split('.');
    const last = segments[segments.length - 1] ?? '';
    if (key === 'select') {
      parsed.select = parseSelect(value, schema, relation);
      parsed.selectIsDefault = false;
    } else if (key === 'columns') parsed.columns = parseColumns(value, 'columns parameter');
    else if (key === 'on_conflict') parsed.onConflict = parseColumns(value, 'on_conflict parameter');
    else if (RESERVED_EMBEDDABLE.has(last)) {
      const embedded = segments.filter((segment) => segment !== 'not').slice(0, -1);
      if (embedded.length > 0) throw pgrstErrors.notEmbedded(embedded.join('.'));
      if (key === 'order') parsed.order.push(...parseOrder(value));
      else if (key === 'limit') parsed.limit = nonNegativeInteger('limit', value);
      else if (key === 'offset') parsed.offset = nonNegativeInteger('offset', value);
      else if (key === 'and' || key === 'or' || key === 'not.and' || key === 'not.or')
        parsed.logic.push(parseLogicTree(key, value));
      else throw pgrstErrors.queryParam('logic path', key, 1, 'expecting logic operator (and, or)');
    } else if (key.includes('.') || !rpcRead || hasOperator(value)) {
      if (key.includes('.') && !isRootField(key)) throw pgrstErrors.notEmbedded(segments.slice(0, -1).join('.'));
      parsed.filters.push(parseFilter(key, value));
    } else {
      parsed.rpcArgs.push([key, value]);
    }
  }
  return parsed;
}
