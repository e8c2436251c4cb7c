/** @module Parses `order=col.desc.nullslast,other` into order terms. */
import { pgrstErrors } from './pgrstErrors.ts';
import { QueryCursor } from './QueryCursor.ts';
import type { OrderTerm } from './queryTypes.ts';

function term(cursor: QueryCursor): OrderTerm {
  const field = cursor.field();
  if (cursor.peekChar() === '(') throw pgrstErrors.notEmbedded(field.name);
  let direction: OrderTerm['direction'];
  let nulls: OrderTerm['nulls'];
  if (cursor.eat('.asc')) direction = 'asc';
  else if (cursor.eat('.desc')) direction = 'desc';
  if (cursor.eat('.nullsfirst')) nulls = 'first';
  else if (cursor.eat('.nullslast')) nulls = 'last';
  cursor.skipSpaces();
  if (!cursor.done && cursor.peekChar() !== ',') {
    throw cursor.fail(
      direction === undefined && nulls === undefined
        ? 'expecting "asc", "desc", "nullsfirst" or "nullslast"'
        : 'expecting "," or end of input',
    );
  }
  return { field, direction, nulls };
}

/** Parses an `order` value. */
export function parseOrder(value: string): OrderTerm[] {
  const cursor = new QueryCursor(value, 'order');
  const terms: OrderTerm[] = [];
  for (;;) {
    terms.push(term(cursor));
    if (cursor.done) return terms;
    cursor.expect(',');
  }
}
