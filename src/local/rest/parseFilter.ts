/** @module Parses one horizontal filter (`?col=op.value`, `?data->>key=eq.x`). */
import { parseOperation } from './parseOperation.ts';
import { QueryCursor } from './QueryCursor.ts';
import type { FieldRef, Filter } from './queryTypes.ts';

function restOfInput(cursor: QueryCursor): string {
  const value = cursor.input.slice(cursor.pos);
  cursor.pos = cursor.input.length;
  return value;
}

/** Parses the filter key (a field with optional JSON path) into a FieldRef. */
export function parseFilterKey(key: string): FieldRef {
  const cursor = new QueryCursor(key, 'tree path');
  const field = cursor.field();
  cursor.end('expecting "->>", "->" or end of input');
  return field;
}

/** Parses `key=value` where the value starts with an operator. */
export function parseFilter(key: string, value: string): Filter {
  const field = parseFilterKey(key);
  const cursor = new QueryCursor(value, 'filter');
  const { negated, operation } = parseOperation(cursor, restOfInput);
  cursor.end('expecting end of input');
  return { field, negated, operation };
}
