/** @module Parses the operator part of a filter (`eq.5`, `not.in.(1,2)`, `is.null`, `fts(english).cat`). */
import { isFtsOperator, isIsValue, isSimpleOperator, QUANTIFIABLE_OPERATORS } from './filterOperators.ts';
import type { QueryCursor } from './QueryCursor.ts';
import type { Operation } from './queryTypes.ts';

const EXPECTING_OPERATOR = 'expecting "not" or operator (eq, gt, ...)';

/** `(a,"b,c",d)`: elements quoted or up to the next `,`/`)`. */
function listValue(cursor: QueryCursor): string[] {
  cursor.skipSpaces();
  cursor.expect('(');
  cursor.skipSpaces();
  const values: string[] = [];
  for (;;) {
    const quoted = cursor.attempt(() => {
      const value = cursor.quotedValue();
      const next = cursor.peekChar();
      if (next !== ',' && next !== ')') throw cursor.fail('expecting "," or ")"');
      return value;
    });
    if (quoted !== undefined) values.push(quoted);
    else {
      const start = cursor.pos;
      while (!cursor.done && cursor.peekChar() !== ',' && cursor.peekChar() !== ')') cursor.pos++;
      values.push(cursor.input.slice(start, cursor.pos));
    }
    if (!cursor.eat(',')) break;
  }
  cursor.skipSpaces();
  cursor.expect(')');
  cursor.skipSpaces();
  return values;
}

/**
 * Parses `[not.]<operator>.<value>` at the cursor; `singleValue` reads the value of simple
 * operators (the rest of the input at the top level, up to `,`/`)` inside logic trees).
 */
export function parseOperation(
  cursor: QueryCursor,
  singleValue: (cursor: QueryCursor) => string,
): { negated: boolean; operation: Operation } {
  const negated = cursor.eat('not.');
  if (cursor.eat('in.')) return { negated, operation: { kind: 'in', values: listValue(cursor) } };
  if (cursor.eat('is.')) {
    const start = cursor.pos;
    const word = /^[A-Za-z_]+/.exec(cursor.input.slice(start))?.[0]?.toLowerCase() ?? '';
    if (!isIsValue(word)) throw cursor.fail('expecting null or trilean value (unknown, true, false)');
    cursor.pos += word.length;
    return { negated, operation: { kind: 'is', value: word } };
  }
  const opMatch = /^([a-z]+)(?:\((any|all)\)|\(([^()]*)\))?\./.exec(cursor.input.slice(cursor.pos));
  if (!opMatch) throw cursor.fail(EXPECTING_OPERATOR);
  const [whole, name = '', quantifier, language] = opMatch;
  if (name === 'isdistinct' && quantifier === undefined && language === undefined) {
    cursor.pos += whole.length;
    return { negated, operation: { kind: 'isdistinct', value: singleValue(cursor) } };
  }
  if (isFtsOperator(name) && quantifier === undefined) {
    if (language !== undefined && !/^[\p{L}0-9_ $]+$/u.test(language))
      throw cursor.fail('expecting a text search configuration name');
    cursor.pos += whole.length;
    return {
      negated,
      operation: { kind: 'fts', operator: name, language: language?.trim(), value: singleValue(cursor) },
    };
  }
  if (
    !isSimpleOperator(name) ||
    language !== undefined ||
    (quantifier !== undefined && !QUANTIFIABLE_OPERATORS.has(name))
  ) {
    throw cursor.fail(`${EXPECTING_OPERATOR}; unknown single value operator ${name}`);
  }
  cursor.pos += whole.length;
  return {
    negated,
    operation: {
      kind: 'simple',
      operator: name,
      value: singleValue(cursor),
      quantifier: quantifier as 'any' | 'all' | undefined,
    },
  };
}
