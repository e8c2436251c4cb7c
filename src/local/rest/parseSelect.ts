/** @module Parses `select=` (columns, `alias:col`, `col::type`, `*`, JSON paths); embeds and aggregates are refused. */
import { pgrstErrors } from './pgrstErrors.ts';
import { QueryCursor } from './QueryCursor.ts';
import type { SelectItem } from './queryTypes.ts';

/** Casts are emitted unquoted (quoting breaks `int`), so only plain type names are accepted. */
const SINGLE_WORD_TYPE = /^[A-Za-z_][A-Za-z0-9_]*$/;
const MULTI_WORD_TYPES = new Set([
  'double precision',
  'character varying',
  'bit varying',
  'timestamp with time zone',
  'timestamp without time zone',
  'time with time zone',
  'time without time zone',
]);
const AGGREGATE = /^\.(sum|avg|max|min|count)\(\)/i;

/** True for a cast target that can be written into SQL as is. */
function isSafeCast(type: string): boolean {
  return SINGLE_WORD_TYPE.test(type) || MULTI_WORD_TYPES.has(type.toLowerCase().replace(/\s+/g, ' '));
}

/** Optional `alias:` prefix (a single `:`; `::` starts a cast). */
function alias(cursor: QueryCursor): string | undefined {
  return cursor.attempt(() => {
    const name = cursor.fieldName();
    if (cursor.peekChar() !== ':' || cursor.peekChar(1) === ':') throw cursor.fail('expecting ":"');
    cursor.pos++;
    return name;
  });
}

function item(cursor: QueryCursor, schema: string, relation: string): SelectItem {
  cursor.skipSpaces();
  if (cursor.startsWith('...')) {
    cursor.pos += 3;
    throw pgrstErrors.noRelationship(relation, cursor.fieldName(), schema);
  }
  if (cursor.eat('*')) {
    cursor.skipSpaces();
    return { kind: 'star' };
  }
  const aliasName = alias(cursor);
  const start = cursor.pos;
  const field = cursor.field();
  if (field.name.toLowerCase() === 'count' && field.jsonPath.length === 0 && cursor.startsWith('()'))
    throw pgrstErrors.aggregatesNotAllowed();
  if (cursor.peekChar() === '!' || cursor.peekChar() === '(') {
    if (field.jsonPath.length > 0) throw cursor.fail('expecting "," or end of input');
    throw pgrstErrors.noRelationship(relation, field.name, schema);
  }
  if (AGGREGATE.test(cursor.input.slice(cursor.pos))) throw pgrstErrors.aggregatesNotAllowed();
  let cast: string | undefined;
  if (cursor.eat('::')) {
    const castStart = cursor.pos;
    cast = cursor.identifier();
    if (!isSafeCast(cast)) {
      cursor.pos = castStart;
      throw cursor.fail('expecting a type name');
    }
  }
  cursor.skipSpaces();
  if (!cursor.done && cursor.peekChar() !== ',') {
    if (cursor.pos === start) throw cursor.fail('expecting field name (* or [a..z0..9_$])');
    throw cursor.fail('expecting "->>", "->", "::", "," or end of input');
  }
  return { kind: 'field', field, alias: aliasName, cast };
}

/**
 * Parses a `select` value for `relation` (named in embed errors). Embedded resources answer
 * PGRST200 and aggregates PGRST123, as on Supabase where aggregates are disabled.
 */
export function parseSelect(value: string, schema: string, relation: string): SelectItem[] {
  const cursor = new QueryCursor(value, 'select parameter');
  const items: SelectItem[] = [];
  for (;;) {
    items.push(item(cursor, schema, relation));
    if (cursor.done) return items;
    cursor.expect(',');
  }
}
