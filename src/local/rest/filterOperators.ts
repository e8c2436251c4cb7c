/**
 * @module PostgREST's filter operators, written once (`Types/Operators.hs` of PostgREST v14): their
 * names, their SQL, and which take `(any)`/`(all)`. The parser, the RPC-argument test and the SQL
 * builder all read this table, so an operator added here is known to all three.
 */

/** Simple operators: `<op>.<value>`, with the SQL operator they become. */
export const SIMPLE_OPERATOR_SQL = {
  eq: '=',
  neq: '<>',
  gt: '>',
  gte: '>=',
  lt: '<',
  lte: '<=',
  like: 'like',
  ilike: 'ilike',
  match: '~',
  imatch: '~*',
  cs: '@>',
  cd: '<@',
  ov: '&&',
  sl: '<<',
  sr: '>>',
  nxr: '&<',
  nxl: '&>',
  adj: '-|-',
} as const;

export type SimpleOperator = keyof typeof SIMPLE_OPERATOR_SQL;

/** Simple operators that take `(any)`/`(all)` with a `{a,b}` list. */
export const QUANTIFIABLE_OPERATORS: ReadonlySet<SimpleOperator> = new Set<SimpleOperator>([
  'eq',
  'gt',
  'gte',
  'lt',
  'lte',
  'like',
  'ilike',
  'match',
  'imatch',
]);

/** Full-text operators: `<op>[(language)].<value>`, with the tsquery function they call. */
export const FTS_OPERATOR_FUNCTIONS = {
  fts: 'to_tsquery',
  plfts: 'plainto_tsquery',
  phfts: 'phraseto_tsquery',
  wfts: 'websearch_to_tsquery',
} as const;

export type FtsOperator = keyof typeof FTS_OPERATOR_FUNCTIONS;

/** `is.<value>` operands, with their SQL. */
export const IS_VALUE_SQL = {
  null: 'NULL',
  not_null: 'NOT NULL',
  true: 'TRUE',
  false: 'FALSE',
  unknown: 'UNKNOWN',
} as const;

export type IsValue = keyof typeof IS_VALUE_SQL;

/** True when `name` is a simple operator. */
export function isSimpleOperator(name: string): name is SimpleOperator {
  return Object.hasOwn(SIMPLE_OPERATOR_SQL, name);
}

/** True when `name` is a full-text operator. */
export function isFtsOperator(name: string): name is FtsOperator {
  return Object.hasOwn(FTS_OPERATOR_FUNCTIONS, name);
}

/** True when `name` is an `is.` operand (lower case). */
export function isIsValue(name: string): name is IsValue {
  return Object.hasOwn(IS_VALUE_SQL, name);
}

/** True for every operator word written `<word>.` before a single value (simple, fts, `isdistinct`). */
export function isSingleValueOperator(name: string): boolean {
  return isSimpleOperator(name) || isFtsOperator(name) || name === 'isdistinct';
}
